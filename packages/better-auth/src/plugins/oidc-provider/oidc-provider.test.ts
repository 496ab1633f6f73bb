import { createHash } from "node:crypto";
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance, TEST_BASE_URL } from "../../test";
import { jwt } from "../jwt";
import { oidcProvider } from "./index";
import type { OIDCOptions } from "./types";

const REDIRECT = "https://app.example.com/callback";
const verifier = "a-very-long-code-verifier-for-pkce-0123456789-abcdefghijklmnop";
const challenge = createHash("sha256").update(verifier).digest("base64url");

async function setup(options: Partial<OIDCOptions> = {}, extraPlugins: never[] = []) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		plugins: [
			oidcProvider({
				loginPage: "/sign-in",
				consentPage: "/consent",
				allowDynamicClientRegistration: true,
				...options,
			}),
			...extraPlugins,
		],
	});
	const { cookie } = await instance.signUp({ email: "ada@example.com", name: "Ada Lovelace" });
	const registered = await instance.request("/oauth2/register", {
		body: { redirect_uris: [REDIRECT], client_name: "Test App" },
	});
	expect(registered.status).toBe(200);
	const client = (await registered.json()) as { client_id: string; client_secret: string };
	return { ...instance, cookie, client };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const authorizeQuery = (clientId: string, extra: Record<string, string> = {}) =>
	new URLSearchParams({
		response_type: "code",
		client_id: clientId,
		redirect_uri: REDIRECT,
		scope: "openid profile email offline_access",
		state: "state-123",
		nonce: "nonce-456",
		code_challenge: challenge,
		code_challenge_method: "S256",
		...extra,
	}).toString();

const location = (response: Response) => new URL(response.headers.get("location") ?? "", TEST_BASE_URL);

/** Authorizes (consenting on the first visit) and returns the code. */
async function getCode(t: Setup, extra: Record<string, string> = {}) {
	const first = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id, extra)}`, { cookie: t.cookie });
	expect(first.status).toBe(302);
	let target = location(first);
	if (target.pathname === "/consent") {
		const consent = await t.request("/oauth2/consent", {
			cookie: `${t.cookie}; ${cookieHeader(first)}`,
			body: { accept: true },
		});
		expect(consent.status).toBe(200);
		target = new URL(((await consent.json()) as { redirectURI: string }).redirectURI);
	}
	expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
	expect(target.searchParams.get("state")).toBe("state-123");
	const code = target.searchParams.get("code");
	expect(code).toBeTruthy();
	return code as string;
}

function tokenRequest(t: Setup, body: Record<string, string>, headers: Record<string, string> = {}) {
	return t.auth.handler(
		new Request(`${TEST_BASE_URL}/api/auth/oauth2/token`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
			body: new URLSearchParams(body).toString(),
		}),
	);
}

const exchange = (t: Setup, code: string, extra: Record<string, string> = {}) =>
	tokenRequest(t, {
		grant_type: "authorization_code",
		code,
		redirect_uri: REDIRECT,
		client_id: t.client.client_id,
		client_secret: t.client.client_secret,
		code_verifier: verifier,
		...extra,
	});

async function expectOAuthError(response: Response, status: number, error: string) {
	expect(response.status).toBe(status);
	const body = (await response.json()) as { error: string; error_description: string };
	expect(body.error).toBe(error);
	expect(typeof body.error_description).toBe("string");
}

describe("oidcProvider", () => {
	it("creates its tables", async () => {
		const t = await setup();
		const columns = (table: string) =>
			(t.database.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name).sort();
		expect(columns("oauthApplication")).toEqual(
			[
				"clientId",
				"clientSecret",
				"createdAt",
				"disabled",
				"icon",
				"id",
				"metadata",
				"name",
				"redirectURLs",
				"type",
				"updatedAt",
				"userId",
			].sort(),
		);
		expect(columns("oauthAccessToken")).toEqual(
			[
				"accessToken",
				"accessTokenExpiresAt",
				"clientId",
				"createdAt",
				"id",
				"refreshToken",
				"refreshTokenExpiresAt",
				"scopes",
				"updatedAt",
				"userId",
			].sort(),
		);
		expect(columns("oauthConsent")).toEqual(
			["clientId", "consentGiven", "createdAt", "id", "scopes", "updatedAt", "userId"].sort(),
		);
	});

	it("serves the discovery document", async () => {
		const t = await setup();
		const response = await t.request("/.well-known/openid-configuration");
		expect(response.status).toBe(200);
		const body = (await response.json()) as Record<string, unknown>;
		expect(body.issuer).toBe(`${TEST_BASE_URL}/api/auth`);
		expect(body.authorization_endpoint).toBe(`${TEST_BASE_URL}/api/auth/oauth2/authorize`);
		expect(body.token_endpoint).toBe(`${TEST_BASE_URL}/api/auth/oauth2/token`);
		expect(body.id_token_signing_alg_values_supported).toEqual(["HS256", "none"]);
		expect(body.code_challenge_methods_supported).toContain("S256");
	});

	it("runs the authorization code + PKCE flow end to end", async () => {
		const t = await setup();
		const code = await getCode(t);
		const response = await exchange(t, code);
		expect(response.status).toBe(200);
		expect(response.headers.get("cache-control")).toBe("no-store");
		const tokens = (await response.json()) as Record<string, string | number>;
		expect(tokens.token_type).toBe("Bearer");
		expect(tokens.expires_in).toBe(3600);
		expect(tokens.scope).toBe("openid profile email offline_access");
		expect(typeof tokens.refresh_token).toBe("string");
		const { payload, protectedHeader } = await jwtVerify(
			tokens.id_token as string,
			new TextEncoder().encode(t.client.client_secret),
			{ audience: t.client.client_id, issuer: `${TEST_BASE_URL}/api/auth` },
		);
		expect(protectedHeader.alg).toBe("HS256");
		expect(payload.nonce).toBe("nonce-456");
		const user = t.database.prepare("select id from user").get() as { id: string };
		expect(payload.sub).toBe(user.id);
		expect(payload.email).toBe("ada@example.com");

		const info = await t.request("/oauth2/userinfo", { headers: { authorization: `Bearer ${tokens.access_token}` } });
		expect(info.status).toBe(200);
		expect(await info.json()).toEqual({
			sub: user.id,
			name: "Ada Lovelace",
			picture: null,
			given_name: "Ada",
			family_name: "Lovelace",
			email: "ada@example.com",
			email_verified: false,
		});
	});

	it("skips the consent screen once consent is given, and remembers it", async () => {
		const t = await setup();
		await getCode(t);
		const again = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id)}`, { cookie: t.cookie });
		expect(location(again).searchParams.get("code")).toBeTruthy();
		const row = t.database.prepare("select scopes, consentGiven from oauthConsent").get() as { scopes: string };
		expect(row.scopes).toBe("openid profile email offline_access");
		// prompt=consent asks again.
		const forced = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id, { prompt: "consent" })}`, {
			cookie: t.cookie,
		});
		expect(location(forced).pathname).toBe("/consent");
	});

	it("answers consent_required for prompt=none without consent, and access_denied on refusal", async () => {
		const t = await setup();
		const none = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id, { prompt: "none" })}`, {
			cookie: t.cookie,
		});
		expect(none.status).toBe(302);
		expect(location(none).searchParams.get("error")).toBe("consent_required");
		const first = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id)}`, { cookie: t.cookie });
		const code = location(first).searchParams.get("consent_code") as string;
		const denied = await t.request("/oauth2/consent", {
			cookie: t.cookie,
			body: { accept: false, consent_code: code },
		});
		const target = new URL(((await denied.json()) as { redirectURI: string }).redirectURI);
		expect(target.searchParams.get("error")).toBe("access_denied");
		expect(target.searchParams.get("state")).toBe("state-123");
		// The consent code is not an authorization code.
		await expectOAuthError(await exchange(t, code), 400, "invalid_grant");
	});

	it("auto-consents for trusted clients with skipConsent", async () => {
		const t = await setup({
			trustedClients: [
				{
					clientId: "trusted",
					clientSecret: "trusted-secret",
					name: "Trusted",
					type: "web",
					redirectURLs: [REDIRECT],
					skipConsent: true,
				},
			],
		});
		const response = await t.request(`/oauth2/authorize?${authorizeQuery("trusted")}`, { cookie: t.cookie });
		const code = location(response).searchParams.get("code") as string;
		expect(code).toBeTruthy();
		const tokens = await exchange(t, code, { client_id: "trusted", client_secret: "trusted-secret" });
		expect(tokens.status).toBe(200);
	});

	it("sends signed-out users to the login page, or login_required with prompt=none", async () => {
		const t = await setup();
		const response = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id)}`);
		expect(response.status).toBe(302);
		const target = location(response);
		expect(target.pathname).toBe("/sign-in");
		expect(target.searchParams.get("client_id")).toBe(t.client.client_id);
		const none = await t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id, { prompt: "none" })}`);
		expect(location(none).searchParams.get("error")).toBe("login_required");
	});

	it("resumes the authorization once a signed-out user signs in", async () => {
		const t = await setup({
			trustedClients: [
				{
					clientId: "trusted",
					clientSecret: "s3cret",
					name: "Trusted",
					type: "web",
					redirectURLs: [REDIRECT],
					skipConsent: true,
				},
			],
		});
		const prompt = await t.request(`/oauth2/authorize?${authorizeQuery("trusted")}`);
		expect(location(prompt).pathname).toBe("/sign-in");
		const signIn = await t.request("/sign-in/email", {
			cookie: cookieHeader(prompt),
			body: { email: "ada@example.com", password: "test-password-123" },
		});
		expect(signIn.status).toBe(200);
		const body = (await signIn.json()) as { redirect: boolean; url: string };
		expect(body.redirect).toBe(true);
		const target = new URL(body.url);
		expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
		const code = target.searchParams.get("code") as string;
		expect((await exchange(t, code, { client_id: "trusted", client_secret: "s3cret" })).status).toBe(200);
		// The prompt cookie is cleared: a later sign-in is an ordinary one.
		expect(signIn.headers.getSetCookie().some((c) => c.includes("oidc_login_prompt=;"))).toBe(true);
		const plain = await t.request("/sign-in/email", {
			body: { email: "ada@example.com", password: "test-password-123" },
		});
		expect(((await plain.json()) as { redirect: boolean }).redirect).toBe(false);
	});

	it("rejects bad authorization requests", async () => {
		const t = await setup();
		const get = (extra: Record<string, string>) =>
			t.request(`/oauth2/authorize?${authorizeQuery(t.client.client_id, extra)}`, { cookie: t.cookie });
		await expectOAuthError(await t.request("/oauth2/authorize", { cookie: t.cookie }), 400, "invalid_request");
		await expectOAuthError(await get({ client_id: "unknown" }), 400, "invalid_client");
		await expectOAuthError(await get({ redirect_uri: "https://evil.example.com/cb" }), 400, "invalid_request");
		expect(location(await get({ response_type: "token" })).searchParams.get("error")).toBe("unsupported_response_type");
		expect(location(await get({ scope: "openid admin" })).searchParams.get("error")).toBe("invalid_scope");
		expect(location(await get({ code_challenge: "" })).searchParams.get("error")).toBe("invalid_request");
		expect(location(await get({ code_challenge_method: "S512" })).searchParams.get("error")).toBe("invalid_request");
	});

	it("rejects a wrong PKCE verifier, a reused code, a wrong secret and a wrong redirect_uri", async () => {
		const t = await setup();
		await expectOAuthError(
			await exchange(t, await getCode(t), { code_verifier: `${verifier}x` }),
			400,
			"invalid_grant",
		);
		const code = await getCode(t);
		expect((await exchange(t, code)).status).toBe(200);
		await expectOAuthError(await exchange(t, code), 400, "invalid_grant");
		await expectOAuthError(await exchange(t, await getCode(t), { client_secret: "wrong" }), 401, "invalid_client");
		await expectOAuthError(
			await exchange(t, await getCode(t), { redirect_uri: "https://app.example.com/other" }),
			400,
			"invalid_grant",
		);
		await expectOAuthError(await exchange(t, await getCode(t), { code_verifier: "" }), 400, "invalid_request");
	});

	it("accepts client_secret_basic", async () => {
		const t = await setup();
		const basic = btoa(`${t.client.client_id}:${t.client.client_secret}`);
		const response = await tokenRequest(
			t,
			{ grant_type: "authorization_code", code: await getCode(t), redirect_uri: REDIRECT, code_verifier: verifier },
			{ authorization: `Basic ${basic}` },
		);
		expect(response.status).toBe(200);
	});

	it("rotates refresh tokens", async () => {
		const t = await setup();
		const tokens = (await (await exchange(t, await getCode(t))).json()) as Record<string, string>;
		const refresh = (extra: Record<string, string> = {}) =>
			tokenRequest(t, {
				grant_type: "refresh_token",
				refresh_token: tokens.refresh_token,
				client_id: t.client.client_id,
				client_secret: t.client.client_secret,
				...extra,
			});
		await expectOAuthError(await refresh({ scope: "openid admin" }), 400, "invalid_scope");
		const tokens2 = (await (await exchange(t, await getCode(t))).json()) as Record<string, string>;
		tokens.refresh_token = tokens2.refresh_token;
		const refreshed = await refresh();
		expect(refreshed.status).toBe(200);
		const next = (await refreshed.json()) as Record<string, string>;
		expect(next.access_token).not.toBe(tokens2.access_token);
		expect(next.refresh_token).not.toBe(tokens2.refresh_token);
		expect(next.id_token).toBeTruthy();
		await expectOAuthError(await refresh(), 400, "invalid_grant");
		const old = await t.request("/oauth2/userinfo", { headers: { authorization: `Bearer ${tokens2.access_token}` } });
		await expectOAuthError(old, 401, "invalid_token");
		const fresh = await t.request("/oauth2/userinfo", { headers: { authorization: `Bearer ${next.access_token}` } });
		expect(fresh.status).toBe(200);
	});

	it("answers malformed token and userinfo requests with RFC errors", async () => {
		const t = await setup();
		expect((await tokenRequest(t, {})).status).toBe(400);
		await expectOAuthError(await tokenRequest(t, { client_id: "x" }), 400, "invalid_request");
		await expectOAuthError(await tokenRequest(t, { grant_type: "password" }), 400, "unsupported_grant_type");
		await expectOAuthError(
			await tokenRequest(t, { grant_type: "authorization_code", code: "x", client_id: "nobody", client_secret: "x" }),
			401,
			"invalid_client",
		);
		await expectOAuthError(await exchange(t, "not-a-code"), 400, "invalid_grant");
		await expectOAuthError(await t.request("/oauth2/userinfo"), 401, "invalid_request");
		await expectOAuthError(
			await t.request("/oauth2/userinfo", { headers: { authorization: "Bearer nope" } }),
			401,
			"invalid_token",
		);
		const typed = await t.request("/oauth2/token", { body: { grant_type: 5 } });
		expect(typed.status).toBe(400);
	});

	it("validates registrations and requires a session without dynamic registration", async () => {
		const t = await setup();
		expect((await t.request("/oauth2/register", { body: { client_name: "x" } })).status).toBe(400);
		await expectOAuthError(
			await t.request("/oauth2/register", { body: { redirect_uris: ["not a url"] } }),
			400,
			"invalid_redirect_uri",
		);
		const pub = await t.request("/oauth2/register", {
			body: { redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" },
		});
		const body = (await pub.json()) as Record<string, unknown>;
		expect(body.client_secret).toBeUndefined();
		expect(body.token_endpoint_auth_method).toBe("none");

		const closed = await setup({ allowDynamicClientRegistration: false }).catch(() => null);
		expect(closed).toBeNull();
	});

	it("lets a public client use PKCE without a secret", async () => {
		const t = await setup();
		const pub = (await (
			await t.request("/oauth2/register", { body: { redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" } })
		).json()) as { client_id: string };
		const code = await getCode({ ...t, client: { client_id: pub.client_id, client_secret: "" } });
		const response = await tokenRequest(t, {
			grant_type: "authorization_code",
			code,
			redirect_uri: REDIRECT,
			client_id: pub.client_id,
			code_verifier: verifier,
		});
		expect(response.status).toBe(200);
		const tokens = (await response.json()) as Record<string, unknown>;
		// No secret to sign with and no jwt plugin: no ID token.
		expect(tokens.id_token).toBeUndefined();
	});

	it("gets a client's public info when signed in", async () => {
		const t = await setup();
		const response = await t.request(`/oauth2/client/${t.client.client_id}`, { cookie: t.cookie });
		expect(await response.json()).toEqual({ clientId: t.client.client_id, name: "Test App", icon: null });
		expect((await t.request(`/oauth2/client/${t.client.client_id}`)).status).toBe(401);
		expect((await t.request("/oauth2/client/unknown", { cookie: t.cookie })).status).toBe(404);
	});

	it("signs ID tokens with the jwt plugin's keys when useJWTPlugin is on", async () => {
		const t = await setup({ useJWTPlugin: true }, [jwt() as never]);
		const discovery = (await (await t.request("/.well-known/openid-configuration")).json()) as Record<string, unknown>;
		expect(discovery.id_token_signing_alg_values_supported).toEqual(["EdDSA", "none"]);
		const tokens = (await (await exchange(t, await getCode(t))).json()) as Record<string, string>;
		const jwks = await (await t.request("/jwks")).json();
		const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks as never), {
			audience: t.client.client_id,
			issuer: `${TEST_BASE_URL}/api/auth`,
		});
		expect(protectedHeader.alg).toBe("EdDSA");
		expect(payload.nonce).toBe("nonce-456");
	});
});
