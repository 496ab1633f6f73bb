import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../better-auth/src/test-utils/oauth-server";
import { authPath, cookieHeader, expectError, mergeCookies, setup } from "./test/helpers";
import type { SSOOptions } from "./types";

let idp: FakeOAuthServer;
beforeAll(async () => {
	idp = await startFakeOAuthServer({
		user: { sub: "idp-user-1", email: "alice@example.com", email_verified: true, name: "Alice IdP" },
	});
});
afterAll(() => idp.close());

const oidcBody = (extra: Record<string, unknown> = {}) => ({
	providerId: "acme-oidc",
	issuer: idp.issuer,
	domain: "example.com",
	oidcConfig: { clientId: idp.clientId, clientSecret: idp.clientSecret },
	...extra,
});

async function oidcSetup(options: SSOOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await setup(options, extra);
	const registered = await instance.register(oidcBody());
	expect(registered.status).toBe(200);
	/** Runs sign-in → IdP authorize → callback; returns the callback's response and cookies. */
	const signInFlow = async (
		body: Record<string, unknown> = { email: "alice@example.com", callbackURL: "/dashboard" },
	) => {
		const start = await instance.request("/sign-in/sso", { body });
		expect(start.status).toBe(200);
		const { url, redirect } = (await start.json()) as { url: string; redirect: boolean };
		expect(redirect).toBe(true);
		const authorize = await fetch(url, { redirect: "manual" });
		expect(authorize.status).toBe(302);
		const back = authorize.headers.get("location") as string;
		const callback = await instance.request(authPath(back), { cookie: cookieHeader(start) });
		return { start, url: new URL(url), back, callback, cookie: cookieHeader(callback) };
	};
	return { ...instance, registered, signInFlow };
}

describe("sso OIDC: registration", () => {
	it("discovers the endpoints from the issuer and answers the provider with its redirect URI", async () => {
		const { registered, rows } = await oidcSetup();
		const body = await registered.json();
		expect(body).toMatchObject({
			providerId: "acme-oidc",
			issuer: idp.issuer,
			domain: "example.com",
			redirectURI: "http://localhost:3000/api/auth/sso/callback/acme-oidc",
			samlConfig: null,
			oidcConfig: {
				clientId: idp.clientId,
				authorizationEndpoint: `${idp.url}/authorize`,
				tokenEndpoint: `${idp.url}/token`,
				jwksEndpoint: `${idp.url}/jwks`,
				userInfoEndpoint: `${idp.url}/userinfo`,
			},
		});
		expect(body.oidcConfig.clientSecret).toBeUndefined();
		const [row] = rows("select * from ssoProvider");
		expect(JSON.parse(row.oidcConfig as string).clientSecret).toBe(idp.clientSecret);
		expect(row.userId).toBeTruthy();
	});

	it("needs a session", async () => {
		const { register } = await setup();
		await expectError(await register(oidcBody(), ""), 401, "UNAUTHORIZED");
	});

	it("refuses a bad issuer, a duplicate providerId and a missing config", async () => {
		const { register } = await oidcSetup();
		await expectError(await register(oidcBody({ providerId: "x", issuer: "not a url" })), 400, "INVALID_ISSUER");
		await expectError(await register(oidcBody()), 422, "PROVIDER_ID_ALREADY_EXISTS");
		await expectError(
			await register(oidcBody({ providerId: "y", oidcConfig: undefined })),
			400,
			"MISSING_PROVIDER_CONFIG",
		);
	});

	it("refuses an issuer without a discovery document, and one whose document names another issuer", async () => {
		const { register } = await setup();
		await expectError(await register(oidcBody({ issuer: `${idp.url}/nothing-here` })), 400, "OIDC_DISCOVERY_FAILED");
		// The fake's document says issuer = idp.url; registering it under another URL is refused.
		await expectError(
			await register(
				oidcBody({
					issuer: "https://other.example",
					oidcConfig: {
						clientId: "a",
						clientSecret: "b",
						discoveryEndpoint: `${idp.url}/.well-known/openid-configuration`,
					},
				}),
			),
			400,
			"OIDC_ISSUER_MISMATCH",
		);
	});

	it("keeps explicit endpoints without discovery", async () => {
		const { register } = await setup();
		const response = await register(
			oidcBody({
				issuer: "https://no-discovery.example",
				oidcConfig: {
					clientId: "c",
					clientSecret: "s",
					authorizationEndpoint: "https://no-discovery.example/auth",
					tokenEndpoint: "https://no-discovery.example/token",
					jwksEndpoint: "https://no-discovery.example/jwks",
				},
			}),
		);
		expect(response.status).toBe(200);
		expect((await response.json()).oidcConfig.authorizationEndpoint).toBe("https://no-discovery.example/auth");
	});

	it("answers 400 for malformed bodies", async () => {
		const { register } = await setup();
		for (const body of [
			{},
			{ providerId: 1, issuer: idp.issuer, domain: "x.com", oidcConfig: {} },
			{ providerId: "p", issuer: idp.issuer, domain: "x.com", oidcConfig: { clientId: "a" } },
			{
				providerId: "p",
				issuer: idp.issuer,
				domain: "x.com",
				oidcConfig: { clientId: "a", clientSecret: "b", pkce: "yes" },
			},
			{ providerId: "p", issuer: idp.issuer, domain: "x.com", samlConfig: { entryPoint: 3 } },
		]) {
			const response = await register(body);
			expect(response.status).toBe(400);
			expect((await response.json()).code).toBe("VALIDATION_ERROR");
		}
	});

	it("enforces providersLimit, and 0 disables registration", async () => {
		const limited = await setup({ providersLimit: 1 });
		expect((await limited.register(oidcBody())).status).toBe(200);
		await expectError(await limited.register(oidcBody({ providerId: "second" })), 403, "SSO_PROVIDERS_LIMIT_REACHED");
		const disabled = await setup({ providersLimit: () => 0 });
		await expectError(await disabled.register(oidcBody()), 403, "SSO_REGISTRATION_DISABLED");
	});
});

describe("sso OIDC: sign-in", () => {
	it("finds the provider by email domain, domain and providerId, with PKCE and the default scopes", async () => {
		const { request } = await oidcSetup();
		for (const body of [
			{ email: "bob@EXAMPLE.com", callbackURL: "/" },
			{ domain: "example.com", callbackURL: "/" },
			{ providerId: "acme-oidc", callbackURL: "/" },
		]) {
			const response = await request("/sign-in/sso", { body });
			expect(response.status).toBe(200);
			const { url } = await response.json();
			const target = new URL(url);
			expect(target.origin + target.pathname).toBe(`${idp.url}/authorize`);
			expect(target.searchParams.get("client_id")).toBe(idp.clientId);
			expect(target.searchParams.get("redirect_uri")).toBe("http://localhost:3000/api/auth/sso/callback/acme-oidc");
			expect(target.searchParams.get("scope")).toBe("openid email profile offline_access");
			expect(target.searchParams.get("code_challenge_method")).toBe("S256");
			expect(target.searchParams.get("state")).toBeTruthy();
		}
	});

	it("answers PROVIDER_NOT_FOUND for an unknown domain or provider, 400 without an identifier", async () => {
		const { request } = await oidcSetup();
		await expectError(
			await request("/sign-in/sso", { body: { email: "a@nowhere.com", callbackURL: "/" } }),
			404,
			"PROVIDER_NOT_FOUND",
		);
		await expectError(
			await request("/sign-in/sso", { body: { providerId: "nope", callbackURL: "/" } }),
			404,
			"PROVIDER_NOT_FOUND",
		);
		await expectError(
			await request("/sign-in/sso", { body: { organizationSlug: "org", callbackURL: "/" } }),
			404,
			"PROVIDER_NOT_FOUND",
		);
		await expectError(
			await request("/sign-in/sso", { body: { callbackURL: "/" } }),
			400,
			"PROVIDER_IDENTIFIER_REQUIRED",
		);
		await expectError(
			await request("/sign-in/sso", { body: { email: "not-an-email", callbackURL: "/" } }),
			400,
			"INVALID_EMAIL",
		);
		await expectError(
			await request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/", providerType: "saml" } }),
			400,
			"PROVIDER_TYPE_NOT_SUPPORTED",
		);
		expect((await request("/sign-in/sso", { body: { providerId: "acme-oidc" } })).status).toBe(400);
		expect((await request("/sign-in/sso", { body: { providerId: 5, callbackURL: "/" } })).status).toBe(400);
	});

	it("refuses an untrusted callbackURL", async () => {
		const { request } = await oidcSetup();
		const response = await request("/sign-in/sso", {
			body: { providerId: "acme-oidc", callbackURL: "https://evil.example/x" },
		});
		expect(response.status).toBe(403);
	});
});

describe("sso OIDC: callback", () => {
	it("creates the user, the account and a session, then redirects to the new-user URL", async () => {
		const { signInFlow, request, rows } = await oidcSetup();
		const { callback, cookie } = await signInFlow({
			email: "alice@example.com",
			callbackURL: "/dashboard",
			newUserCallbackURL: "/welcome",
		});
		expect(callback.status).toBe(302);
		expect(callback.headers.get("location")).toBe("/welcome");
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user).toMatchObject({ email: "alice@example.com", name: "Alice IdP", emailVerified: false });
		const accounts = rows("select providerId, accountId, accessToken from account where providerId = 'acme-oidc'");
		expect(accounts).toEqual([expect.objectContaining({ providerId: "acme-oidc", accountId: "idp-user-1" })]);
		// The token exchange used PKCE and client_secret_basic.
		const token = idp.requests.filter((r) => r.path === "/token").at(-1);
		expect(token?.headers.authorization).toMatch(/^Basic /);
		expect(new URLSearchParams(token?.body).get("code_verifier")).toBeTruthy();
	});

	it("signs the same user in again (callbackURL) and keeps one account", async () => {
		const { signInFlow, rows } = await oidcSetup();
		await signInFlow();
		const { callback } = await signInFlow({
			email: "alice@example.com",
			callbackURL: "/dashboard",
			newUserCallbackURL: "/welcome",
		});
		expect(callback.headers.get("location")).toBe("/dashboard");
		expect(rows("select id from user where email = 'alice@example.com'")).toHaveLength(1);
		expect(rows("select id from account where providerId = 'acme-oidc'")).toHaveLength(1);
	});

	it("trusts email_verified only with trustEmailVerified, and calls provisionUser for new users", async () => {
		const provisioned: string[] = [];
		const { signInFlow, request } = await oidcSetup({
			trustEmailVerified: true,
			provisionUser: ({ user, userInfo, provider }) => {
				provisioned.push(`${user.email}:${userInfo.sub}:${provider.providerId}`);
			},
		});
		const { cookie } = await signInFlow();
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user.emailVerified).toBe(true);
		await signInFlow();
		expect(provisioned).toEqual(["alice@example.com:idp-user-1:acme-oidc"]);
	});

	it("does not link to an existing unverified user with the same email", async () => {
		const { signInFlow, signUp, rows } = await oidcSetup({ trustEmailVerified: true });
		await signUp({ email: "alice@example.com", name: "Local Alice" });
		const { callback, cookie } = await signInFlow({
			email: "alice@example.com",
			callbackURL: "/dashboard",
			errorCallbackURL: "/oops",
		});
		expect(callback.headers.get("location")).toBe("/oops?error=account_not_linked");
		expect(cookie).not.toMatch(/session_token=[^;]/);
		expect(rows("select id from account where providerId = 'acme-oidc'")).toHaveLength(0);
	});

	it("links to an existing user when the provider is trusted", async () => {
		const { signInFlow, signUp, rows } = await oidcSetup(
			{},
			{ account: { accountLinking: { trustedProviders: ["acme-oidc"] } } },
		);
		await signUp({ email: "alice@example.com", name: "Local Alice" });
		const { callback } = await signInFlow();
		expect(callback.headers.get("location")).toBe("/dashboard");
		expect(rows("select id from user where email = 'alice@example.com'")).toHaveLength(1);
		expect(rows("select id from account where providerId = 'acme-oidc'")).toHaveLength(1);
	});

	it("with disableImplicitSignUp creates users only on requestSignUp", async () => {
		const { signInFlow, rows } = await oidcSetup({ disableImplicitSignUp: true });
		const refused = await signInFlow();
		expect(refused.callback.headers.get("location")).toBe("/dashboard?error=signup_disabled");
		expect(rows("select id from user where email = 'alice@example.com'")).toHaveLength(0);
		const allowed = await signInFlow({ email: "alice@example.com", callbackURL: "/dashboard", requestSignUp: true });
		expect(allowed.callback.headers.get("location")).toBe("/dashboard");
	});

	it("refuses a replayed or forged state and a missing state cookie", async () => {
		const { signInFlow, request } = await oidcSetup();
		const { callback, start, back } = await signInFlow();
		expect(callback.status).toBe(302);
		// Replay of the same callback: the state was consumed.
		const replay = await request(authPath(back), { cookie: cookieHeader(start) });
		expect(replay.status).toBe(302);
		expect(replay.headers.get("location")).toBe("http://localhost:3000/api/auth/error?error=state_not_found");
		expect(cookieHeader(replay)).not.toMatch(/session_token=[^;]/);
		// A valid state from another browser (no state cookie) is refused.
		const other = await request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/" } });
		const otherState = new URL((await other.json()).url).searchParams.get("state");
		const stolen = await request(`/sso/callback/acme-oidc?code=x&state=${otherState}`);
		expect(stolen.headers.get("location")).toMatch(/error=state_mismatch/);
		const forged = await request("/sso/callback/acme-oidc?code=x&state=forged");
		expect(forged.headers.get("location")).toBe("http://localhost:3000/api/auth/error?error=state_not_found");
	});

	it("redirects with the IdP's error and with invalid_provider on a failed code exchange", async () => {
		const { request } = await oidcSetup();
		const start = await request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/home" } });
		const state = new URL((await start.json()).url).searchParams.get("state");
		const denied = await request(`/sso/callback/acme-oidc?state=${state}&error=access_denied&error_description=nope`, {
			cookie: cookieHeader(start),
		});
		expect(denied.headers.get("location")).toBe("/home?error=access_denied&error_description=nope");

		const again = await request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/home" } });
		const state2 = new URL((await again.json()).url).searchParams.get("state");
		const bad = await request(`/sso/callback/acme-oidc?state=${state2}&code=unknown-code`, {
			cookie: cookieHeader(again),
		});
		expect(bad.headers.get("location")).toBe("/home?error=invalid_provider&error_description=invalid_code");
	});

	it("refuses an ID token signed by a key the JWKS does not publish", async () => {
		const { request } = await oidcSetup();
		const start = await request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/home" } });
		const authorize = await fetch((await start.json()).url, { redirect: "manual" });
		const back = authorize.headers.get("location") as string;
		const original = idp.signIdToken;
		idp.signIdToken = (claims) => idp.signWithForeignKey(claims);
		try {
			const callback = await request(authPath(back), { cookie: cookieHeader(start) });
			expect(callback.headers.get("location")).toBe(
				"/home?error=invalid_provider&error_description=token_not_verified",
			);
			expect(mergeCookies(cookieHeader(callback))).not.toMatch(/session_token/);
		} finally {
			idp.signIdToken = original;
		}
	});

	it("maps custom claims and reports missing user info", async () => {
		const instance = await setup();
		await instance.register(
			oidcBody({
				oidcConfig: {
					clientId: idp.clientId,
					clientSecret: idp.clientSecret,
					mapping: { id: "sub", email: "upn", name: "name" },
				},
			}),
		);
		const start = await instance.request("/sign-in/sso", { body: { providerId: "acme-oidc", callbackURL: "/home" } });
		const authorize = await fetch((await start.json()).url, { redirect: "manual" });
		const callback = await instance.request(authPath(authorize.headers.get("location") as string), {
			cookie: cookieHeader(start),
		});
		expect(callback.headers.get("location")).toBe("/home?error=invalid_provider&error_description=missing_user_info");
	});

	it("works for a defaultSSO provider without a database row", async () => {
		const { request } = await setup({
			defaultSSO: [
				{
					providerId: "builtin",
					domain: "builtin.test",
					issuer: idp.issuer,
					oidcConfig: { clientId: idp.clientId, clientSecret: idp.clientSecret },
				},
			],
		});
		const start = await request("/sign-in/sso", { body: { email: "x@builtin.test", callbackURL: "/in" } });
		expect(start.status).toBe(200);
		const authorize = await fetch((await start.json()).url, { redirect: "manual" });
		const callback = await request(authPath(authorize.headers.get("location") as string), {
			cookie: cookieHeader(start),
		});
		expect(callback.headers.get("location")).toBe("/in");
	});
});
