import { sha256 } from "@noble/hashes/sha2.js";
import { base64url } from "jose";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { oneTimeTokenClient } from "../../client/plugins/one-time-token";
import { createClientTestServer } from "../../client/test-utils";
import { cookieHeader, getTestInstance } from "../../test";
import { type OneTimeTokenOptions, oneTimeToken } from "./index";

async function setup(options: OneTimeTokenOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [oneTimeToken(options)],
	});
	const { cookie, response } = await instance.signUp({ email: "a@x.com", password: "password123", name: "A" });
	const { token: sessionToken } = (await response.json()) as { token: string };
	const generate = async () => {
		const answer = await instance.request("/one-time-token/generate", { cookie });
		expect(answer.status).toBe(200);
		return ((await answer.json()) as { token: string }).token;
	};
	const verify = (token: unknown, headers: Record<string, string> = {}) =>
		instance.request("/one-time-token/verify", { body: { token }, headers });
	const verifications = () =>
		instance.database.prepare("select identifier, value, expiresAt, createdAt from verification").all() as {
			identifier: string;
			value: string;
			expiresAt: string | number;
			createdAt: string | number;
		}[];
	return { ...instance, cookie, sessionToken, generate, verify, verifications };
}

const errorOf = async (response: Response) => ({ status: response.status, body: await response.json() });

describe("one-time-token: generate", () => {
	it("returns a 32-character token bound to the session, valid 3 minutes", async () => {
		const { generate, verifications, sessionToken } = await setup();
		const token = await generate();
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		const [row] = verifications();
		expect(row.identifier).toBe(`one-time-token:${token}`);
		expect(row.value).toBe(sessionToken);
		const lifetime = new Date(row.expiresAt).getTime() - new Date(row.createdAt).getTime();
		expect(Math.abs(lifetime - 3 * 60_000)).toBeLessThan(1000);
		expect(await generate()).not.toBe(token);
	});

	it("requires a session and GET", async () => {
		const { request, cookie } = await setup();
		expect(await errorOf(await request("/one-time-token/generate"))).toEqual({
			status: 401,
			body: { message: "Unauthorized", code: "UNAUTHORIZED" },
		});
		expect((await request("/one-time-token/generate", { body: {}, cookie })).status).toBe(404);
	});

	it("honours expiresIn and generateToken", async () => {
		const { generate, verifications } = await setup({
			expiresIn: 10,
			generateToken: async (session) => `custom-${session.user.email}`,
		});
		expect(await generate()).toBe("custom-a@x.com");
		const [row] = verifications();
		const lifetime = new Date(row.expiresAt).getTime() - new Date(row.createdAt).getTime();
		expect(Math.abs(lifetime - 10 * 60_000)).toBeLessThan(1000);
	});

	it("with disableClientRequest, refuses HTTP calls but serves auth.api", async () => {
		const { request, cookie, auth } = await setup({ disableClientRequest: true });
		expect(await errorOf(await request("/one-time-token/generate", { cookie }))).toEqual({
			status: 400,
			body: { message: "Client requests are disabled", code: "CLIENT_REQUESTS_DISABLED" },
		});
		// The session is checked first.
		expect((await request("/one-time-token/generate")).status).toBe(401);
		const { token } = await auth.api.generateOneTimeToken({ headers: new Headers({ cookie }) });
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		await expect(auth.api.generateOneTimeToken({ headers: new Headers() })).rejects.toMatchObject({ statusCode: 401 });
	});

	it("stores the SHA-256 of the token with storeToken: hashed, or your hash", async () => {
		const hashed = await setup({ storeToken: "hashed" });
		const token = await hashed.generate();
		const digest = base64url.encode(sha256(new TextEncoder().encode(token)));
		expect(hashed.verifications()[0].identifier).toBe(`one-time-token:${digest}`);
		expect((await hashed.verify(token)).status).toBe(200);
		expect((await hashed.verify(digest)).status).toBe(400);

		const custom = await setup({ storeToken: { type: "custom-hasher", hash: async (value) => `H${value}` } });
		const other = await custom.generate();
		expect(custom.verifications()[0].identifier).toBe(`one-time-token:H${other}`);
		expect((await custom.verify(other)).status).toBe(200);
	});

	it("refuses a non-positive expiresIn at start-up", () => {
		expect(() => oneTimeToken({ expiresIn: 0 })).toThrow(/positive number of minutes/);
		expect(() => oneTimeToken({ expiresIn: Number.NaN })).toThrow(/positive number of minutes/);
	});
});

describe("one-time-token: verify", () => {
	it("returns the session once, sets the session cookie and consumes the token", async () => {
		const { generate, verify, verifications, request, sessionToken } = await setup();
		const token = await generate();
		const response = await verify(token);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { session: { token: string }; user: { email: string } };
		expect(body.session.token).toBe(sessionToken);
		expect(body.user.email).toBe("a@x.com");
		expect(response.headers.getSetCookie().map((cookie) => cookie.split("=")[0])).toEqual([
			"better-auth.session_token",
		]);
		// The cookie it set is a working session.
		const session = await request("/get-session", { cookie: cookieHeader(response) });
		expect(((await session.json()) as { session: { token: string } }).session.token).toBe(sessionToken);
		expect(verifications()).toEqual([]);
		expect(await errorOf(await verify(token))).toEqual({
			status: 400,
			body: { message: "Invalid token", code: "INVALID_TOKEN" },
		});
	});

	it("a token verifies once even under parallel requests", async () => {
		const { generate, verify } = await setup();
		const token = await generate();
		const statuses = (await Promise.all(Array.from({ length: 8 }, () => verify(token)))).map((r) => r.status);
		expect(statuses.filter((status) => status === 200)).toHaveLength(1);
		expect(statuses.filter((status) => status === 400)).toHaveLength(7);
	});

	it("an expired token is invalid, and deleted", async () => {
		const { generate, verify, database, verifications } = await setup();
		const token = await generate();
		database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		expect(await errorOf(await verify(token))).toEqual({
			status: 400,
			body: { message: "Invalid token", code: "INVALID_TOKEN" },
		});
		expect(verifications()).toEqual([]);
	});

	it("a token of a session that ended is refused, without a cookie", async () => {
		const { generate, verify, database } = await setup();
		const expiring = await generate();
		database.prepare("update session set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		const expired = await verify(expiring);
		expect(await errorOf(expired)).toEqual({
			status: 400,
			body: { message: "Session expired", code: "SESSION_EXPIRED" },
		});
		expect(expired.headers.getSetCookie()).toEqual([]);

		const { generate: generateAgain, verify: verifyAgain, database: db2 } = await setup();
		const orphan = await generateAgain();
		db2.prepare("delete from session").run();
		expect(await errorOf(await verifyAgain(orphan))).toEqual({
			status: 400,
			body: { message: "Session not found", code: "SESSION_NOT_FOUND" },
		});
	});

	it("rejects malformed input with 400 and a code", async () => {
		const { verify, request } = await setup();
		for (const token of ["garbage", ""]) {
			expect(await errorOf(await verify(token))).toEqual({
				status: 400,
				body: { message: "Invalid token", code: "INVALID_TOKEN" },
			});
		}
		for (const token of [5, null, undefined, { a: 1 }]) {
			const response = await verify(token);
			expect(response.status).toBe(400);
			expect(((await response.json()) as { code: string }).code).toBe("VALIDATION_ERROR");
		}
		const notObject = await request("/one-time-token/verify", { body: "x" });
		expect(notObject.status).toBe(400);
		expect((await request("/one-time-token/verify?token=x")).status).toBe(404);
	});

	it("checks the Origin of cookie-carrying requests", async () => {
		const { auth, cookie } = await setup();
		const response = await auth.handler(
			new Request("http://localhost:3000/api/auth/one-time-token/verify", {
				method: "POST",
				headers: { "content-type": "application/json", cookie },
				body: JSON.stringify({ token: "x" }),
			}),
		);
		expect(response.status).toBe(403);
		expect(((await response.json()) as { code: string }).code).toBe("MISSING_OR_NULL_ORIGIN");
	});

	it("with disableSetSessionCookie, answers the session without setting a cookie", async () => {
		const { generate, verify } = await setup({ disableSetSessionCookie: true });
		const response = await verify(await generate());
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it("works through auth.api, returning the cookie with returnHeaders", async () => {
		const { auth, cookie } = await setup();
		const { token } = await auth.api.generateOneTimeToken({ headers: new Headers({ cookie }) });
		const { response, headers } = await auth.api.verifyOneTimeToken({ body: { token }, returnHeaders: true });
		expect(response.user.email).toBe("a@x.com");
		expect(headers.getSetCookie()[0]).toMatch(/^better-auth\.session_token=/);
		await expect(auth.api.verifyOneTimeToken({ body: { token } })).rejects.toMatchObject({
			statusCode: 400,
			body: { code: "INVALID_TOKEN" },
		});
	});
});

describe("one-time-token: secondary storage", () => {
	it("keeps tokens in secondary storage and still hands each out once", async () => {
		const store = new Map<string, string>();
		const secondaryStorage = {
			get: (key: string) => store.get(key) ?? null,
			set: (key: string, value: string) => void store.set(key, value),
			delete: (key: string) => void store.delete(key),
		};
		const { generate, verify } = await setup({}, { secondaryStorage });
		const token = await generate();
		expect([...store.keys()].some((key) => key.includes(`one-time-token:${token}`))).toBe(true);
		const statuses = (await Promise.all(Array.from({ length: 4 }, () => verify(token)))).map((r) => r.status);
		expect(statuses.sort()).toEqual([200, 400, 400, 400]);
	});
});

describe("one-time-token: set-ott", () => {
	it("every response that issues a session cookie carries a working token", async () => {
		const { request, verify } = await setup({ setOttHeaderOnNewSession: true });
		const signIn = await request("/sign-in/email", { body: { email: "a@x.com", password: "password123" } });
		const token = signIn.headers.get("set-ott") as string;
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(signIn.headers.get("access-control-expose-headers")).toBe("set-ott");
		const verified = await verify(token);
		expect(verified.status).toBe(200);
		// The verification issued a cookie too, so it carries the next token.
		expect(verified.headers.get("set-ott")).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it("not on failures, reads or sign-out, nor without the option", async () => {
		const { request, cookie } = await setup({ setOttHeaderOnNewSession: true });
		const failed = await request("/sign-in/email", { body: { email: "a@x.com", password: "wrong-password" } });
		expect(failed.headers.get("set-ott")).toBeNull();
		expect((await request("/get-session", { cookie })).headers.get("set-ott")).toBeNull();
		expect((await request("/sign-out", { body: {}, cookie })).headers.get("set-ott")).toBeNull();
		const plain = await setup();
		const signIn = await plain.request("/sign-in/email", { body: { email: "a@x.com", password: "password123" } });
		expect(signIn.headers.get("set-ott")).toBeNull();
	});
});

describe("oneTimeTokenClient", () => {
	it("generates on one client and signs in another with the token", async () => {
		const first = await createClientTestServer({ plugins: [oneTimeToken()] });
		const client = createAuthClient({
			baseURL: first.baseURL,
			plugins: [oneTimeTokenClient()],
			fetchOptions: { customFetchImpl: first.customFetchImpl },
		});
		expectTypeOf(client.oneTimeToken.generate).toBeFunction();
		expectTypeOf(client.oneTimeToken.verify).toBeFunction();
		await client.signUp.email({ email: "c@x.com", password: "password123", name: "C" });
		const generated = await client.oneTimeToken.generate();
		const token = generated.data?.token as string;
		expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

		// Another browser (its own cookie jar) on the same server.
		first.jar.clear();
		const verified = await client.oneTimeToken.verify({ token });
		expect(verified.data?.user.email).toBe("c@x.com");
		expect((await client.getSession()).data?.user.email).toBe("c@x.com");
		const again = await client.oneTimeToken.verify({ token });
		expect(again.error).toMatchObject({ status: 400, code: "INVALID_TOKEN" });
	});
});
