/**
 * The session cookie cache (`session_data`): `{ session, user }` in a short-lived signed cookie,
 * so get-session can answer without the database. Format ("compact", Better Auth's default):
 * base64url(JSON { session: { session, user, updatedAt, version }, expiresAt, signature }),
 * signature = base64url(HMAC-SHA256(secret, JSON({ ...session, expiresAt }))). Caches issued by
 * better-auth 1.7 are accepted, and ours by it. Strategy "jwt": an HS256 JWT (key: the secret)
 * with `{ session, user, updatedAt, version }` and `exp`, also as better-auth 1.7 issues it.
 * Strategy "jwe": the same claims encrypted (alg "dir", enc A256CBC-HS512) with a 64-byte key
 * HKDF-SHA256(secret, salt "better-auth-session", info "BetterAuth.js Generated Encryption Key"),
 * `kid` the key's JWK thumbprint; readable by better-auth 1.7 and its caches readable here.
 */
import type { Session, User } from "@better-auth/core";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt, jwtVerify, SignJWT } from "jose";
import { fullContext } from "../context/full-context";
import { parseCookies } from "../cookies";
import { makeSignatureBase64Url } from "../crypto/hmac";
import { constantTimeEqual } from "../crypto/random";

interface CacheCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

const encoder = new TextEncoder();
type BufferLike = { from(text: string, encoding: string): { toString(encoding: string): string } };
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

function toBase64Url(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
	if (NodeBuffer) return NodeBuffer.from(text, "base64url").toString("utf8");
	const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
	const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
	return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

const sign = makeSignatureBase64Url;

interface JweKey {
	key: Uint8Array;
	kid: string;
}
const JWE_SALT = encoder.encode("better-auth-session");
const JWE_INFO = encoder.encode("BetterAuth.js Generated Encryption Key");
const jweKeys = new Map<string, Promise<JweKey>>();

/** The cache's encryption key for a secret, derived once. */
function jweKey(secret: string): Promise<JweKey> {
	let entry = jweKeys.get(secret);
	if (!entry) {
		const key = hkdf(sha256, encoder.encode(secret), JWE_SALT, JWE_INFO, 64);
		entry = calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, "sha256").then((kid) => ({ key, kid }));
		jweKeys.set(secret, entry);
	}
	return entry;
}

function cacheConfig(ctx: CacheCtx) {
	const cache = fullContext(ctx).options.session?.cookieCache;
	if (!cache?.enabled) return null;
	return {
		maxAge: cache.maxAge ?? 300,
		version: typeof cache.version === "string" ? cache.version : "1",
		strategy: cache.strategy ?? "compact",
	};
}

/** Writes the cache cookie for a session (no-op when the cache is off). */
export async function setCookieCache(ctx: CacheCtx, data: { session: Session; user: User }): Promise<void> {
	const config = cacheConfig(ctx);
	if (!config) return;
	const context = fullContext(ctx);
	const session = { session: data.session, user: data.user, updatedAt: Date.now(), version: config.version };
	const expiresAt = Date.now() + config.maxAge * 1000;
	let value: string;
	if (config.strategy === "jwe") {
		const { key, kid } = await jweKey(context.secret);
		value = await new EncryptJWT(session)
			.setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", kid })
			.setIssuedAt()
			.setExpirationTime(Math.floor(expiresAt / 1000))
			.setJti(crypto.randomUUID())
			.encrypt(key);
	} else if (config.strategy === "jwt") {
		value = await new SignJWT(session)
			.setProtectedHeader({ alg: "HS256" })
			.setIssuedAt()
			.setExpirationTime(Math.floor(expiresAt / 1000))
			.sign(encoder.encode(context.secret));
	} else {
		const signature = await sign(JSON.stringify({ ...session, expiresAt }), context.secret);
		value = toBase64Url(encoder.encode(JSON.stringify({ session, expiresAt, signature })));
	}
	const cookie = context.authCookies.sessionData;
	ctx.setCookie(cookie.name, value, { ...cookie.attributes, maxAge: config.maxAge } as Record<string, unknown>);
}

/**
 * The cached `{ session, user }` when the cache cookie is valid (signature, expiry, version, and
 * the same session token as the session cookie), else null.
 */
export async function readCookieCache(
	ctx: CacheCtx,
	sessionToken: string,
): Promise<{ session: Session; user: User } | null> {
	const config = cacheConfig(ctx);
	if (!config) return null;
	const context = fullContext(ctx);
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const raw = parseCookies(header).get(context.authCookies.sessionData.name);
	if (!raw) return null;
	try {
		if (config.strategy === "jwt" || config.strategy === "jwe") {
			const { payload } =
				config.strategy === "jwe"
					? await jwtDecrypt(raw, (await jweKey(context.secret)).key, {
							keyManagementAlgorithms: ["dir"],
							contentEncryptionAlgorithms: ["A256CBC-HS512"],
						})
					: await jwtVerify(raw, encoder.encode(context.secret), { algorithms: ["HS256"] });
			const cached = payload as unknown as { session: Session; user: User; version?: string };
			if ((cached.version ?? "1") !== config.version || cached.session?.token !== sessionToken) return null;
			return { session: cached.session, user: cached.user };
		}
		const parsed = JSON.parse(fromBase64Url(raw)) as {
			session: { session: Session; user: User; updatedAt: number; version?: string };
			expiresAt: number;
			signature: string;
		};
		if (typeof parsed.expiresAt !== "number" || parsed.expiresAt <= Date.now()) return null;
		const expected = await sign(JSON.stringify({ ...parsed.session, expiresAt: parsed.expiresAt }), context.secret);
		if (!constantTimeEqual(expected, parsed.signature)) return null;
		if ((parsed.session.version ?? "1") !== config.version) return null;
		if (parsed.session.session.token !== sessionToken) return null;
		return { session: parsed.session.session, user: parsed.session.user };
	} catch {
		return null;
	}
}
