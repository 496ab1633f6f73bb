import { describe, expect, it } from "vitest";
import { createAuthClient } from "../../client";
import { signValue } from "../../crypto/hmac";
import { cookieHeader, getTestInstance, TEST_BASE_URL } from "../../test";
import { username } from "../username";
import { type BearerOptions, bearer } from "./index";

async function setup(options: BearerOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({ emailAndPassword: { enabled: true }, ...extra, plugins: [bearer(options)] });
	const { response } = await instance.signUp({ email: "a@x.com", password: "password123", name: "A" });
	const signed = response.headers.get("set-auth-token") as string;
	const { token } = (await response.json()) as { token: string };
	const secret = (await instance.auth.$context).secret;
	const session = (authorization: string, cookie?: string) =>
		instance.request("/get-session", { headers: { authorization }, cookie });
	const userOf = async (response: Response) => ((await response.json()) as { user?: { email: string } } | null)?.user;
	return { ...instance, secret, signed, token, session, userOf, signUpResponse: response };
}

describe("bearer: set-auth-token", () => {
	it("exposes the signed session token on every response that sets the session cookie", async () => {
		const { signed, token, signUpResponse, secret } = await setup();
		expect(signed).toBe(await signValue(token, secret));
		expect(signUpResponse.headers.get("access-control-expose-headers")).toBe("set-auth-token");
	});

	it("sets it on sign-in and update-user, not on failures, reads or sign-out", async () => {
		const { request, signed } = await setup();
		const signIn = await request("/sign-in/email", { body: { email: "a@x.com", password: "password123" } });
		expect(signIn.headers.get("set-auth-token")).toMatch(/^[A-Za-z0-9]{32}\.[A-Za-z0-9+/]{43}=$/);
		const failed = await request("/sign-in/email", { body: { email: "a@x.com", password: "wrong-password" } });
		expect(failed.status).toBe(401);
		expect(failed.headers.get("set-auth-token")).toBeNull();
		expect(failed.headers.get("access-control-expose-headers")).toBeNull();
		const headers = { authorization: `Bearer ${signed}` };
		const updated = await request("/update-user", { body: { name: "B" }, headers });
		expect(updated.headers.get("set-auth-token")).toBe(signed);
		const read = await request("/get-session", { headers });
		expect(read.headers.get("set-auth-token")).toBeNull();
		const signOut = await request("/sign-out", { body: {}, headers });
		expect(signOut.status).toBe(200);
		expect(signOut.headers.get("set-auth-token")).toBeNull();
		expect(await (await request("/get-session", { headers })).json()).toBeNull();
	});

	it("works through auth.api with returnHeaders", async () => {
		const { auth } = await setup();
		const result = await auth.api.signInEmail({
			body: { email: "a@x.com", password: "password123" },
			returnHeaders: true,
		});
		expect(result.headers.get("set-auth-token")).toMatch(/\./);
		expect(result.headers.get("access-control-expose-headers")).toBe("set-auth-token");
	});

	it("adds itself to exposed headers set before it", async () => {
		const { createAuthMiddleware } = await import("@better-auth/core/api");
		const exposer = {
			id: "exposer",
			hooks: {
				after: [
					{
						matcher: () => true,
						handler: createAuthMiddleware(async (ctx) => {
							ctx.setHeader("access-control-expose-headers", "x-request-id");
						}),
					},
				],
			},
		};
		const instance = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [exposer, bearer()] });
		const { response } = await instance.signUp();
		expect(response.headers.get("access-control-expose-headers")).toBe("x-request-id, set-auth-token");
	});
});

describe("bearer: Authorization header", () => {
	it("accepts a raw token, a signed token and an URL-encoded signed token", async () => {
		const { session, userOf, token, signed } = await setup();
		expect(await userOf(await session(`Bearer ${token}`))).toMatchObject({ email: "a@x.com" });
		expect(await userOf(await session(`Bearer ${signed}`))).toMatchObject({ email: "a@x.com" });
		expect(await userOf(await session(`Bearer ${encodeURIComponent(signed)}`))).toMatchObject({ email: "a@x.com" });
		expect(await userOf(await session(`bearer  ${token}`))).toMatchObject({ email: "a@x.com" });
	});

	it("with requireSignature, accepts only signed tokens", async () => {
		const { session, userOf, token, signed } = await setup({ requireSignature: true });
		expect(await (await session(`Bearer ${token}`)).json()).toBeNull();
		expect(await userOf(await session(`Bearer ${signed}`))).toMatchObject({ email: "a@x.com" });
	});

	it("ignores other schemes, a bad signature and an empty token", async () => {
		const { session, token, signed } = await setup();
		for (const header of [token, `Basic ${token}`, `Bearer ${token}.bad`, "Bearer ", "Bearer %E0%A4%A", `${signed}`]) {
			const response = await session(header);
			expect(response.status).toBe(200);
			expect(await response.json()).toBeNull();
			// Nothing was injected, so there was no session cookie to clear.
			expect(response.headers.getSetCookie()).toEqual([]);
		}
	});

	it("an unknown raw token finds no session", async () => {
		const { session } = await setup();
		const response = await session("Bearer garbage");
		expect(await response.json()).toBeNull();
	});

	it("takes the place of a session cookie the request also carries, keeping other cookies", async () => {
		const { session, userOf, token, signed, secret } = await setup();
		const stale = `better-auth.session_token=${encodeURIComponent(await signValue("nope", secret))}`;
		expect(await userOf(await session(`Bearer ${token}`, `a=1; ${stale}`))).toMatchObject({ email: "a@x.com" });
		// An unusable bearer token leaves the cookie in charge.
		const valid = `better-auth.session_token=${encodeURIComponent(signed)}`;
		expect(await userOf(await session(`Bearer ${token}.bad`, valid))).toMatchObject({ email: "a@x.com" });
	});

	it("authenticates session-protected endpoints and auth.api calls", async () => {
		const { request, auth, token } = await setup();
		const list = await request("/list-sessions", { headers: { authorization: `Bearer ${token}` } });
		expect(list.status).toBe(200);
		expect(await list.json()).toHaveLength(1);
		const found = await auth.api.getSession({ headers: new Headers({ authorization: `Bearer ${token}` }) });
		expect(found?.user.email).toBe("a@x.com");
		expect(await auth.api.getSession({ headers: new Headers({ authorization: "Bearer nope" }) })).toBeNull();
	});

	it("is seen by hooks of plugins listed before it", async () => {
		// username's update-user hook reads the session to allow keeping one's own username.
		const instance = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [username(), bearer()] });
		const { response } = await instance.signUp({ username: "mine" });
		const { token } = (await response.json()) as { token: string };
		const update = await instance.request("/update-user", {
			body: { username: "mine" },
			headers: { authorization: `Bearer ${token}` },
		});
		expect(update.status).toBe(200);
	});

	it("keeps the request body when it rewrites the request", async () => {
		const { request, token } = await setup();
		const response = await request("/update-user", {
			body: { name: "Renamed" },
			headers: { authorization: `Bearer ${token}` },
		});
		expect(response.status).toBe(200);
		const session = await request("/get-session", { cookie: cookieHeader(response) });
		expect(((await session.json()) as { user: { name: string } }).user.name).toBe("Renamed");
	});
});

describe("bearer: client", () => {
	it("a cookieless client keeps the token from set-auth-token and sends it with fetchOptions.auth", async () => {
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [bearer()] });
		let stored = "";
		// No cookie jar: only the Authorization header carries the session.
		const customFetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
			const headers = new Headers(init?.headers as HeadersInit | undefined);
			headers.set("origin", TEST_BASE_URL);
			return auth.handler(new Request(String(input instanceof Request ? input.url : input), { ...init, headers }));
		};
		const client = createAuthClient({
			baseURL: TEST_BASE_URL,
			fetchOptions: {
				customFetchImpl,
				auth: { type: "Bearer", token: () => stored },
				onSuccess: (ctx) => {
					const token = ctx.response.headers.get("set-auth-token");
					if (token) stored = token;
				},
			},
		});
		await client.signUp.email({ email: "c@x.com", password: "password123", name: "C" });
		expect(stored).toMatch(/\./);
		const session = await client.getSession();
		expect(session.data?.user.email).toBe("c@x.com");
	});
});
