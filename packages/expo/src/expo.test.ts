/** The Expo server plugin: origin override, the authorization proxy, cookies in app redirects. */
import type { BetterAuthOptions } from "@better-auth/core";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { getTestInstance } from "better-auth/test";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../better-auth/src/test-utils/oauth-server";
import { type ExpoOptions, expo, isAppSchemeTarget } from "./index";

const BASE = "http://localhost:3000";
let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());
afterEach(() => {
	vi.unstubAllEnvs();
});

/** `name=value` pairs of the non-empty Set-Cookie lines: what a browser would send next. */
const cookiesOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.filter((cookie) => !cookie.endsWith("="))
		.join("; ");

async function setup(expoOptions: ExpoOptions = {}, extra: Partial<BetterAuthOptions> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		trustedOrigins: ["myapp://"],
		...extra,
		plugins: [
			expo(expoOptions),
			genericOAuth({
				config: [
					{
						providerId: "fake",
						clientId: fake.clientId,
						clientSecret: fake.clientSecret,
						discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
						scopes: ["openid", "email", "profile"],
						pkce: true,
					},
				],
			}),
		],
	});
	/** A request as the app sends it: no Origin, `expo-origin` instead. */
	const appRequest = (path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
		instance.auth.handler(
			new Request(`${BASE}/api/auth${path}`, {
				method: init.body === undefined ? "GET" : "POST",
				headers: {
					"expo-origin": "myapp://",
					...(init.body === undefined ? {} : { "content-type": "application/json" }),
					...init.headers,
				},
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
			}),
		);
	const proxy = (authorizationURL?: string) =>
		instance.auth.handler(
			new Request(
				`${BASE}/api/auth/expo-authorization-proxy${
					authorizationURL === undefined ? "" : `?authorizationURL=${encodeURIComponent(authorizationURL)}`
				}`,
			),
		);
	return { ...instance, appRequest, proxy };
}

type Instance = Awaited<ReturnType<typeof setup>>;

/** The whole social sign-in as the app and its in-app browser run it; the final redirect. */
async function socialSignIn(instance: Instance, callbackURL: string) {
	const started = await instance.appRequest("/sign-in/oauth2", { body: { providerId: "fake", callbackURL } });
	const data = (await started.json()) as { url: string; redirect: boolean };
	expect(started.status, JSON.stringify(data)).toBe(200);
	// The in-app browser starts at the proxy: it has none of the app's cookies.
	const proxied = await instance.proxy(data.url);
	expect(proxied.status).toBe(302);
	expect(proxied.headers.get("location")).toBe(data.url);
	const consent = await fetch(data.url, { redirect: "manual" });
	const callback = consent.headers.get("location") as string;
	expect(callback).toContain("/api/auth/oauth2/callback/fake?code=");
	const response = await instance.auth.handler(new Request(callback, { headers: { cookie: cookiesOf(proxied) } }));
	return { response, location: response.headers.get("location") ?? "" };
}

describe("social sign-in into the app", () => {
	it("redirects to the app's deep link with the session cookies in ?cookie=", async () => {
		fake.user = { sub: "expo-1", email: "expo@example.com", email_verified: true, name: "Expo User" };
		const instance = await setup();
		const { response, location } = await socialSignIn(instance, "myapp://dashboard");
		expect(response.status).toBe(302);
		const target = new URL(location);
		expect(`${target.protocol}//${target.host}${target.pathname}`).toBe("myapp://dashboard");
		const cookie = target.searchParams.get("cookie") ?? "";
		expect(cookie).toContain("better-auth.session_token=");
		// The parameter is the Set-Cookie header itself: the same as the response's own.
		expect(cookie).toBe(response.headers.get("set-cookie"));
		const sessionCookie = cookie.match(/better-auth\.session_token=[^;]+/)?.[0] ?? "";
		const session = await (await instance.request("/get-session", { cookie: sessionCookie })).json();
		expect(session.user.email).toBe("expo@example.com");
	});

	it("leaves an http(s) redirect alone: cookies never go into a web URL", async () => {
		fake.user = { sub: "expo-2", email: "web@example.com", email_verified: true, name: "Web User" };
		const instance = await setup();
		const { response, location } = await socialSignIn(instance, "/dashboard");
		expect(response.status).toBe(302);
		expect(location).toBe("/dashboard");
		expect(cookiesOf(response)).toContain("better-auth.session_token=");
	});

	it("adds no cookie to an error redirect into the app (nothing was set)", async () => {
		const instance = await setup();
		const response = await instance.auth.handler(
			new Request(`${BASE}/api/auth/oauth2/callback/fake?code=x&state=unknown-state`),
		);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).not.toContain("cookie=");
	});

	it("refuses an untrusted app scheme as callbackURL (the app must list its scheme)", async () => {
		const instance = await setup();
		const response = await instance.appRequest("/sign-in/oauth2", {
			body: { providerId: "fake", callbackURL: "otherapp://dashboard" },
		});
		expect(response.status).toBe(403);
		expect((await response.json()).code).toBe("INVALID_CALLBACK_URL");
	});
});

describe("GET /expo-authorization-proxy", () => {
	it("sets the signed state cookie the callback checks, then redirects", async () => {
		const instance = await setup();
		const response = await instance.proxy("https://provider.example/authorize?client_id=a&state=abc123");
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("https://provider.example/authorize?client_id=a&state=abc123");
		const stateCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("better-auth.state="));
		expect(stateCookie).toMatch(/^better-auth\.state=abc123\.[^;]+;/);
		expect(stateCookie).toContain("Max-Age=300");
		expect(stateCookie).toContain("HttpOnly");
	});

	it("400 UNEXPECTED_ERROR without a state parameter", async () => {
		const instance = await setup();
		const response = await instance.proxy("https://provider.example/authorize?client_id=a");
		expect(response.status).toBe(400);
		expect((await response.json()).code).toBe("UNEXPECTED_ERROR");
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it.each(["javascript:alert(1)//?state=x", "/relative?state=x", "not a url", "data:text/html,hi?state=x"])(
		"400 INVALID_AUTHORIZATION_URL for %s",
		async (url) => {
			const instance = await setup();
			const response = await instance.proxy(url);
			expect(response.status).toBe(400);
			expect((await response.json()).code).toBe("INVALID_AUTHORIZATION_URL");
		},
	);

	it("400 VALIDATION_ERROR when authorizationURL is missing", async () => {
		const instance = await setup();
		const response = await instance.proxy();
		expect(response.status).toBe(400);
		expect((await response.json()).code).toBe("VALIDATION_ERROR");
	});

	it("is not a POST route", async () => {
		const instance = await setup();
		const response = await instance.appRequest("/expo-authorization-proxy", { body: {} });
		expect(response.status).toBe(404);
	});
});

describe("expo-origin", () => {
	const signUp = (instance: Instance, headers: Record<string, string>, email = "origin@example.com") =>
		instance.appRequest("/sign-up/email", {
			body: { email, password: "password-1234", name: "O" },
			headers,
		});

	it("becomes the Origin: a trusted one passes the origin check", async () => {
		const instance = await setup();
		// With a cookie and no Origin, the check would refuse: MISSING_OR_NULL_ORIGIN.
		const response = await signUp(instance, { cookie: "a=b" });
		expect(response.status).toBe(200);
	});

	it("becomes the Origin: an untrusted one is refused", async () => {
		const instance = await setup();
		const response = await signUp(instance, { "expo-origin": "evilapp://" });
		expect(response.status).toBe(403);
		expect((await response.json()).code).toBe("INVALID_ORIGIN");
	});

	it("does not replace an Origin that is present", async () => {
		const instance = await setup();
		const response = await signUp(instance, { origin: "https://evil.example" });
		expect(response.status).toBe(403);
		expect((await response.json()).code).toBe("INVALID_ORIGIN");
	});

	it("overrideOrigin replaces a present Origin", async () => {
		const instance = await setup({ overrideOrigin: true });
		const response = await signUp(instance, { origin: "https://evil.example" });
		expect(response.status).toBe(200);
	});

	it("disableOriginOverride ignores it", async () => {
		const instance = await setup({ disableOriginOverride: true });
		const response = await signUp(instance, { cookie: "a=b" });
		expect(response.status).toBe(403);
		expect((await response.json()).code).toBe("MISSING_OR_NULL_ORIGIN");
	});
});

describe("Expo Go in development", () => {
	const expoGo = (instance: Instance) =>
		instance.appRequest("/sign-up/email", {
			body: { email: "go@example.com", password: "password-1234", name: "Go" },
			headers: { "expo-origin": "exp://192.168.1.20:8081" },
		});

	it("trusts exp:// when NODE_ENV is development", async () => {
		vi.stubEnv("NODE_ENV", "development");
		const instance = await setup();
		expect((await expoGo(instance)).status).toBe(200);
		expect((await instance.auth.$context).trustedOrigins).toEqual(expect.arrayContaining(["myapp://", "exp://", BASE]));
	});

	it("does not trust exp:// otherwise", async () => {
		vi.stubEnv("NODE_ENV", "production");
		const instance = await setup();
		const response = await expoGo(instance);
		expect(response.status).toBe(403);
		expect((await instance.auth.$context).trustedOrigins).not.toContain("exp://");
	});

	it("leaves a trustedOrigins function as it is", async () => {
		vi.stubEnv("NODE_ENV", "development");
		const instance = await setup({}, { trustedOrigins: () => ["myapp://"] });
		expect((await instance.auth.$context).options.trustedOrigins).toBeTypeOf("function");
	});
});

describe("isAppSchemeTarget", () => {
	const trusted = ["http://localhost:3000", "myapp://", "wild-*://", "exp://"];
	it.each([
		["myapp://dashboard", true],
		["MYAPP://dashboard", true],
		["exp://192.168.1.2:8081/--/home", true],
		["wild-prod://x", true],
		["otherapp://dashboard", false],
		["http://localhost:3000/dashboard", false],
		["/dashboard", false],
	])("%s → %s", (location, expected) => {
		expect(isAppSchemeTarget(location, trusted)).toBe(expected);
	});
});
