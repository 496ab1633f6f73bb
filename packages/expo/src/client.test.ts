/**
 * `expoClient` against a real server: requests go from `createAuthClient` into `auth.handler`
 * (no network), the storage is in memory, and the in-app browser is a fake that follows the
 * redirects (the provider is a real local OAuth server).
 */
import type { BetterAuthOptions } from "@better-auth/core";
import { createAuthClient } from "better-auth/client";
import { genericOAuthClient } from "better-auth/client/plugins";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { getTestInstance } from "better-auth/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../better-auth/src/test-utils/oauth-server";
import { type ExpoClientOptions, type ExpoStorage, expoClient } from "./client";
import { expo } from "./index";

const BASE = "http://localhost:3000";

const browser = vi.hoisted(() => ({
	openAuthSessionAsync: vi.fn<(url: string, redirectUrl?: string | null) => Promise<{ type: string; url?: string }>>(),
}));
vi.mock("expo-web-browser", () => browser);
vi.mock("expo-linking", () => ({
	createURL: (path: string, options?: { scheme?: string }) =>
		`${options?.scheme ?? "exp"}://${path.replace(/^\/+/, "")}`,
}));
vi.mock("expo-constants", () => ({ default: { expoConfig: { scheme: "fromconfig" } } }));

let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());
beforeEach(() => {
	browser.openAuthSessionAsync.mockReset();
});

function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	const storage: ExpoStorage & { items: Map<string, string> } = {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => {
			items.set(key, value);
		},
	};
	return storage;
}

async function setup(
	clientOptions: Partial<ExpoClientOptions> = {},
	initial: Record<string, string> = {},
	server: Partial<BetterAuthOptions> = {},
) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		trustedOrigins: ["myapp://"],
		...server,
		plugins: [
			expo(),
			genericOAuth({
				config: [
					{
						providerId: "fake",
						clientId: fake.clientId,
						clientSecret: fake.clientSecret,
						discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
						scopes: ["openid", "email", "profile"],
					},
				],
			}),
		],
	});
	const storage = memoryStorage(initial);
	const sent: Request[] = [];
	const client = createAuthClient({
		baseURL: BASE,
		fetchOptions: {
			customFetchImpl: async (input, init) => {
				const request = new Request(input, init);
				sent.push(request.clone());
				return instance.auth.handler(request);
			},
		},
		plugins: [expoClient({ scheme: "myapp", storage, ...clientOptions }), genericOAuthClient()],
	});
	/** The in-app browser: follows redirects with its own cookie jar until it reaches the app. */
	browser.openAuthSessionAsync.mockImplementation(async (start) => {
		const jar = new Map<string, string>();
		let url = start;
		for (let hop = 0; hop < 10; hop++) {
			if (!url.startsWith("http")) return { type: "success", url };
			const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
			const response = url.startsWith(BASE)
				? await instance.auth.handler(new Request(url, { headers: cookie ? { cookie } : {} }))
				: await fetch(url, { redirect: "manual" });
			for (const line of response.headers.getSetCookie()) {
				const [pair] = line.split(";");
				const [name, ...value] = pair.split("=");
				jar.set(name, value.join("="));
			}
			const location = response.headers.get("location");
			if (!location) return { type: "dismiss" };
			url = new URL(location, url).toString();
		}
		return { type: "dismiss" };
	});
	const storedCookies = () => JSON.parse(storage.getItem("better-auth_cookie") ?? "{}");
	return { ...instance, client, storage, sent, storedCookies };
}

const user = { email: "app@example.com", password: "password-1234", name: "App User" };

describe("cookies", () => {
	it("stores the cookies of sign-up and sends them back with expo-origin", async () => {
		const { client, storedCookies, sent } = await setup();
		const { error } = await client.signUp.email(user);
		expect(error).toBeNull();
		const stored = storedCookies();
		expect(stored["better-auth.session_token"].value).toMatch(/^[^.]+\..+/);
		// Max-Age of the session cookie (7 days) became an absolute date.
		const expires = Date.parse(stored["better-auth.session_token"].expires);
		expect(expires - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);

		const { data } = await client.getSession();
		expect((data as { user: { email: string } }).user.email).toBe(user.email);
		const getSession = sent.at(-1) as Request;
		expect(getSession.headers.get("cookie")).toContain(
			`better-auth.session_token=${stored["better-auth.session_token"].value}`,
		);
		expect(getSession.headers.get("expo-origin")).toBe("myapp://");
		expect(sent[0].headers.get("expo-origin")).toBe("myapp://");
	});

	it("getCookie() returns the stored cookies as a Cookie header", async () => {
		const { client, storedCookies } = await setup();
		expect(client.getCookie()).toBe("");
		await client.signUp.email(user);
		expect(client.getCookie()).toBe(`better-auth.session_token=${storedCookies()["better-auth.session_token"].value}`);
	});

	it("sign-out clears the stored cookies and the cached session, and the server revokes the session", async () => {
		const { client, storage, storedCookies, request } = await setup();
		await client.signUp.email(user);
		await client.getSession();
		const token = storedCookies()["better-auth.session_token"].value;
		expect(storage.getItem("better-auth_session_data")).toContain(user.email);
		const { error } = await client.signOut();
		expect(error).toBeNull();
		expect(storedCookies()).toEqual({});
		expect(client.getCookie()).toBe("");
		expect(JSON.parse(storage.getItem("better-auth_session_data") ?? "")).toBeNull();
		// The sign-out request itself still carried the cookie: the session is gone server-side.
		const session = await (await request("/get-session", { cookie: `better-auth.session_token=${token}` })).json();
		expect(session).toBeNull();
		expect((await client.getSession()).data).toBeNull();
	});

	it("does not send expired cookies, and Max-Age=0 removes a cookie", async () => {
		const past = new Date(Date.now() - 1000).toISOString();
		const future = new Date(Date.now() + 3600_000).toISOString();
		const { client, sent, storage } = await setup(
			{},
			{
				"better-auth_cookie": JSON.stringify({
					old: { value: "1", expires: past },
					fresh: { value: "2", expires: future },
					session: { value: "3", expires: null },
				}),
			},
		);
		expect(client.getCookie()).toBe("fresh=2; session=3");
		await client.getSession();
		expect((sent.at(-1) as Request).headers.get("cookie")).toBe("fresh=2; session=3");
		// A response that deletes cookies (sign-out deletes the session cookies).
		storage.setItem(
			"better-auth_cookie",
			JSON.stringify({
				"better-auth.session_token": { value: "x.y", expires: future },
				keep: { value: "k", expires: null },
			}),
		);
		await client.signOut();
		await client.getSession();
		expect((sent.at(-1) as Request).headers.get("cookie")).toBeNull();
	});

	it("a malformed stored jar or session cache does not crash, and is replaced", async () => {
		const { client, storedCookies } = await setup(
			{},
			{ "better-auth_cookie": "{not json", "better-auth_session_data": "[[[" },
		);
		expect(client.getCookie()).toBe("");
		expect(client.useSession.get().data).toBeNull();
		const { error } = await client.signUp.email(user);
		expect(error).toBeNull();
		expect(storedCookies()["better-auth.session_token"]).toBeDefined();
	});

	it.each([
		["an array", "[1,2]"],
		["wrong value types", JSON.stringify({ a: { value: 1 }, b: "x", c: { value: "ok", expires: 5 } })],
		["an unparseable date", JSON.stringify({ a: { value: "1", expires: "soon" } })],
	])("ignores %s in the stored jar", async (_label, json) => {
		const { client } = await setup({}, { "better-auth_cookie": json });
		expect(client.getCookie()).toBe(json.includes('"ok"') ? "c=ok" : "");
	});

	it("appends the stored cookies to a Cookie header the caller sends", async () => {
		const { client, sent } = await setup();
		await client.signUp.email(user);
		await client.getSession({ fetchOptions: { headers: { cookie: "mine=1" } } });
		expect((sent.at(-1) as Request).headers.get("cookie")).toMatch(/^mine=1; better-auth\.session_token=/);
	});
});

describe("session", () => {
	it("caches the session in <prefix>_session_data and seeds the next client from it", async () => {
		const { client, storage } = await setup({ storagePrefix: "myapp" });
		await client.signUp.email(user);
		await client.getSession();
		const cached = JSON.parse(storage.getItem("myapp_session_data") ?? "null");
		expect(cached.user.email).toBe(user.email);
		expect(storage.getItem("myapp_cookie")).toContain("session_token");

		const next = createAuthClient({
			baseURL: BASE,
			plugins: [expoClient({ scheme: "myapp", storage, storagePrefix: "myapp" })],
		});
		const state = next.useSession.get();
		expect(state.isPending).toBe(false);
		expect((state.data as { user: { email: string } }).user.email).toBe(user.email);
	});

	it("disableCache: nothing cached, nothing seeded", async () => {
		const { client, storage } = await setup({ disableCache: true });
		await client.signUp.email(user);
		await client.getSession();
		expect(storage.getItem("better-auth_session_data")).toBeNull();
		storage.setItem("better-auth_session_data", JSON.stringify({ session: {}, user: { email: "x" } }));
		const next = createAuthClient({
			baseURL: BASE,
			plugins: [expoClient({ scheme: "myapp", storage, disableCache: true })],
		});
		expect(next.useSession.get().data).toBeNull();
	});

	it("raises the session signal when session cookies change, not for other cookies", async () => {
		const { client } = await setup();
		const signals: unknown[] = [];
		client.$store.listen("$sessionSignal", (value) => signals.push(value));
		await client.signUp.email(user);
		const afterSignUp = signals.length;
		expect(afterSignUp).toBeGreaterThan(0);
		await client.getSession();
		expect(signals.length).toBe(afterSignUp);
	});

	it.each([
		["myauth", true],
		["better-auth", false],
	])("cookiePrefix %s against a server using myauth: signal raised = %s", async (cookiePrefix, raised) => {
		fake.user = { sub: "prefix-1", email: "prefix@example.com", email_verified: true, name: "Prefix" };
		const { client } = await setup({ cookiePrefix }, {}, { advanced: { cookiePrefix: "myauth" } });
		const signals: unknown[] = [];
		client.$store.listen("$sessionSignal", (value) => signals.push(value));
		// The core raises no signal for a redirect answer: only the plugin can, after the browser flow.
		await client.signIn.oauth2({ providerId: "fake", callbackURL: "/dashboard" });
		expect(client.getCookie()).toMatch(/^myauth\.session_token=/);
		expect(signals.length > 0).toBe(raised);
	});
});

describe("social sign-in", () => {
	it("opens the provider through the proxy and stores the cookies of the deep link back", async () => {
		fake.user = { sub: "social-1", email: "social@example.com", email_verified: true, name: "Social" };
		const { client, sent, storedCookies } = await setup();
		const signals: unknown[] = [];
		client.$store.listen("$sessionSignal", (value) => signals.push(value));
		const { data, error } = await client.signIn.oauth2({ providerId: "fake", callbackURL: "/dashboard" });
		expect(error).toBeNull();
		expect((data as { redirect: boolean }).redirect).toBe(true);
		// The callbackURL went to the server as a deep link.
		expect(await sent[0].json()).toMatchObject({ callbackURL: "myapp://dashboard" });
		expect(browser.openAuthSessionAsync).toHaveBeenCalledTimes(1);
		const [proxyURL, returnTo] = browser.openAuthSessionAsync.mock.calls[0];
		expect(proxyURL.startsWith(`${BASE}/api/auth/expo-authorization-proxy?authorizationURL=`)).toBe(true);
		expect(new URL(proxyURL).searchParams.get("authorizationURL")).toBe((data as { url: string }).url);
		expect(returnTo).toBe("myapp://");
		const result = await browser.openAuthSessionAsync.mock.results[0].value;
		expect(result.url.startsWith("myapp://dashboard?cookie=")).toBe(true);

		expect(signals.length).toBeGreaterThan(0);
		expect(storedCookies()["better-auth.session_token"]).toBeDefined();
		expect(storedCookies()["better-auth.state"]).toBeUndefined();
		const session = await client.getSession();
		expect((session.data as { user: { email: string } }).user.email).toBe("social@example.com");
	});

	it("stores nothing when the user closes the browser", async () => {
		const { client, storedCookies } = await setup();
		browser.openAuthSessionAsync.mockResolvedValue({ type: "cancel" });
		await client.signIn.oauth2({ providerId: "fake", callbackURL: "/dashboard" });
		expect(storedCookies()["better-auth.session_token"]).toBeUndefined();
		expect(browser.openAuthSessionAsync).toHaveBeenCalledTimes(1);
	});

	it("does not open the browser for a disableRedirect sign-in", async () => {
		const { client } = await setup();
		const { data } = await client.signIn.oauth2({ providerId: "fake", callbackURL: "/x", disableRedirect: true });
		expect((data as { url: string }).url).toContain(fake.url);
		expect(browser.openAuthSessionAsync).not.toHaveBeenCalled();
	});

	it("leaves absolute callback URLs as they are", async () => {
		const { client, sent } = await setup();
		browser.openAuthSessionAsync.mockResolvedValue({ type: "cancel" });
		await client.signIn.oauth2({ providerId: "fake", callbackURL: "myapp://settings", errorCallbackURL: "/error" });
		expect(await sent[0].json()).toMatchObject({ callbackURL: "myapp://settings", errorCallbackURL: "myapp://error" });
	});

	it("reads the scheme from app.json (expo-constants) when none is given", async () => {
		const instance = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [expo()] });
		const sent: Request[] = [];
		const client = createAuthClient({
			baseURL: BASE,
			fetchOptions: {
				customFetchImpl: (input, init) => {
					const request = new Request(input, init);
					sent.push(request);
					return instance.auth.handler(request);
				},
			},
			plugins: [expoClient({ storage: memoryStorage() })],
		});
		await client.getSession();
		expect(sent[0].headers.get("expo-origin")).toBe("fromconfig://");
	});
});
