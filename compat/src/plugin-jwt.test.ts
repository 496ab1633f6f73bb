/**
 * The jwt plugin against better-auth 1.7.24: the `jwks` table, `/jwks`, `/token`, `set-auth-jwt`,
 * `auth.api.signJWT`/`verifyJWT`. Keys are interchangeable: on one database, tokens either side
 * signs verify with the other's JWKS, and each side signs with keys the other created (private
 * keys encrypted with the secret in the same format).
 * Not compared (deliberate, see docs/plugins/jwt.md): configurations 1.7 accepts but cannot sign
 * with (ECDH-ES, Ed448, HS256, short RSA keys), which are refused at start-up here.
 */

import { constants, createPublicKey, verify as verifySignature } from "node:crypto";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
// Until `jwt` is exported from "better-auth/plugins", the plugin is imported from its source.
import { type JwtOptions, jwt } from "better-auth/plugins";
import { betterAuth as referenceBetterAuth } from "better-auth-reference";
import { getMigrations as referenceGetMigrations } from "better-auth-reference/db/migration";
import { jwt as referenceJwt } from "better-auth-reference/plugins";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
	agree,
	BASE_URL,
	cookieNames,
	cookieOf,
	createPair,
	type Options,
	type Pair,
	read,
	SECRET,
	shapeOf,
} from "./harness";

const password = "password123";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

function pairFor(options: JwtOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair({ ...base, plugins: [jwt(options)] }, { ...base, plugins: [referenceJwt(options as never)] });
}

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	agree(path, a, b);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, a, b };
}

/** Signs up on both sides and returns each side's session cookie. */
async function signUp(pair: Pair) {
	const { ours, reference } = await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A" }));
	return { ours: cookieOf(ours), reference: cookieOf(reference) };
}

/** The same GET on both sides, each with its own cookie. */
async function getBoth(pair: Pair, path: string, cookies: { ours: string; reference: string }) {
	const url = `${BASE_URL}/api/auth${path}`;
	const ours = await pair.ours.handler(new Request(url, { headers: { cookie: cookies.ours } }));
	const reference = await pair.reference.handler(new Request(url, { headers: { cookie: cookies.reference } }));
	return { ours, reference };
}

/** Both libraries on one database (migrated by either), with the same secret. */
async function sharedDatabase(options: JwtOptions = {}, migrateWith: "reference" | "ours" = "reference") {
	const database = new Database(":memory:");
	const base = {
		baseURL: BASE_URL,
		secret: SECRET,
		database,
		emailAndPassword: { enabled: true },
		logger: { disabled: true },
	};
	const reference = referenceBetterAuth({ ...base, plugins: [referenceJwt(options as never)] });
	const migrations =
		migrateWith === "ours"
			? await getMigrations({ ...base, plugins: [jwt(options)] })
			: await referenceGetMigrations({ ...base, plugins: [referenceJwt(options as never)] });
	await migrations.runMigrations();
	const ours = betterAuth({ ...base, plugins: [jwt(options)] });
	const get = (auth: { handler: (request: Request) => Promise<Response> }, path: string, cookie?: string) =>
		auth.handler(new Request(`${BASE_URL}/api/auth${path}`, { headers: cookie ? { cookie } : {} }));
	const signUpResponse = await reference.handler(
		new Request(`${BASE_URL}/api/auth/sign-up/email`, json({ email: "a@x.com", password, name: "A" })),
	);
	const cookie = cookieOf(signUpResponse);
	const tokenOf = async (auth: typeof ours | typeof reference) =>
		((await (await get(auth, "/token", cookie)).json()) as { token: string }).token;
	const keysOf = async (auth: typeof ours | typeof reference) =>
		((await (await get(auth, "/jwks")).json()) as { keys: JWK[] }).keys;
	return { database, ours, reference, tokenOf, keysOf };
}

type JWK = Record<string, string> & { kid: string; alg: string };
type Claims = Record<string, unknown> & { iat?: number; exp?: number; sub?: string };

const decodePart = (token: string, index: number) =>
	JSON.parse(Buffer.from(token.split(".")[index], "base64url").toString("utf8")) as Record<string, unknown>;
const decodeProtectedHeader = (token: string) => decodePart(token, 0) as { alg: string; kid: string };
const decodeJwt = (token: string) => decodePart(token, 1) as Claims;

/**
 * Verifies a token against a JWKS with node:crypto alone (no JWT library, so neither side's jose
 * usage is taken on trust): signature by the key its `kid` names, issuer, audience, expiry.
 */
function verifyWith(token: string, keys: JWK[]): Claims {
	const { alg, kid } = decodeProtectedHeader(token);
	const jwk = keys.find((key) => key.kid === kid);
	if (!jwk) throw new Error(`no key ${kid}`);
	const [header, payload, signature] = token.split(".");
	const key = createPublicKey({ key: jwk as never, format: "jwk" });
	const data = Buffer.from(`${header}.${payload}`);
	const sig = Buffer.from(signature, "base64url");
	const params: Record<string, [string | null, object]> = {
		EdDSA: [null, { key }],
		ES256: ["sha256", { key, dsaEncoding: "ieee-p1363" }],
		ES512: ["sha512", { key, dsaEncoding: "ieee-p1363" }],
		RS256: ["sha256", { key }],
		PS256: ["sha256", { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }],
	};
	const [digest, options] = params[alg];
	if (!verifySignature(digest, data, options as never, sig)) throw new Error("bad signature");
	const claims = decodeJwt(token);
	expect(claims.iss).toBe(BASE_URL);
	expect(claims.aud).toBe(BASE_URL);
	expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
	return claims;
}

describe("compat: jwt plugin", () => {
	it("creates the same jwks table", async () => {
		const pair = await pairFor();
		const columns = (side: Pair["ours"]) =>
			(
				side.database.prepare("pragma table_info(jwks)").all() as {
					name: string;
					type: string;
					notnull: number;
					pk: number;
				}[]
			)
				.map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }))
				.sort((x, y) => x.name.localeCompare(y.name));
		expect(columns(pair.ours)).toEqual(columns(pair.reference));
		expect(columns(pair.ours).map((column) => column.name)).toEqual([
			"alg",
			"createdAt",
			"crv",
			"expiresAt",
			"id",
			"privateKey",
			"publicKey",
		]);
	});

	it("/jwks: the same document and the same row format", async () => {
		const pair = await pairFor();
		const { a, b } = await same(pair, "/jwks");
		expect(Object.keys((a.body as { keys: JWK[] }).keys[0])).toEqual(Object.keys((b.body as { keys: JWK[] }).keys[0]));
		const row = (side: Pair["ours"]) => side.database.prepare("select * from jwks").get() as Record<string, string>;
		const [ours, reference] = [row(pair.ours), row(pair.reference)];
		expect(shapeOf(ours)).toEqual(shapeOf(reference));
		expect(Object.keys(JSON.parse(ours.publicKey))).toEqual(Object.keys(JSON.parse(reference.publicKey)));
		expect(JSON.parse(ours.privateKey)).toMatch(/^[0-9a-f]+$/);
		expect(JSON.parse(reference.privateKey)).toMatch(/^[0-9a-f]+$/);
		expect([ours.alg, ours.crv, ours.expiresAt]).toEqual([reference.alg, reference.crv, reference.expiresAt]);
	});

	it("/token and get-session: same answers, headers and claims", async () => {
		const pair = await pairFor();
		await same(pair, "/token");
		await same(pair, "/token", json({}));
		const cookies = await signUp(pair);
		const token = await getBoth(pair, "/token", cookies);
		const [a, b] = [await read(token.ours), await read(token.reference)];
		agree("/token", a, b);
		const [ours, reference] = [(a.body as { token: string }).token, (b.body as { token: string }).token];
		expect(Object.keys(decodeProtectedHeader(ours))).toEqual(Object.keys(decodeProtectedHeader(reference)));
		const claims = (value: string) => Object.keys(decodeJwt(value)).sort();
		expect(claims(ours)).toEqual(claims(reference));
		expect(decodeJwt(ours).exp! - decodeJwt(ours).iat!).toBe(decodeJwt(reference).exp! - decodeJwt(reference).iat!);

		const session = await getBoth(pair, "/get-session", cookies);
		expect(session.ours.headers.get("access-control-expose-headers")).toBe(
			session.reference.headers.get("access-control-expose-headers"),
		);
		expect(claims(session.ours.headers.get("set-auth-jwt") as string)).toEqual(
			claims(session.reference.headers.get("set-auth-jwt") as string),
		);
		const signedOut = await pair.request("/get-session");
		expect(signedOut.ours.headers.get("set-auth-jwt")).toBeNull();
		expect(signedOut.reference.headers.get("set-auth-jwt")).toBeNull();
	});

	it("options: issuer, audience, expirationTime, definePayload, getSubject, disableSettingJwtHeader", async () => {
		const pair = await pairFor({
			jwt: {
				issuer: "https://issuer.example",
				audience: ["a", "b"],
				expirationTime: "1h",
				definePayload: ({ user, session }) => ({ id: user.id, email: user.email, sessionId: session.id }),
				getSubject: ({ user }) => user.email,
			},
			disableSettingJwtHeader: true,
		});
		const cookies = await signUp(pair);
		const token = await getBoth(pair, "/token", cookies);
		const decode = async (response: Response) => {
			const { iat, exp, sessionId, id, ...rest } = decodeJwt(((await response.json()) as { token: string }).token);
			return { ...rest, lifetime: exp! - iat!, keys: [id, sessionId].map((value) => typeof value) };
		};
		expect(await decode(token.ours)).toEqual(await decode(token.reference));
		const session = await getBoth(pair, "/get-session", cookies);
		expect(session.ours.headers.get("set-auth-jwt")).toBeNull();
		expect(session.reference.headers.get("set-auth-jwt")).toBeNull();
	});

	it("jwksPath and remoteUrl", async () => {
		const moved = await pairFor({ jwks: { jwksPath: "/.well-known/jwks.json" } });
		await same(moved, "/jwks");
		await same(moved, "/.well-known/jwks.json");
		const remote = await pairFor({ jwks: { remoteUrl: "https://cdn.example/jwks", keyPairConfig: { alg: "ES256" } } });
		// Both answer 404 (an APIError); its empty body is serialized as `{}` here, as nothing by 1.7.
		const off = await remote.request("/jwks");
		expect([off.ours.status, off.reference.status]).toEqual([404, 404]);
		await expect(remote.ours.api.getJwks()).rejects.toMatchObject({ statusCode: 404 });
		await expect(remote.reference.api.getJwks()).rejects.toMatchObject({ statusCode: 404 });
		const cookies = await signUp(remote);
		const token = await getBoth(remote, "/token", cookies);
		expect(decodeProtectedHeader(((await token.ours.json()) as { token: string }).token).alg).toBe("ES256");
		expect(decodeProtectedHeader(((await token.reference.json()) as { token: string }).token).alg).toBe("ES256");
	});

	it("refuses the same misconfigurations with the same messages", () => {
		for (const options of [{ jwks: { remoteUrl: "https://x/jwks" } }, { jwt: { sign: async () => "t" } }]) {
			let message = "";
			try {
				referenceBetterAuth({ baseURL: BASE_URL, secret: SECRET, plugins: [referenceJwt(options as never)] });
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message).not.toBe("");
			expect(() => jwt(options as JwtOptions)).toThrow(message);
		}
	});

	it("auth.api.signJWT / verifyJWT: the same claims, the same validation errors", async () => {
		const pair = await pairFor();
		const call = (side: Pair["ours"], name: string, input: unknown) =>
			side.api[name](input).then(
				(value) => ({ status: 200, body: value as unknown }),
				(error: { statusCode: number; body: unknown }) => ({ status: error.statusCode, body: error.body }),
			);
		for (const input of [
			{ body: { payload: { sub: "u1", foo: "bar" } } },
			{ body: { payload: { sub: "u1", exp: 123, iss: "mine" }, overrideOptions: { jwt: { audience: "aud2" } } } },
			{},
			{ body: { payload: "x" } },
		]) {
			const [a, b] = [await call(pair.ours, "signJWT", input), await call(pair.reference, "signJWT", input)];
			agree(`signJWT ${JSON.stringify(input)}`, a, b);
			if (a.status === 200) {
				const claims = (body: unknown) => {
					const { exp, ...rest } = decodeJwt((body as { token: string }).token);
					return { ...rest, exp: typeof exp };
				};
				expect(claims(a.body)).toEqual(claims(b.body));
			}
		}
		const signed = (side: Pair["ours"], payload: Record<string, unknown>) =>
			call(side, "signJWT", { body: { payload } }).then((answer) => (answer.body as { token: string }).token);
		for (const payload of [{ sub: "u1" }, { foo: 1 }, { sub: "u1", exp: 1000 }, { sub: "u1", iss: "other" }]) {
			const [a, b] = [
				await call(pair.ours, "verifyJWT", { body: { token: await signed(pair.ours, payload) } }),
				await call(pair.reference, "verifyJWT", { body: { token: await signed(pair.reference, payload) } }),
			];
			agree(`verifyJWT ${JSON.stringify(payload)}`, a, b);
			expect((a.body as { payload: unknown }).payload === null).toBe((b.body as { payload: unknown }).payload === null);
		}
		for (const input of [{}, { body: { token: 5 } }, { body: { token: "garbage" } }]) {
			agree(
				`verifyJWT ${JSON.stringify(input)}`,
				await call(pair.ours, "verifyJWT", input),
				await call(pair.reference, "verifyJWT", input),
			);
		}
		await same(pair, "/sign-jwt", json({ payload: { sub: "x" } }));
		await same(pair, "/verify-jwt", json({ token: "x" }));
	});
});

describe("compat: jwt keys are shared through the database", () => {
	it.each([
		{},
		{ jwks: { keyPairConfig: { alg: "ES256" } } },
		{ jwks: { keyPairConfig: { alg: "RS256" } } },
		{ jwks: { disablePrivateKeyEncryption: true } },
	] as JwtOptions[])("a key 1.7 created signs here, and tokens verify both ways (%o)", async (options) => {
		const { ours, reference, tokenOf, keysOf, database } = await sharedDatabase(options);
		const referenceToken = await tokenOf(reference);
		expect(database.prepare("select count(*) as count from jwks").get()).toEqual({ count: 1 });
		const ourKeys = await keysOf(ours);
		expect(ourKeys).toEqual(await keysOf(reference));
		// A token 1.7 issued verifies against our /jwks and our verifyJWT.
		verifyWith(referenceToken, ourKeys);
		expect((await ours.api.verifyJWT({ body: { token: referenceToken } })).payload?.email).toBe("a@x.com");
		// We sign with the key 1.7 created (no new key), and 1.7 verifies it.
		const ourToken = await tokenOf(ours);
		expect(decodeProtectedHeader(ourToken).kid).toBe(decodeProtectedHeader(referenceToken).kid);
		expect(database.prepare("select count(*) as count from jwks").get()).toEqual({ count: 1 });
		expect((await reference.api.verifyJWT({ body: { token: ourToken } })).payload?.email).toBe("a@x.com");
	});

	it("a key we created signs in 1.7", async () => {
		const { ours, reference, tokenOf, keysOf } = await sharedDatabase(
			{ jwks: { keyPairConfig: { alg: "ES512" } } },
			"ours",
		);
		const ourToken = await tokenOf(ours);
		const referenceToken = await tokenOf(reference);
		expect(decodeProtectedHeader(referenceToken).kid).toBe(decodeProtectedHeader(ourToken).kid);
		verifyWith(ourToken, await keysOf(reference));
		expect((await ours.api.verifyJWT({ body: { token: referenceToken } })).payload?.sub).toBe(decodeJwt(ourToken).sub);
	});

	it("rotation: a key 1.7 rotated out is replaced here and stays published for the grace period", async () => {
		const options = { jwks: { rotationInterval: 60, gracePeriod: 120 } };
		const { ours, reference, tokenOf, keysOf, database } = await sharedDatabase(options);
		const first = decodeProtectedHeader(await tokenOf(reference)).kid;
		const at = (ms: number) => new Date(Date.now() + ms).toISOString();
		database.prepare("update jwks set createdAt = ?, expiresAt = ?").run(at(-100_000), at(-40_000));
		const second = decodeProtectedHeader(await tokenOf(ours)).kid;
		expect(second).not.toBe(first);
		expect(decodeProtectedHeader(await tokenOf(reference)).kid).toBe(second);
		const kids = (keys: JWK[]) => keys.map((key) => key.kid).sort();
		expect(kids(await keysOf(ours))).toEqual(kids(await keysOf(reference)));
		expect(kids(await keysOf(ours))).toHaveLength(2);
	});
});
