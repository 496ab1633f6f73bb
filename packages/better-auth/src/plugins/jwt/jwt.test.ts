import { createAuthEndpoint } from "@better-auth/core/api";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWK, jwtVerify } from "jose";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { jwtClient } from "../../client/plugins/jwt";
import { createClientTestServer } from "../../client/test-utils";
import { symmetricDecrypt } from "../../crypto/symmetric";
import { getTestInstance, TEST_BASE_URL } from "../../test";
import { generateExportedKeyPair, type Jwk, type JwtOptions, jwt, signJWT, toExpJWT, verifyJWT } from "./index";

const SECRET = "x".repeat(32);

// Made by better-auth 1.7.24 (black box) with the secret above: a `jwks` row (private key
// encrypted) and a token it signed with that key, valid until 2100. Existing databases hold such rows.
const REFERENCE_ROW = {
	id: "VqukdlYi7wd3VMr2qaKYPDyaypvRWaUf",
	publicKey: '{"crv":"Ed25519","x":"b9d6GGvqGjiqjp9qXukv92C4tZRlMAWTXrFi3XC9-sE","kty":"OKP"}',
	privateKey:
		'"d54a9cc377268ccf8d6c58950088c47fbf14c7adeb2d59bf42e15e29554e1e4cfe62054e268ea4d66b7aa8359b52e90599657a4ed5e7aa0516b13eaefe4567fcd7455d3e0fae6fff94439bdd5970e7ef23dae2694adc8d50769ec29cd80ba686a8490ebedf7921800a6e7f9b45a512f14e2c3503cbd1eb1662547c17e97186d4a968b22f497f8d134142eb8e38387e996f83d397c1dbbf1c3f98f310f2766e6ce5a236d085000ac865"',
	createdAt: "2026-12-02T16:26:42.838Z",
	alg: "EdDSA",
	crv: "Ed25519",
};
const REFERENCE_TOKEN =
	"eyJhbGciOiJFZERTQSIsImtpZCI6IlZxdWtkbFlpN3dkM1ZNcjJxYUtZUER5YXlwdlJXYVVmIn0.eyJzdWIiOiJ1c2VyLTEiLCJuYW1lIjoiUmVmIiwiZXhwIjo0MTAyNDQ0ODAwLCJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAiLCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjMwMDAifQ.FWP93hGRUWX7RSmWBoJtvF-ieGr9F2fnAo1HmhIRM-v2hCDvou7nWSf8CknEvPlkA50zkiJARAJHj1umIhYSAA";

type Row = {
	id: string;
	publicKey: string;
	privateKey: string;
	createdAt: string | number;
	expiresAt: string | number | null;
	alg: string | null;
	crv: string | null;
};

async function setup(options: JwtOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		secret: SECRET,
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [jwt(options)],
	});
	const { cookie } = await instance.signUp({ email: "a@x.com", password: "password123", name: "A" });
	const rows = () => instance.database.prepare("select * from jwks order by createdAt").all() as Row[];
	const jwks = async (path = "/jwks") => (await (await instance.request(path)).json()) as { keys: JWK[] };
	const token = async () => {
		const response = await instance.request("/token", { cookie });
		expect(response.status).toBe(200);
		return ((await response.json()) as { token: string }).token;
	};
	const insert = (row: Partial<Row> & { id: string }) =>
		instance.database
			.prepare(
				"insert into jwks (id, publicKey, privateKey, createdAt, expiresAt, alg, crv) values (@id, @publicKey, @privateKey, @createdAt, @expiresAt, @alg, @crv)",
			)
			.run({ expiresAt: null, alg: null, crv: null, ...row });
	return { ...instance, cookie, rows, jwks, token, insert };
}

const verifyWith = (token: string, keys: JWK[], expected: { issuer?: string; audience?: string } = {}) =>
	jwtVerify(token, createLocalJWKSet({ keys }), {
		issuer: expected.issuer ?? TEST_BASE_URL,
		audience: expected.audience ?? TEST_BASE_URL,
	});

describe("jwt: keys", () => {
	it("creates the first key on the first /jwks call and publishes it", async () => {
		const { rows, jwks } = await setup();
		expect(rows()).toHaveLength(0);
		const { keys } = await jwks();
		const [row] = rows();
		expect(rows()).toHaveLength(1);
		expect(keys).toEqual([{ alg: "EdDSA", crv: "Ed25519", x: expect.any(String), kty: "OKP", kid: row.id }]);
		expect(Object.keys(keys[0])).toEqual(["alg", "crv", "x", "kty", "kid"]);
		expect(row).toMatchObject({ alg: "EdDSA", crv: "Ed25519", expiresAt: null });
		expect(row.id).toMatch(/^[A-Za-z0-9]{32}$/);
		// Later calls publish the same key.
		expect((await jwks()).keys).toEqual(keys);
	});

	it("stores the private key encrypted with the secret, as the JSON string of the ciphertext", async () => {
		const { rows, jwks } = await setup();
		await jwks();
		const [row] = rows();
		const sealed = JSON.parse(row.privateKey) as string;
		expect(sealed).toMatch(/^[0-9a-f]+$/);
		const privateJwk = JSON.parse(await symmetricDecrypt({ key: SECRET, data: sealed })) as JWK;
		expect(privateJwk).toMatchObject({ kty: "OKP", crv: "Ed25519", d: expect.any(String) });
		expect(privateJwk.x).toBe((JSON.parse(row.publicKey) as JWK).x);
		expect(row.publicKey).not.toContain('"d"');
	});

	it("stores it as a plain JWK with disablePrivateKeyEncryption", async () => {
		const { rows, jwks, token } = await setup({ jwks: { disablePrivateKeyEncryption: true } });
		await jwks();
		expect(JSON.parse(rows()[0].privateKey)).toMatchObject({ kty: "OKP", d: expect.any(String) });
		await verifyWith(await token(), (await jwks()).keys);
	});

	it("signs and verifies with a key better-auth 1.7 created, and publishes it the same way", async () => {
		const { insert, jwks, token, auth } = await setup();
		insert(REFERENCE_ROW);
		const { keys } = await jwks();
		expect(keys).toEqual([
			{
				alg: "EdDSA",
				crv: "Ed25519",
				x: "b9d6GGvqGjiqjp9qXukv92C4tZRlMAWTXrFi3XC9-sE",
				kty: "OKP",
				kid: REFERENCE_ROW.id,
			},
		]);
		await verifyWith(REFERENCE_TOKEN, keys);
		expect(await auth.api.verifyJWT({ body: { token: REFERENCE_TOKEN } })).toEqual({
			payload: { sub: "user-1", name: "Ref", exp: 4102444800, iss: TEST_BASE_URL, aud: TEST_BASE_URL },
		});
		const ours = await token();
		expect(decodeProtectedHeader(ours)).toEqual({ alg: "EdDSA", kid: REFERENCE_ROW.id });
		await verifyWith(ours, keys);
	});

	it("rows without alg and crv (older schema) count as the configured algorithm", async () => {
		const { insert, jwks, token } = await setup();
		insert({ ...REFERENCE_ROW, alg: null, crv: null });
		const { keys } = await jwks();
		expect(keys[0]).toMatchObject({ alg: "EdDSA", crv: "Ed25519", kid: REFERENCE_ROW.id });
		expect(decodeProtectedHeader(await token()).kid).toBe(REFERENCE_ROW.id);
	});

	it("a key encrypted with another secret fails loudly instead of signing", async () => {
		const { insert, request, cookie } = await setup({}, { logger: { disabled: true } });
		insert({ ...REFERENCE_ROW, privateKey: JSON.stringify("00".repeat(80)) });
		const response = await request("/token", { cookie });
		expect(response.status).toBe(500);
	});

	it.each([
		[{ alg: "ES256" }, { kty: "EC", crv: "P-256" }],
		[{ alg: "ES512" }, { kty: "EC", crv: "P-521" }],
		[{ alg: "RS256" }, { kty: "RSA", e: "AQAB" }],
		[
			{ alg: "PS256", modulusLength: 2048 },
			{ kty: "RSA", e: "AQAB" },
		],
		[
			{ alg: "EdDSA", crv: "Ed25519" },
			{ kty: "OKP", crv: "Ed25519" },
		],
	] as const)("generates and signs with %o", async (keyPairConfig, expected) => {
		const { jwks, token, rows } = await setup({ jwks: { keyPairConfig } });
		const { keys } = await jwks();
		expect(keys[0]).toMatchObject({ alg: keyPairConfig.alg, ...expected });
		expect(rows()[0].alg).toBe(keyPairConfig.alg);
		expect(rows()[0].crv).toBe("crv" in expected ? expected.crv : null);
		const signed = await token();
		expect(decodeProtectedHeader(signed).alg).toBe(keyPairConfig.alg);
		await verifyWith(signed, keys);
	});

	it("generateExportedKeyPair exports both halves and the configuration without alg", async () => {
		const pair = await generateExportedKeyPair();
		expect(pair.alg).toBe("EdDSA");
		expect(pair.cfg).toEqual({ crv: "Ed25519" });
		expect(pair.publicWebKey).toEqual({ crv: "Ed25519", x: expect.any(String), kty: "OKP" });
		expect(pair.privateWebKey.d).toEqual(expect.any(String));
		const ec = await generateExportedKeyPair({ jwks: { keyPairConfig: { alg: "ES256" } } });
		expect(ec).toMatchObject({ alg: "ES256", cfg: {}, publicWebKey: { kty: "EC", crv: "P-256" } });
	});

	it("parallel first requests create a single key", async () => {
		const { request, cookie, rows } = await setup();
		const answers = await Promise.all([
			...Array.from({ length: 5 }, () => request("/token", { cookie })),
			...Array.from({ length: 5 }, () => request("/jwks")),
		]);
		expect(answers.map((response) => response.status)).toEqual(Array(10).fill(200));
		expect(rows()).toHaveLength(1);
	});

	it("prefers the newest key of the configured algorithm, else the newest key", async () => {
		const { insert, token, rows } = await setup({ jwks: { keyPairConfig: { alg: "ES256" } } });
		const now = Date.now();
		insert({ ...REFERENCE_ROW, id: "ed-new", createdAt: new Date(now).toISOString() });
		// Only an EdDSA key: it keeps signing (no new key for the changed configuration).
		expect(decodeProtectedHeader(await token())).toEqual({ alg: "EdDSA", kid: "ed-new" });
		expect(rows()).toHaveLength(1);
		const ec = await generateExportedKeyPair({ jwks: { keyPairConfig: { alg: "ES256" } } });
		insert({
			id: "es-old",
			publicKey: JSON.stringify(ec.publicWebKey),
			privateKey: JSON.stringify(ec.privateWebKey),
			createdAt: new Date(now - 60_000).toISOString(),
			alg: "ES256",
			crv: "P-256",
		});
		expect(decodeProtectedHeader(await token())).toEqual({ alg: "ES256", kid: "es-old" });
	});

	it("uses a custom adapter instead of the table", async () => {
		const stored: Jwk[] = [];
		const adapter = {
			getJwks: async () => stored,
			createJwk: async (data: Omit<Jwk, "id">) => {
				const row = { ...data, id: `custom-${stored.length}` };
				stored.push(row);
				return row;
			},
		};
		const { jwks, token, rows } = await setup({ adapter });
		const { keys } = await jwks();
		expect(keys.map((key) => key.kid)).toEqual(["custom-0"]);
		expect(decodeProtectedHeader(await token()).kid).toBe("custom-0");
		expect(rows()).toEqual([]);
		expect(Object.keys(stored[0]).sort()).toEqual(["alg", "createdAt", "crv", "id", "privateKey", "publicKey"]);
	});
});

describe("jwt: rotation", () => {
	it("a key that expired is replaced on the next signature and stays published for the grace period", async () => {
		const { jwks, token, rows, database } = await setup({ jwks: { rotationInterval: 60, gracePeriod: 120 } });
		await jwks();
		const [first] = rows();
		expect(new Date(first.expiresAt as string).getTime() - new Date(first.createdAt).getTime()).toBe(60_000);
		const now = Date.now();
		const at = (ms: number) => new Date(now + ms).toISOString();
		database.prepare("update jwks set createdAt = ?, expiresAt = ?").run(at(-100_000), at(-40_000));
		// Expired, within the grace period: still published; /jwks creates nothing.
		expect((await jwks()).keys.map((key) => key.kid)).toEqual([first.id]);
		const signed = await token();
		const second = rows()[1];
		expect(rows()).toHaveLength(2);
		expect(decodeProtectedHeader(signed).kid).toBe(second.id);
		expect((await jwks()).keys.map((key) => key.kid)).toEqual([first.id, second.id]);
		// Past the grace period: no longer published (the row stays).
		database.prepare("update jwks set expiresAt = ? where id = ?").run(at(-200_000), first.id);
		expect((await jwks()).keys.map((key) => key.kid)).toEqual([second.id]);
		expect(rows()).toHaveLength(2);
	});

	it("the grace period defaults to 30 days; /jwks creates no key while rows exist", async () => {
		const { jwks, rows, database } = await setup({ jwks: { rotationInterval: 10 } });
		await jwks();
		const day = 86_400_000;
		database.prepare("update jwks set expiresAt = ?").run(new Date(Date.now() - 29.9 * day).toISOString());
		expect((await jwks()).keys).toHaveLength(1);
		database.prepare("update jwks set expiresAt = ?").run(new Date(Date.now() - 30.1 * day).toISOString());
		expect((await jwks()).keys).toHaveLength(0);
		expect(rows()).toHaveLength(1);
	});
});

describe("jwt: /token", () => {
	it("requires a session", async () => {
		const { request } = await setup();
		const response = await request("/token");
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: "Unauthorized", code: "UNAUTHORIZED" });
	});

	it("returns a token for the user: iat, the user, sub, exp (15 minutes), iss and aud (the base URL)", async () => {
		const { token, jwks, auth, cookie } = await setup();
		const signed = await token();
		const { payload } = await verifyWith(signed, (await jwks()).keys);
		const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
		const keys = Object.keys(payload);
		expect(keys[0]).toBe("iat");
		expect(keys.slice(-4)).toEqual(["sub", "exp", "iss", "aud"]);
		expect(keys.sort()).toEqual(
			[
				"iat",
				"id",
				"name",
				"email",
				"emailVerified",
				"image",
				"createdAt",
				"updatedAt",
				"sub",
				"exp",
				"iss",
				"aud",
			].sort(),
		);
		expect(payload).toMatchObject({ email: "a@x.com", name: "A", sub: session?.user.id, id: session?.user.id });
		expect((payload.exp as number) - (payload.iat as number)).toBe(900);
		expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(5);
	});

	it("applies issuer, audience, expirationTime, definePayload and getSubject", async () => {
		const { token, jwks } = await setup({
			jwt: {
				issuer: "https://issuer.example",
				audience: ["a", "b"],
				expirationTime: "1h",
				definePayload: ({ user, session }) => ({ id: user.id, email: user.email, sessionId: session.id }),
				getSubject: ({ user }) => user.email,
			},
		});
		const signed = await token();
		const { payload } = await verifyWith(signed, (await jwks()).keys, {
			issuer: "https://issuer.example",
			audience: "b",
		});
		expect(Object.keys(payload)).toEqual(["iat", "id", "email", "sessionId", "sub", "exp", "iss", "aud"]);
		expect(payload).toMatchObject({ sub: "a@x.com", aud: ["a", "b"] });
		expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
	});

	it("reads a number as an absolute exp and a Date as its time, as jose does", () => {
		expect(toExpJWT("15m", 1000)).toBe(1900);
		expect(toExpJWT("2 hours", 0)).toBe(7200);
		expect(toExpJWT("1.5d", 0)).toBe(129600);
		expect(toExpJWT("1w", 0)).toBe(604800);
		expect(toExpJWT("-1h", 3600)).toBe(0);
		expect(toExpJWT("1 hour ago", 3600)).toBe(0);
		expect(toExpJWT(60, 1000)).toBe(60);
		expect(toExpJWT(new Date(5_000_000), 1000)).toBe(5000);
		expect(() => toExpJWT("soon", 0)).toThrow(/not a duration/);
	});

	it("works through auth.api with headers, and refuses a call without a session", async () => {
		const { auth, cookie } = await setup();
		const { token } = await auth.api.getToken({ headers: new Headers({ cookie }) });
		expect(decodeJwt(token).email).toBe("a@x.com");
		// No headers at all: 400 "Headers is required", as 1.7; headers without a session: 401.
		await expect(auth.api.getToken({} as never)).rejects.toMatchObject({ statusCode: 400 });
		await expect(auth.api.getToken({ headers: new Headers() })).rejects.toMatchObject({ statusCode: 401 });
	});

	it("is GET only", async () => {
		const { request, cookie } = await setup();
		expect((await request("/token", { body: {}, cookie })).status).toBe(404);
	});
});

describe("jwt: set-auth-jwt on get-session", () => {
	it("sets a verifiable token and exposes the header", async () => {
		const { request, cookie, jwks } = await setup();
		const response = await request("/get-session", { cookie });
		const header = response.headers.get("set-auth-jwt") as string;
		expect(response.headers.get("access-control-expose-headers")).toBe("set-auth-jwt");
		const { payload } = await verifyWith(header, (await jwks()).keys);
		expect(payload.email).toBe("a@x.com");
	});

	it("not when signed out, and not with disableSettingJwtHeader", async () => {
		const signedOut = await (await setup()).request("/get-session");
		expect(signedOut.headers.get("set-auth-jwt")).toBeNull();
		expect(signedOut.headers.get("access-control-expose-headers")).toBeNull();
		const { request, cookie } = await setup({ disableSettingJwtHeader: true });
		const response = await request("/get-session", { cookie });
		expect(((await response.json()) as { user: { email: string } }).user.email).toBe("a@x.com");
		expect(response.headers.get("set-auth-jwt")).toBeNull();
	});

	it("is returned to auth.api callers with returnHeaders", async () => {
		const { auth, cookie } = await setup();
		const { headers } = await auth.api.getSession({ headers: new Headers({ cookie }), returnHeaders: true });
		expect(decodeJwt(headers.get("set-auth-jwt") as string).email).toBe("a@x.com");
	});
});

describe("jwt: jwksPath and remoteUrl", () => {
	it("serves the JWKS at jwksPath instead of /jwks", async () => {
		const { request, jwks } = await setup({ jwks: { jwksPath: "/.well-known/jwks.json" } });
		expect((await request("/jwks")).status).toBe(404);
		expect((await jwks("/.well-known/jwks.json")).keys).toHaveLength(1);
	});

	it("with remoteUrl, publishes no JWKS (404) but still signs", async () => {
		const { request, token, auth } = await setup({
			jwks: { remoteUrl: "https://cdn.example/jwks.json", keyPairConfig: { alg: "ES256" } },
		});
		expect((await request("/jwks")).status).toBe(404);
		await expect(auth.api.getJwks()).rejects.toMatchObject({ statusCode: 404 });
		expect(decodeProtectedHeader(await token()).alg).toBe("ES256");
	});

	it("signs with jwt.sign when given, with the complete claims", async () => {
		const seen: Record<string, unknown>[] = [];
		const { token, request, cookie, rows } = await setup({
			jwks: { remoteUrl: "https://cdn.example/jwks.json", keyPairConfig: { alg: "EdDSA" } },
			jwt: {
				sign: async (payload) => {
					seen.push(payload);
					return "signed.elsewhere.sig";
				},
			},
		});
		expect(await token()).toBe("signed.elsewhere.sig");
		expect(Object.keys(seen[0]).slice(-4)).toEqual(["sub", "exp", "iss", "aud"]);
		const session = await request("/get-session", { cookie });
		expect(session.headers.get("set-auth-jwt")).toBe("signed.elsewhere.sig");
		expect(rows()).toEqual([]);
	});
});

describe("jwt: misconfiguration is refused at start-up", () => {
	it.each([
		[{ jwks: { remoteUrl: "https://x/jwks" } }, /keyPairConfig\.alg must be specified/],
		[{ jwt: { sign: async () => "t" } }, /remoteUrl must be set when using options\.jwt\.sign/],
		[{ jwks: { keyPairConfig: { alg: "HS256" } } }, /cannot sign tokens/],
		[{ jwks: { keyPairConfig: { alg: "ECDH-ES" } } }, /cannot sign tokens/],
		[{ jwks: { keyPairConfig: { alg: "EdDSA", crv: "Ed448" } } }, /Ed25519/],
		[{ jwks: { keyPairConfig: { alg: "RS256", modulusLength: 1024 } } }, /at least 2048/],
		[{ jwks: { rotationInterval: -1 } }, /positive number/],
		[{ jwks: { gracePeriod: Number.NaN } }, /positive number/],
		[{ jwks: { jwksPath: "jwks" } }, /starting with "\/"/],
		[{ adapter: { getJwks: async () => [] } }, /both getJwks and createJwk/],
	])("%o", (options, message) => {
		expect(() => jwt(options as JwtOptions)).toThrow(message);
		try {
			jwt(options as JwtOptions);
		} catch (error) {
			expect((error as Error).name).toBe("BetterAuthError");
		}
	});
});

describe("jwt: auth.api.signJWT and auth.api.verifyJWT", () => {
	it("signs a payload, adding exp, iss and aud (not iat) unless present", async () => {
		const { auth, jwks } = await setup();
		const { token } = await auth.api.signJWT({ body: { payload: { sub: "u1", foo: "bar" } } });
		const payload = decodeJwt(token);
		expect(Object.keys(payload)).toEqual(["sub", "foo", "exp", "iss", "aud"]);
		await verifyWith(token, (await jwks()).keys);
		const custom = decodeJwt(
			(await auth.api.signJWT({ body: { payload: { sub: "u1", exp: 123, iss: "mine", iat: 100 } } })).token,
		);
		expect(custom).toEqual({ sub: "u1", exp: 123, iss: "mine", iat: 100, aud: TEST_BASE_URL });
	});

	it("applies overrideOptions to one token", async () => {
		const { auth } = await setup();
		const { token } = await auth.api.signJWT({
			body: {
				payload: { sub: "u1" },
				overrideOptions: { jwt: { issuer: "other", audience: "aud2", expirationTime: "2h" } },
			},
		});
		const payload = decodeJwt(token);
		expect(payload).toMatchObject({ iss: "other", aud: "aud2" });
		expect((payload.exp as number) - Math.floor(Date.now() / 1000)).toBeGreaterThan(7100);
	});

	it("verifies its tokens and answers null for anything else", async () => {
		const { auth } = await setup();
		const sign = async (payload: Record<string, unknown>, overrideOptions?: Record<string, unknown>) =>
			(await auth.api.signJWT({ body: { payload, overrideOptions } })).token;
		const good = await sign({ sub: "u1", role: "x" });
		expect((await auth.api.verifyJWT({ body: { token: good } })).payload).toMatchObject({ sub: "u1", role: "x" });
		const [header, , signature] = good.split(".");
		const forged = `${header}.${btoa(JSON.stringify({ sub: "evil" })).replace(/=+$/, "")}.${signature}`;
		const unknownKid = `${btoa(JSON.stringify({ alg: "EdDSA", kid: "nope" })).replace(/=+$/, "")}.${good.split(".")[1]}.${signature}`;
		for (const token of [
			"garbage",
			"",
			forged,
			unknownKid,
			await sign({ foo: 1 }),
			await sign({ sub: "u1", exp: 1000 }),
			await sign({ sub: "u1", iss: "someone-else" }),
			await sign({ sub: "u1" }, { jwt: { audience: "elsewhere" } }),
			REFERENCE_TOKEN,
		]) {
			expect(await auth.api.verifyJWT({ body: { token } }), token).toEqual({ payload: null });
		}
		const otherIssuer = await sign({ sub: "u1" }, { jwt: { issuer: "zzz" } });
		expect((await auth.api.verifyJWT({ body: { token: otherIssuer, issuer: "zzz" } })).payload?.iss).toBe("zzz");
	});

	it("validates the body", async () => {
		const { auth } = await setup();
		const call = (fn: () => Promise<unknown>) =>
			fn().then(
				() => "ok",
				(error) => error,
			);
		for (const body of [undefined, {}, { payload: "x" }, { payload: ["a"] }]) {
			expect(await call(() => auth.api.signJWT({ body } as never))).toMatchObject({
				statusCode: 400,
				body: { code: "VALIDATION_ERROR" },
			});
		}
		for (const body of [undefined, {}, { token: 5 }, { token: "t", issuer: 1 }]) {
			expect(await call(() => auth.api.verifyJWT({ body } as never))).toMatchObject({
				statusCode: 400,
				body: { code: "VALIDATION_ERROR" },
			});
		}
	});

	it("are not reachable over HTTP", async () => {
		const { request } = await setup();
		expect((await request("/sign-jwt", { body: { payload: { sub: "x" } } })).status).toBe(404);
		expect((await request("/verify-jwt", { body: { token: "x" } })).status).toBe(404);
	});
});

describe("jwt: helpers", () => {
	it("signJWT(ctx) signs with the options it is given; verifyJWT works inside an endpoint", async () => {
		const verifier = {
			id: "verifier",
			endpoints: {
				checkHelper: createAuthEndpoint("/check-helper", { method: "GET" }, async (ctx) => {
					const token = await signJWT(ctx, { payload: { sub: "helper" }, options: { jwt: { audience: "svc" } } });
					return ctx.json({
						withOptions: await verifyJWT(token, { jwt: { audience: "svc" } }),
						withDefaults: await verifyJWT(token),
					});
				}),
			},
		};
		const instance = await getTestInstance({ secret: SECRET, plugins: [jwt(), verifier] });
		const response = await instance.request("/check-helper");
		expect(await response.json()).toEqual({
			withOptions: { sub: "helper", exp: expect.any(Number), iss: TEST_BASE_URL, aud: "svc" },
			withDefaults: null,
		});
		await expect(verifyJWT("x")).rejects.toThrow(/inside an endpoint or hook/);
	});
});

describe("jwtClient", () => {
	it("gets a token with token() and the keys with jwks(), at the configured path", async () => {
		const server = await createClientTestServer({ plugins: [jwt({ jwks: { jwksPath: "/keys" } })] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [jwtClient({ jwks: { jwksPath: "/keys" } })],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.token).toBeFunction();
		expectTypeOf(client.jwks).toBeFunction();
		const signedOut = await client.token();
		expect(signedOut.error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
		await client.signUp.email({ email: "c@x.com", password: "password123", name: "C" });
		const { data } = await client.token();
		const keys = await client.jwks();
		expect(server.requests.at(-1)).toEqual({ method: "GET", path: "/keys" });
		const { payload } = await verifyWith(data?.token as string, keys.data?.keys as JWK[]);
		expect(payload.email).toBe("c@x.com");
	});
});
