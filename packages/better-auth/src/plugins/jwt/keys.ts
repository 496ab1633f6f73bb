/**
 * Key pairs: generation, storage in `jwks` (private key encrypted with the secret), the public
 * JWKS, and the choice of the key that signs. Rows are read and written in better-auth 1.7's
 * format, so keys it created sign and verify here and the other way round.
 */
import type { AuthContext } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric";
import { assertKeyPairConfig, configuredAlg, DEFAULT_GRACE_PERIOD, DEFAULT_KEY_PAIR } from "./config";
import type { Jwk, JwkAlgorithm, JwtCtx, JwtOptions } from "./types";

const contextOf = (ctx: JwtCtx) => ctx.context as AuthContext;

/**
 * Generates a key pair for `options.jwks.keyPairConfig` (EdDSA/Ed25519 by default) and exports
 * both halves as JWKs. `cfg` is the configuration without `alg`.
 */
export async function generateExportedKeyPair(options?: JwtOptions) {
	const { alg, ...cfg } = options?.jwks?.keyPairConfig ?? DEFAULT_KEY_PAIR;
	assertKeyPairConfig({ alg, ...cfg } as never);
	const { publicKey, privateKey } = await generateKeyPair(alg, { ...cfg, extractable: true });
	return {
		publicWebKey: await exportJWK(publicKey),
		privateWebKey: await exportJWK(privateKey),
		alg,
		cfg,
	};
}

/** Normalizes a row from the database or a custom adapter (dates may come back as strings). */
function toJwk(row: Jwk): Jwk {
	return {
		...row,
		createdAt: new Date(row.createdAt),
		expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
	};
}

/** Every stored key, oldest first as the store returns them. */
export async function listJwks(ctx: JwtCtx, options?: JwtOptions): Promise<Jwk[]> {
	const rows = options?.adapter?.getJwks
		? await options.adapter.getJwks(ctx)
		: await contextOf(ctx).adapter.findMany<Jwk>({ model: "jwks" });
	return (rows ?? []).map(toJwk);
}

/**
 * Generates a key pair and stores it: the public JWK as JSON, the private JWK as JSON or, by
 * default, as the JSON string of its encryption with the secret.
 */
export async function createJwk(ctx: JwtCtx, options?: JwtOptions): Promise<Jwk> {
	const context = contextOf(ctx);
	const { publicWebKey, privateWebKey, alg } = await generateExportedKeyPair(options);
	const privateJson = JSON.stringify(privateWebKey);
	const privateKey = options?.jwks?.disablePrivateKeyEncryption
		? privateJson
		: JSON.stringify(await symmetricEncrypt({ key: context.secret, data: privateJson }));
	const createdAt = new Date();
	const interval = options?.jwks?.rotationInterval;
	const data: Omit<Jwk, "id"> = {
		alg,
		crv: publicWebKey.crv ?? null,
		publicKey: JSON.stringify(publicWebKey),
		privateKey,
		createdAt,
		...(interval ? { expiresAt: new Date(createdAt.getTime() + interval * 1000) } : {}),
	};
	const created = options?.adapter?.createJwk
		? await options.adapter.createJwk(data, ctx)
		: await context.adapter.create<Omit<Jwk, "id">, Jwk>({ model: "jwks", data });
	return toJwk(created);
}

// One key creation at a time per database: parallel first requests would otherwise each
// create a key (harmless, but every one of them would be published forever).
const creating = new WeakMap<object, Promise<Jwk>>();

function createJwkOnce(ctx: JwtCtx, options?: JwtOptions): Promise<Jwk> {
	const owner = options?.adapter ?? contextOf(ctx).adapter;
	let pending = creating.get(owner);
	if (!pending) {
		pending = createJwk(ctx, options).finally(() => creating.delete(owner));
		creating.set(owner, pending);
	}
	return pending;
}

/** The keys published in the JWKS: all of them, less those rotated out beyond the grace period. */
export function publishedKeys(rows: Jwk[], options?: JwtOptions, now = Date.now()): JWK[] {
	const grace = (options?.jwks?.gracePeriod ?? DEFAULT_GRACE_PERIOD) * 1000;
	const alg = configuredAlg(options);
	return rows
		.filter((row) => !row.expiresAt || row.expiresAt.getTime() + grace > now)
		.map((row) => ({
			alg: row.alg ?? alg,
			...(row.crv ? { crv: row.crv } : {}),
			...(JSON.parse(row.publicKey) as JWK),
			kid: row.id,
		}));
}

/** The JWKS document, creating the first key when there is none yet. */
export async function getJwksDocument(ctx: JwtCtx, options?: JwtOptions): Promise<{ keys: JWK[] }> {
	let rows = await listJwks(ctx, options);
	if (rows.length === 0) {
		await createJwkOnce(ctx, options);
		rows = await listJwks(ctx, options);
	}
	return { keys: publishedKeys(rows, options) };
}

/**
 * The key that signs: the newest key of the configured algorithm (rows without `alg` count as
 * it), else the newest key of any algorithm; a new key when there is none or it has expired.
 */
export async function latestSigningJwk(ctx: JwtCtx, options?: JwtOptions): Promise<Jwk> {
	const alg = configuredAlg(options);
	const newestFirst = (await listJwks(ctx, options)).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	const key = newestFirst.find((row) => (row.alg ?? alg) === alg) ?? newestFirst[0];
	if (!key || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return createJwkOnce(ctx, options);
	return key;
}

/** The private JWK of a row, decrypted when it was stored encrypted (a JSON string). */
async function privateJwkOf(row: Jwk, secret: string): Promise<JWK> {
	let stored: unknown;
	try {
		stored = JSON.parse(row.privateKey);
	} catch {
		stored = row.privateKey;
	}
	if (typeof stored !== "string") return stored as JWK;
	try {
		return JSON.parse(await symmetricDecrypt({ key: secret, data: stored })) as JWK;
	} catch (cause) {
		throw new BetterAuthError(
			`jwt: the private key of JWKS key "${row.id}" cannot be decrypted with the configured secret. ` +
				"Was it created with another secret? Restore that secret or delete the key so a new one is made.",
			{ cause },
		);
	}
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;
// Decrypting and importing costs more than signing: keep the last few imported keys.
const imported = new Map<string, Promise<SigningKey>>();
const IMPORTED_MAX = 32;

/** The signing key of a row, imported for jose. */
export function importPrivateKey(row: Jwk, alg: string, secret: string): Promise<SigningKey> {
	const cacheKey = `${alg}\u0000${secret}\u0000${row.privateKey}`;
	let key = imported.get(cacheKey);
	if (!key) {
		key = privateJwkOf(row, secret).then((jwk) => importJWK(jwk, alg));
		key.catch(() => imported.delete(cacheKey));
		if (imported.size >= IMPORTED_MAX) imported.delete(imported.keys().next().value as string);
		imported.set(cacheKey, key);
	}
	return key;
}

/** The key to sign with now: its algorithm, its id (the `kid` header) and the imported key. */
export async function resolveSigningKey(ctx: JwtCtx, options?: JwtOptions) {
	const row = await latestSigningJwk(ctx, options);
	const alg = (row.alg ?? configuredAlg(options)) as JwkAlgorithm;
	return { alg, kid: row.id, privateKey: await importPrivateKey(row, alg, contextOf(ctx).secret) };
}
