import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { oAuthProxy } from "./index";
import type { OAuthProxyOptions } from "./types";

const PREVIEW = "https://preview.example.com";
const PRODUCTION = "https://prod.example.com";
let tokenRequests: URLSearchParams[] = [];
let failExchange = false;

// GitHub, offline.
beforeEach(() => {
	tokenRequests = [];
	failExchange = false;
	vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		if (url.startsWith("https://github.com/login/oauth/access_token")) {
			tokenRequests.push(new URLSearchParams(String(init?.body ?? "")));
			if (failExchange) return Response.json({ error: "bad_verification_code" }, { status: 400 });
			return Response.json({ access_token: "gho_token", token_type: "bearer", scope: "read:user,user:email" });
		}
		if (url === "https://api.github.com/user") {
			return Response.json({ id: 42, login: "octo", name: "Octo Cat", email: "octo@x.com", avatar_url: "https://av" });
		}
		if (url === "https://api.github.com/user/emails") {
			return Response.json([{ email: "octo@x.com", primary: true, verified: true }]);
		}
		return new Response("not found", { status: 404 });
	});
});
afterEach(() => vi.unstubAllGlobals());

async function deployment(baseURL: string, options: OAuthProxyOptions = { productionURL: PRODUCTION }) {
	const instance = await getTestInstance({
		baseURL,
		socialProviders: {
			github: { clientId: "gh", clientSecret: "ghs", redirectURI: `${PRODUCTION}/api/auth/callback/github` },
		},
		plugins: [oAuthProxy(options)],
	});
	const get = (url: string, cookie?: string) =>
		instance.auth.handler(new Request(url, { headers: cookie ? { cookie } : {} }));
	const signIn = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
		instance.auth.handler(
			new Request(`${baseURL}/api/auth/sign-in/social`, {
				method: "POST",
				headers: { "content-type": "application/json", origin: baseURL, ...headers },
				body: JSON.stringify(body),
			}),
		);
	const query = (sql: string) => instance.database.prepare(sql).all() as Record<string, unknown>[];
	return { ...instance, get, signIn, query };
}

/** Runs the flow up to production's redirect back to the preview. */
async function startFlow(callbackURL = "/dashboard") {
	const preview = await deployment(PREVIEW);
	const production = await deployment(PRODUCTION);
	const started = await preview.signIn({ provider: "github", callbackURL });
	expect(started.status).toBe(200);
	const { url } = (await started.json()) as { url: string };
	const stateCookie = cookieHeader(started);
	const sealedState = new URL(url).searchParams.get("state") as string;
	const back = await production.get(`${PRODUCTION}/api/auth/callback/github?code=the-code&state=${sealedState}`);
	return { preview, production, started, url, stateCookie, sealedState, back };
}

describe("oAuthProxy: the whole flow", () => {
	it("sends the provider to production and signs the user in on the preview", async () => {
		const { preview, production, started, url, stateCookie, sealedState, back } = await startFlow();
		const authorize = new URL(url);
		expect(authorize.searchParams.get("redirect_uri")).toBe(`${PRODUCTION}/api/auth/callback/github`);
		expect(started.headers.get("location")).toBe(url);
		expect(sealedState).toMatch(/^[0-9a-f]{200,}$/);
		const [stored] = preview.query("select value from verification");
		expect(JSON.parse(stored.value as string).callbackURL).toBe(
			`${PREVIEW}/api/auth/callback/github/oauth-proxy?callbackURL=%2Fdashboard`,
		);

		// Production: exchanges the code with its own redirect URI and the preview's PKCE verifier, stores nothing.
		expect(back.status).toBe(302);
		const location = new URL(back.headers.get("location") as string);
		expect(`${location.origin}${location.pathname}`).toBe(`${PREVIEW}/api/auth/callback/github/oauth-proxy`);
		expect(location.searchParams.get("callbackURL")).toBe("/dashboard");
		expect(location.searchParams.get("profile")).toMatch(/^[0-9a-f]+$/);
		expect(tokenRequests[0].get("redirect_uri")).toBe(`${PRODUCTION}/api/auth/callback/github`);
		expect(tokenRequests[0].get("code_verifier")).toBe(JSON.parse(stored.value as string).codeVerifier);
		expect(back.headers.getSetCookie()).toEqual([]);
		expect(production.query("select id from user")).toEqual([]);
		expect(production.query("select id from verification")).toEqual([]);

		// Preview: signs in and lands on the original callback URL.
		const done = await preview.get(location.href, stateCookie);
		expect(done.status).toBe(302);
		expect(done.headers.get("location")).toBe("/dashboard");
		expect(preview.query("select email, name, image, emailVerified from user")).toEqual([
			{ email: "octo@x.com", name: "Octo Cat", image: "https://av", emailVerified: 1 },
		]);
		expect(preview.query("select providerId, accountId, accessToken, scope from account")).toEqual([
			{ providerId: "github", accountId: "42", accessToken: "gho_token", scope: "read:user,user:email" },
		]);
		const session = await (await preview.get(`${PREVIEW}/api/auth/get-session`, cookieHeader(done))).json();
		expect(session.user.email).toBe("octo@x.com");

		// The state is spent: the same link does nothing twice.
		const replay = await preview.get(location.href, stateCookie);
		expect(replay.headers.get("location")).toBe(`${PREVIEW}/api/auth/error?error=state_mismatch`);
	});

	it("needs the browser that started the flow", async () => {
		const { preview, back } = await startFlow();
		const done = await preview.get(back.headers.get("location") as string);
		expect(done.headers.get("location")).toBe(`${PREVIEW}/api/auth/error?error=state_mismatch`);
		expect(preview.query("select id from user")).toEqual([]);
	});

	it("sends provider errors and failed exchanges back to the preview's error page", async () => {
		const { production, sealedState } = await startFlow();
		const denied = await production.get(
			`${PRODUCTION}/api/auth/callback/github?error=access_denied&state=${sealedState}`,
		);
		expect(denied.headers.get("location")).toBe(`${PREVIEW}/api/auth/error?error=access_denied`);
		failExchange = true;
		const failed = await production.get(`${PRODUCTION}/api/auth/callback/github?code=x&state=${sealedState}`);
		expect(failed.headers.get("location")).toBe(`${PREVIEW}/api/auth/error?error=invalid_code`);
		const other = await production.get(`${PRODUCTION}/api/auth/callback/google?code=x&state=${sealedState}`);
		expect(other.headers.get("location")).toBe(`${PREVIEW}/api/auth/error?error=state_mismatch`);
	});

	it("refuses a profile for another provider, tampered or expired", async () => {
		const { preview, back, stateCookie } = await startFlow();
		const location = new URL(back.headers.get("location") as string);
		const profile = location.searchParams.get("profile") as string;
		const wrongProvider = `${PREVIEW}/api/auth/callback/google/oauth-proxy?callbackURL=%2F&profile=${profile}`;
		expect((await preview.get(wrongProvider, stateCookie)).headers.get("location")).toBe(
			`${PREVIEW}/api/auth/error?error=invalid_profile`,
		);
		const flipped = `${profile.slice(0, -2)}${profile.endsWith("00") ? "11" : "00"}`;
		const tampered = `${PREVIEW}/api/auth/callback/github/oauth-proxy?callbackURL=%2F&profile=${flipped}`;
		expect((await preview.get(tampered, stateCookie)).headers.get("location")).toBe(
			`${PREVIEW}/api/auth/error?error=invalid_profile`,
		);
		// The older endpoint name answers the same flow.
		const legacy = `${PREVIEW}/api/auth/oauth-proxy-callback?callbackURL=%2Fdashboard&profile=${profile}`;
		const done = await preview.get(legacy, stateCookie);
		expect(done.headers.get("location")).toBe("/dashboard");
	});

	it("refuses an expired profile", async () => {
		vi.useFakeTimers({ toFake: ["Date"] });
		try {
			const { preview, back, stateCookie } = await startFlow();
			vi.setSystemTime(Date.now() + 61_000);
			expect((await preview.get(back.headers.get("location") as string, stateCookie)).headers.get("location")).toBe(
				`${PREVIEW}/api/auth/error?error=invalid_profile`,
			);
		} finally {
			vi.useRealTimers();
		}
	});
});

describe("oAuthProxy: when not to proxy", () => {
	it("leaves production's own sign-ins alone", async () => {
		const production = await deployment(PRODUCTION);
		const started = await production.signIn({ provider: "github", callbackURL: "/dashboard" });
		const state = new URL(((await started.json()) as { url: string }).url).searchParams.get("state");
		expect(state).toMatch(/^[\w-]{32}$/);
		const [stored] = production.query("select value from verification");
		expect(JSON.parse(stored.value as string).callbackURL).toBe("/dashboard");
	});

	it("is skipped with x-skip-oauth-proxy and without productionURL", async () => {
		const preview = await deployment(PREVIEW);
		await preview.signIn({ provider: "github", callbackURL: "/a" }, { "x-skip-oauth-proxy": "true" });
		const unset = await deployment(PREVIEW, {});
		await unset.signIn({ provider: "github", callbackURL: "/b" });
		for (const side of [preview, unset]) {
			const [stored] = side.query("select value from verification");
			expect(JSON.parse(stored.value as string).callbackURL).toMatch(/^\/[ab]$/);
		}
	});

	it("uses currentURL when given", async () => {
		const preview = await deployment(PREVIEW, { productionURL: PRODUCTION, currentURL: "http://localhost:3000" });
		await preview.signIn({ provider: "github" });
		const [stored] = preview.query("select value from verification");
		expect(JSON.parse(stored.value as string).callbackURL).toBe(
			"http://localhost:3000/api/auth/callback/github/oauth-proxy?callbackURL=%2F",
		);
	});
});

describe("oAuthProxy: bad input", () => {
	it("refuses an untrusted callback URL before rewriting it", async () => {
		const preview = await deployment(PREVIEW);
		const response = await preview.signIn({ provider: "github", callbackURL: "https://evil.com" });
		expect(response.status).toBe(403);
		expect(await response.json()).toMatchObject({ code: "INVALID_CALLBACK_URL" });
	});

	it("answers the completion endpoints' bad queries", async () => {
		const preview = await deployment(PREVIEW);
		for (const path of ["/callback/github/oauth-proxy", "/oauth-proxy-callback"]) {
			const base = `${PREVIEW}/api/auth${path}`;
			expect((await preview.get(`${base}?callbackURL=%2Fd`)).headers.get("location")).toBe(
				`${PREVIEW}/api/auth/error?error=missing_profile`,
			);
			expect((await preview.get(`${base}?callbackURL=%2Fd&profile=abc`)).headers.get("location")).toBe(
				`${PREVIEW}/api/auth/error?error=invalid_profile`,
			);
			const evil = await preview.get(`${base}?callbackURL=https%3A%2F%2Fevil.com&profile=abc`);
			expect(evil.status).toBe(403);
			expect(await evil.json()).toMatchObject({ code: "INVALID_CALLBACK_URL" });
			const none = await preview.get(base);
			expect(none.status).toBe(400);
			expect(await none.json()).toMatchObject({ code: "VALIDATION_ERROR" });
		}
	});

	it("treats an unsealed or foreign state on production as an ordinary callback", async () => {
		const production = await deployment(PRODUCTION);
		const response = await production.get(`${PRODUCTION}/api/auth/callback/github?code=x&state=${"ab".repeat(60)}`);
		expect(response.headers.get("location")).toBe(`${PRODUCTION}/api/auth/error?error=state_mismatch`);
		expect(tokenRequests).toEqual([]);
	});
});
