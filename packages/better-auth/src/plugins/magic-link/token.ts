/** Magic-link tokens: how they are made and how they are stored in `verification`. */
import { sha256 } from "@noble/hashes/sha2.js";
import { generateRandomString } from "../../crypto/random";
import type { MagicLinkOptions } from "./types";

/** The `verification.identifier` prefix, as better-auth 1.7 writes it, so rows stay compatible. */
const PREFIX = "magic-link:";

function base64url(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newToken(options: MagicLinkOptions, email: string): string | Promise<string> {
	return options.generateToken ? options.generateToken(email) : generateRandomString(32, "a-z", "A-Z");
}

/** The identifier a token is stored under: the token itself, its SHA-256, or a custom hash. */
export async function tokenIdentifier(options: MagicLinkOptions, token: string): Promise<string> {
	const store = options.storeToken ?? "plain";
	if (store === "plain") return PREFIX + token;
	if (store === "hashed") return PREFIX + base64url(sha256(new TextEncoder().encode(token)));
	return PREFIX + (await store.hash(token));
}

/** The `verification.value` of a link: who it signs in, and the name to give a new user. */
export interface MagicLinkValue {
	email: string;
	name?: string;
}

export function encodeValue(value: MagicLinkValue): string {
	return JSON.stringify({ type: "magic-link", ...value });
}

/** The stored value, or null when it is not a magic-link value. */
export function decodeValue(raw: string): MagicLinkValue | null {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return null;
	}
	if (!parsed || typeof parsed !== "object") return null;
	const { type, email, name } = parsed as Record<string, unknown>;
	if (type !== "magic-link" || typeof email !== "string" || !email) return null;
	return { email, ...(typeof name === "string" ? { name } : {}) };
}
