/** The core flow with a built-in provider (GitHub) whose real endpoints are served by a local fake. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastLoginMethod } from "../../plugins/last-login-method";
import { getTestInstance } from "../../test";
import { type FakeOAuthServer, redirectHosts, startFakeOAuthServer } from "../../test-utils/oauth-server";

const BASE = "http://localhost:3000";
let fake: FakeOAuthServer;
let restore: () => void;
let primaryVerified = true;

beforeAll(async () => {
	fake = await startFakeOAuthServer({
		clientId: "gh-client",
		clientSecret: "gh-secret",
		aliases: { "/login/oauth/authorize": "/authorize", "/login/oauth/access_token": "/token", "/user": "/userinfo" },
		resources: {
			"/user/emails": (user) =>
				user.email ? [{ email: user.email, primary: true, verified: primaryVerified, visibility: "private" }] : [],
		},
	});
	restore = redirectHosts(["github.com", "api.github.com"], fake.url);
});
afterAll(async () => {
	restore();
	await fake.close();
});

const cookiesOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.filter((cookie) => !cookie.endsWith("="))
		.join("; ");

async function setup(github: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		socialProviders: { github: { clientId: "gh-client", clientSecret: "gh-secret", ...github } },
	});
	const signIn = async (body: Record<string, unknown> = {}) => {
		const started = await instance.request("/sign-in/social", {
			body: { provider: "github", callbackURL: "/dash", ...body },
		});
		const { url } = (await started.json()) as { url: string };
		expect(new URL(url).origin).toBe("https://github.com");
		const consent = await fetch(url, { redirect: "manual" });
		const callback = consent.headers.get("location") as string;
		expect(callback.startsWith(`${BASE}/api/auth/callback/github?`)).toBe(true);
		const response = await instance.auth.handler(new Request(callback, { headers: { cookie: cookiesOf(started) } }));
		return {
			response,
			location: response.headers.get("location"),
			cookie: cookiesOf(response),
			setCookies: response.headers.getSetCookie(),
		};
	};
	return { ...instance, signIn };
}

describe("built-in provider through /sign-in/social and /callback/:id", () => {
	it("signs up with GitHub: profile, primary verified email, and the account's tokens", async () => {
		fake.user = {
			sub: "1",
			id: 4242,
			login: "octo",
			name: "Octo Cat",
			email: "octo@example.com",
			avatar_url: "https://a/x.png",
		};
		const { signIn, request, database } = await setup();
		const { location, cookie } = await signIn();
		expect(location).toBe("/dash");
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user).toMatchObject({
			name: "Octo Cat",
			email: "octo@example.com",
			emailVerified: true,
			image: "https://a/x.png",
		});
		const account = database.prepare("select accountId, providerId, scope from account").get();
		expect(account).toEqual({ accountId: "4242", providerId: "github", scope: "read:user,user:email" });
	});

	it("an account without any email ends with email_not_found", async () => {
		fake.user = { sub: "2", id: 4343, login: "ghost", name: "Ghost", email: null, avatar_url: "https://a/g.png" };
		const { signIn } = await setup();
		expect((await signIn()).location).toBe(`${BASE}/api/auth/error?error=email_not_found`);
	});

	it("an unverified GitHub email never links to an existing local account", async () => {
		fake.user = { sub: "3", id: 4444, login: "l", name: "L", email: "test@example.com", avatar_url: "" };
		primaryVerified = false;
		try {
			const { signIn, signUp, database } = await setup();
			await signUp();
			database.prepare("update user set emailVerified = 1").run();
			expect((await signIn({ errorCallbackURL: "/oops" })).location).toBe("/oops?error=account_not_linked");
		} finally {
			primaryVerified = true;
		}
	});

	it("mapProfileToUser and disableSignUp are honoured; enabled: false removes the provider", async () => {
		fake.user = { sub: "4", id: 4545, login: "mapped", name: "Before", email: "mapped@example.com", avatar_url: "" };
		const mapped = await setup({ mapProfileToUser: (profile: { login: string }) => ({ name: `@${profile.login}` }) });
		const { cookie } = await mapped.signIn();
		expect((await (await mapped.request("/get-session", { cookie })).json()).user.name).toBe("@mapped");
		const closed = await setup({ disableSignUp: true });
		expect((await closed.signIn()).location).toBe(`${BASE}/api/auth/error?error=signup_disabled`);
		const off = await setup({ enabled: false });
		const response = await off.request("/sign-in/social", { body: { provider: "github" } });
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ code: "PROVIDER_NOT_FOUND" });
	});

	it("refuses ID-token sign-in for a provider without ID tokens", async () => {
		const { request } = await setup();
		const response = await request("/sign-in/social", { body: { provider: "github", idToken: { token: "x.y.z" } } });
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ code: "ID_TOKEN_NOT_SUPPORTED" });
	});

	it("lastLoginMethod remembers the provider id of an OAuth sign-in", async () => {
		fake.user = { sub: "5", id: 4646, login: "last", name: "Last", email: "last@example.com", avatar_url: "" };
		const { signIn, database } = await setup({}, { plugins: [lastLoginMethod({ storeInDatabase: true })] });
		const { location, setCookies } = await signIn();
		expect(location).toBe("/dash");
		expect(setCookies.join()).toContain("better-auth.last_used_login_method=github");
		expect(database.prepare("select lastLoginMethod from user").get()).toEqual({ lastLoginMethod: "github" });
	});
});
