import type { BetterAuthOptions } from "@better-auth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { genericOAuth } from "../../plugins/generic-oauth";
import { getTestInstance } from "../../test";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test-utils/oauth-server";

const BASE = "http://localhost:3000";
let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());

const cookiesOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.filter((cookie) => !cookie.endsWith("="))
		.join("; ");

async function setup(extra: Partial<BetterAuthOptions> = {}, config: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [
			genericOAuth({
				config: [
					{
						providerId: "fake",
						clientId: fake.clientId,
						clientSecret: fake.clientSecret,
						discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
						scopes: ["openid", "email", "profile"],
						pkce: true,
						...config,
					},
				],
			}),
		],
	});
	/** Starts a flow and lets the fake provider consent: the callback request to send, and the state cookie. */
	const start = async (body: Record<string, unknown> = {}, cookie?: string, path = "/sign-in/oauth2") => {
		const response = await instance.request(path, {
			body: { providerId: "fake", callbackURL: "/dash", ...body },
			cookie,
		});
		const data = (await response.json()) as { url: string; redirect: boolean };
		expect(response.status, JSON.stringify(data)).toBe(200);
		const consent = await fetch(data.url, { redirect: "manual" });
		const callback = consent.headers.get("location") as string;
		expect(callback).toContain("/api/auth/oauth2/callback/fake?code=");
		return { callback, stateCookie: cookiesOf(response), url: new URL(data.url) };
	};
	const callback = (url: string, cookie: string) => instance.auth.handler(new Request(url, { headers: { cookie } }));
	/** A complete sign-in: the final redirect and the session cookie. */
	const signInWithFake = async (body: Record<string, unknown> = {}) => {
		const { callback: url, stateCookie } = await start(body);
		const response = await callback(url, stateCookie);
		return { response, location: response.headers.get("location"), cookie: cookiesOf(response) };
	};
	return { ...instance, start, callback, signInWithFake };
}

describe("OAuth sign-in through a real provider round trip", () => {
	it("signs a new user up, then signs the same user in again", async () => {
		fake.user = { sub: "round-1", email: "Round@Example.com", email_verified: true, name: "Round Trip" };
		const { signInWithFake, request, database } = await setup();
		const first = await signInWithFake({ newUserCallbackURL: "/welcome" });
		expect(first.response.status).toBe(302);
		expect(first.location).toBe("/welcome");
		const session = await (await request("/get-session", { cookie: first.cookie })).json();
		expect(session.user).toMatchObject({ email: "round@example.com", name: "Round Trip", emailVerified: true });
		const account = database.prepare(`select * from account where providerId = 'fake'`).get() as Record<string, string>;
		expect(account.accountId).toBe("round-1");
		expect(account.accessToken).toMatch(/^access_/);
		expect(account.refreshToken).toMatch(/^refresh_/);
		expect(account.idToken.split(".")).toHaveLength(3);
		expect(account.scope).toBe("openid,email,profile");

		const second = await signInWithFake({ newUserCallbackURL: "/welcome" });
		expect(second.location).toBe("/dash");
		const again = await (await request("/get-session", { cookie: second.cookie })).json();
		expect(again.user.id).toBe(session.user.id);
		expect(database.prepare("select count(*) as n from user").get()).toEqual({ n: 1 });
		const updated = database.prepare(`select accessToken from account where providerId = 'fake'`).get() as {
			accessToken: string;
		};
		expect(updated.accessToken).not.toBe(account.accessToken);
	});

	it("sends PKCE S256 and the state, and stores the state server-side only until the callback", async () => {
		fake.user = { sub: "pkce-1", email: "pkce@example.com", email_verified: true, name: "P" };
		const { start, callback, database } = await setup();
		const { url, callback: back, stateCookie } = await start();
		expect(url.searchParams.get("code_challenge_method")).toBe("S256");
		expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
		expect(url.searchParams.get("scope")).toBe("openid email profile");
		const state = url.searchParams.get("state") as string;
		expect(stateCookie).toMatch(/^better-auth\.state=/);
		const stored = database.prepare("select identifier, value from verification").all() as Array<{
			identifier: string;
			value: string;
		}>;
		expect(stored.map((row) => row.identifier)).toEqual([`auth-state:${state}`]);
		expect(JSON.parse(stored[0].value)).toMatchObject({ callbackURL: "/dash", oauthState: state });
		await callback(back, stateCookie);
		expect(database.prepare("select count(*) as n from verification").get()).toEqual({ n: 0 });
		const tokenRequest = fake.requests.filter((r) => r.path === "/token").at(-1);
		expect(new URLSearchParams(tokenRequest?.body).get("code_verifier")).toMatch(/^[\w-]{128}$/);
	});

	it("a replayed state, a missing state cookie or a foreign cookie redirects with state_mismatch", async () => {
		fake.user = { sub: "replay-1", email: "replay@example.com", email_verified: true, name: "R" };
		const { start, callback } = await setup({}, {});
		const first = await start();
		expect((await callback(first.callback, first.stateCookie)).headers.get("location")).toBe("/dash");
		const replay = await callback(first.callback, first.stateCookie);
		expect(replay.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_mismatch`);
		const second = await start();
		const noCookie = await callback(second.callback, "");
		expect(noCookie.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_mismatch`);
		const third = await start();
		const fourth = await start();
		const swapped = await callback(third.callback, fourth.stateCookie);
		expect(swapped.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_mismatch`);
		const noState = await callback(`${BASE}/api/auth/oauth2/callback/fake?code=x`, "");
		expect(noState.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_not_found`);
	});

	it("storeStateStrategy cookie: the flow lives in an encrypted cookie, nothing in the database", async () => {
		fake.user = { sub: "cookie-1", email: "cookie@example.com", email_verified: true, name: "Cookie" };
		const { start, callback, database } = await setup({ account: { storeStateStrategy: "cookie" } });
		const first = await start();
		expect(first.stateCookie).toMatch(/^better-auth\.oauth_state=[0-9a-f]+$/);
		expect(database.prepare("select count(*) as n from verification").get()).toEqual({ n: 0 });
		const done = await callback(first.callback, first.stateCookie);
		expect(done.headers.get("location")).toBe("/dash");
		expect(done.headers.getSetCookie().join()).toMatch(/better-auth\.oauth_state=; Max-Age=0/);
		const other = await start();
		const swapped = await callback(other.callback, first.stateCookie);
		expect(swapped.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_mismatch`);
		const tampered = await callback(
			other.callback,
			other.stateCookie.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
		);
		expect(tampered.headers.get("location")).toBe(`${BASE}/api/auth/error?error=state_mismatch`);
	});

	it("16 parallel callbacks with one code and state yield exactly one session", async () => {
		fake.user = { sub: "race-1", email: "race@example.com", email_verified: true, name: "Race" };
		const { start, callback, database } = await setup();
		const { callback: url, stateCookie } = await start();
		const responses = await Promise.all(Array.from({ length: 16 }, () => callback(url, stateCookie)));
		const signedIn = responses.filter((response) => response.headers.get("location") === "/dash");
		expect(signedIn).toHaveLength(1);
		expect(database.prepare("select count(*) as n from session").get()).toEqual({ n: 1 });
		expect(database.prepare("select count(*) as n from user").get()).toEqual({ n: 1 });
	});

	it("redirects provider and exchange errors to the error URL with Better Auth's codes", async () => {
		fake.user = { sub: "err-1", email: "err@example.com", email_verified: true, name: "E" };
		const { start, callback } = await setup();
		const denied = await start({ errorCallbackURL: "/oops" });
		const deniedURL = denied.callback.replace(/code=[^&]+/, "error=access_denied&error_description=user%20said%20no");
		expect((await callback(deniedURL, denied.stateCookie)).headers.get("location")).toBe(
			"/oops?error=access_denied&error_description=user+said+no",
		);
		const noCode = await start({ errorCallbackURL: "/oops" });
		expect(
			(await callback(noCode.callback.replace(/code=[^&]+&?/, ""), noCode.stateCookie)).headers.get("location"),
		).toBe("/oops?error=no_code");
		fake.tokenError = { error: "invalid_grant", error_description: "expired" };
		try {
			const bad = await start();
			expect((await callback(bad.callback, bad.stateCookie)).headers.get("location")).toBe(
				`${BASE}/api/auth/error?error=invalid_code`,
			);
		} finally {
			fake.tokenError = null;
		}
		// genericOAuth providers treat a profile without email as no user (as better-auth 1.7 does).
		fake.user = { sub: "err-2", email: null, email_verified: false, name: "No Email" };
		const noEmail = await start();
		expect((await callback(noEmail.callback, noEmail.stateCookie)).headers.get("location")).toBe(
			`${BASE}/api/auth/error?error=unable_to_get_user_info`,
		);
	});

	it("onAPIError.errorURL replaces the default error page", async () => {
		fake.user = { sub: "err-3", email: null, name: "No Email" };
		const { start, callback } = await setup({ onAPIError: { errorURL: "https://app.example.com/auth-error" } });
		const flow = await start();
		expect((await callback(flow.callback, flow.stateCookie)).headers.get("location")).toBe(
			"https://app.example.com/auth-error?error=unable_to_get_user_info",
		);
	});

	it("never links to a local account implicitly unless both emails are verified or the provider is trusted", async () => {
		fake.user = { sub: "link-1", email: "test@example.com", email_verified: true, name: "Provider Name" };
		const local = await setup();
		await local.signUp();
		const refused = await local.signInWithFake({ errorCallbackURL: "/oops" });
		expect(refused.location).toBe("/oops?error=account_not_linked");
		local.database.prepare(`update user set emailVerified = 1`).run();
		const linked = await local.signInWithFake();
		expect(linked.location).toBe("/dash");
		expect(local.database.prepare("select count(*) as n from account").get()).toEqual({ n: 2 });

		fake.user = { sub: "link-2", email: "test@example.com", email_verified: false, name: "Unverified" };
		const trusted = await setup({ account: { accountLinking: { trustedProviders: ["fake"] } } });
		await trusted.signUp();
		expect((await trusted.signInWithFake()).location).toBe("/dash");
		const untrusted = await setup();
		await untrusted.signUp();
		untrusted.database.prepare(`update user set emailVerified = 1`).run();
		expect((await untrusted.signInWithFake()).location).toBe(`${BASE}/api/auth/error?error=account_not_linked`);
		const disabled = await setup({ account: { accountLinking: { enabled: false } } });
		await disabled.signUp();
		disabled.database.prepare(`update user set emailVerified = 1`).run();
		fake.user = { sub: "link-3", email: "test@example.com", email_verified: true, name: "V" };
		expect((await disabled.signInWithFake()).location).toBe(`${BASE}/api/auth/error?error=account_not_linked`);
	});

	it("disableSignUp and disableImplicitSignUp refuse new users (requestSignUp lifts the latter)", async () => {
		fake.user = { sub: "new-1", email: "new@example.com", email_verified: true, name: "New" };
		const noSignUp = await setup({}, { disableSignUp: true });
		expect((await noSignUp.signInWithFake()).location).toBe(`${BASE}/api/auth/error?error=signup_disabled`);
		const implicit = await setup({}, { disableImplicitSignUp: true });
		expect((await implicit.signInWithFake()).location).toBe(`${BASE}/api/auth/error?error=signup_disabled`);
		expect((await implicit.signInWithFake({ requestSignUp: true })).location).toBe("/dash");
	});

	it("the core sign-in/social path serves plugin providers too, and rejects unknown ones", async () => {
		fake.user = { sub: "core-1", email: "core@example.com", email_verified: true, name: "Core" };
		const { request } = await setup();
		const response = await request("/sign-in/social", { body: { provider: "fake", callbackURL: "/x" } });
		const body = await response.json();
		expect(body.redirect).toBe(true);
		expect(response.headers.get("location")).toBe(body.url);
		expect(new URL(body.url).searchParams.get("redirect_uri")).toBe(`${BASE}/api/auth/callback/fake`);
		const unknown = await request("/sign-in/social", { body: { provider: "nope" } });
		expect(unknown.status).toBe(404);
		expect(await unknown.json()).toMatchObject({ code: "PROVIDER_NOT_FOUND" });
		const evil = await request("/sign-in/social", { body: { provider: "fake", callbackURL: "https://evil.com" } });
		expect(evil.status).toBe(403);
		expect(await evil.json()).toMatchObject({ code: "INVALID_CALLBACK_URL" });
		const noRedirect = await request("/sign-in/social", { body: { provider: "fake", disableRedirect: true } });
		expect((await noRedirect.json()).redirect).toBe(false);
		expect(noRedirect.headers.get("location")).toBeNull();
	});

	it("form_post callbacks are turned into a GET with the same parameters", async () => {
		const { auth } = await setup();
		const response = await auth.handler(
			new Request(`${BASE}/api/auth/callback/fake`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: "code=abc&state=xyz",
			}),
		);
		expect(response.status).toBe(302);
		const location = new URL(response.headers.get("location") as string);
		expect(`${location.origin}${location.pathname}`).toBe(`${BASE}/api/auth/callback/fake`);
		expect(Object.fromEntries(location.searchParams)).toEqual({ code: "abc", state: "xyz" });
	});
});

describe("ID-token sign-in", () => {
	it("signs in with a valid ID token and refuses a bad audience, signature or nonce", async () => {
		const { request } = await setup();
		const claims = { sub: "idt-1", email: "idt@example.com", email_verified: true, name: "IDT", nonce: "n-1" };
		const good = await fake.signIdToken(claims);
		const response = await request("/sign-in/social", {
			body: { provider: "fake", idToken: { token: good, nonce: "n-1" } },
		});
		const body = await response.json();
		expect(response.status).toBe(200);
		expect(body).toMatchObject({ redirect: false, user: { email: "idt@example.com" } });
		expect(typeof body.token).toBe("string");
		expect(response.headers.getSetCookie().join()).toContain("better-auth.session_token=");
		for (const token of [
			await fake.signIdToken(claims, { audience: "someone-else" }),
			await fake.signWithForeignKey(claims),
			await fake.signIdToken(claims, { expiresIn: "-1m" }),
		]) {
			const refused = await request("/sign-in/social", {
				body: { provider: "fake", idToken: { token, nonce: "n-1" } },
			});
			expect(refused.status).toBe(401);
			expect(await refused.json()).toMatchObject({ code: "INVALID_TOKEN" });
		}
		const wrongNonce = await request("/sign-in/social", {
			body: { provider: "fake", idToken: { token: good, nonce: "other" } },
		});
		expect(wrongNonce.status).toBe(401);
	});
});

describe("linked accounts", () => {
	it("links, lists, reads tokens (refreshing when expired), refreshes, reads account info and unlinks", async () => {
		fake.user = { sub: "acct-1", email: "test@example.com", email_verified: true, name: "Linked" };
		const t = await setup({ account: { encryptOAuthTokens: true } });
		const { cookie } = await t.signUp();
		const flow = await t.start({ callbackURL: "/linked" }, cookie, "/oauth2/link");
		const linked = await t.callback(flow.callback, `${cookie}; ${flow.stateCookie}`);
		expect(linked.headers.get("location")).toBe("/linked");
		const accounts = await (await t.request("/list-accounts", { cookie })).json();
		expect(accounts.map((a: { providerId: string }) => a.providerId).sort()).toEqual(["credential", "fake"]);
		const fakeAccount = accounts.find((a: { providerId: string }) => a.providerId === "fake");
		expect(fakeAccount.scopes).toEqual(["openid", "email", "profile"]);

		const stored = t.database.prepare(`select accessToken from account where providerId = 'fake'`).get() as {
			accessToken: string;
		};
		expect(stored.accessToken).not.toMatch(/^access_/);
		const token = await (await t.request("/get-access-token", { body: { providerId: "fake" }, cookie })).json();
		expect(token.accessToken).toMatch(/^access_/);
		expect(fake.accessTokens.has(token.accessToken)).toBe(true);
		const byId = await (await t.request("/get-access-token", { body: { accountId: fakeAccount.id }, cookie })).json();
		expect(byId.accessToken).toBe(token.accessToken);

		t.database
			.prepare(`update account set accessTokenExpiresAt = ? where providerId = 'fake'`)
			.run(new Date(Date.now() - 1000).toISOString());
		const refreshed = await (await t.request("/get-access-token", { body: { providerId: "fake" }, cookie })).json();
		expect(refreshed.accessToken).not.toBe(token.accessToken);
		expect(new Date(refreshed.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());

		const forced = await t.request("/refresh-token", { body: { providerId: "fake" }, cookie });
		const forcedBody = await forced.json();
		expect(forced.status).toBe(200);
		expect(forcedBody).toMatchObject({ providerId: "fake", accountId: fakeAccount.id });
		expect(forcedBody.accessToken).not.toBe(refreshed.accessToken);

		const info = await (await t.request(`/account-info?accountId=${fakeAccount.id}`, { cookie })).json();
		expect(info.user).toMatchObject({ email: "test@example.com", name: "Linked" });
		expect(info.account).toEqual({ id: fakeAccount.id, providerId: "fake", accountId: "acct-1" });

		const missing = await t.request("/get-access-token", { body: { providerId: "nope" }, cookie });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({ code: "ACCOUNT_NOT_FOUND" });

		expect((await t.request("/unlink-account", { body: { providerId: "fake" }, cookie })).status).toBe(200);
		const last = await t.request("/unlink-account", { body: { providerId: "credential" }, cookie });
		expect(last.status).toBe(400);
		expect(await last.json()).toMatchObject({ code: "FAILED_TO_UNLINK_LAST_ACCOUNT" });
	});

	it("refuses to link an account with another email, or one already linked to someone else", async () => {
		fake.user = { sub: "other-1", email: "someone@else.com", email_verified: true, name: "Other" };
		const t = await setup();
		const { cookie } = await t.signUp();
		const flow = await t.start({ callbackURL: "/linked" }, cookie, "/oauth2/link");
		const refused = await t.callback(flow.callback, `${cookie}; ${flow.stateCookie}`);
		expect(refused.headers.get("location")).toBe(`${BASE}/api/auth/error?error=email_doesn't_match`);

		const allowed = await setup({ account: { accountLinking: { allowDifferentEmails: true } } });
		const owner = await allowed.signInWithFake();
		expect(owner.location).toBe("/dash");
		const { cookie: second } = await allowed.signUp({ email: "second@example.com" });
		const again = await allowed.start({ callbackURL: "/linked" }, second, "/oauth2/link");
		const taken = await allowed.callback(again.callback, `${second}; ${again.stateCookie}`);
		expect(taken.headers.get("location")).toBe(`${BASE}/api/auth/error?error=account_already_linked_to_different_user`);
	});
});
