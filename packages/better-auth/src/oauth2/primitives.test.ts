import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../test-utils/oauth-server";
import {
	clientCredentialsToken,
	createAuthorizationURL,
	generateCodeChallenge,
	getOAuth2Tokens,
	OAuth2Error,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from ".";

let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());

const redirectURI = "http://localhost:3000/api/auth/callback/fake";

async function authorize(codeVerifier?: string) {
	const url = await createAuthorizationURL({
		id: "fake",
		options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
		authorizationEndpoint: `${fake.url}/authorize`,
		redirectURI,
		state: "the-state",
		codeVerifier,
		scopes: ["openid", "email"],
		prompt: "consent",
		accessType: "offline",
		loginHint: "a@b.co",
		additionalParams: { nonce: "n-1", empty: undefined },
	});
	const back = new URL((await fetch(url, { redirect: "manual" })).headers.get("location") as string);
	return { url, code: back.searchParams.get("code") as string };
}

describe("OAuth2 primitives against a real provider", () => {
	it("builds the authorization URL with every parameter, PKCE S256 included", async () => {
		const verifier = "v".repeat(64);
		const { url } = await authorize(verifier);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			response_type: "code",
			client_id: fake.clientId,
			state: "the-state",
			scope: "openid email",
			redirect_uri: redirectURI,
			code_challenge_method: "S256",
			code_challenge: await generateCodeChallenge(verifier),
			prompt: "consent",
			access_type: "offline",
			login_hint: "a@b.co",
			nonce: "n-1",
		});
		// S256 = base64url(SHA-256(verifier)), checked against node:crypto.
		const verifier2 = "dBjftJeZ4CZP-8-b.-2EK4bv.-9zEx0cN.cM.-7ZNKT3oqp8wUTY1iKrc_B";
		expect(await generateCodeChallenge(verifier2)).toBe(createHash("sha256").update(verifier2).digest("base64url"));
	});

	it("exchanges a code with client_secret_post and client_secret_basic, once", async () => {
		const verifier = "w".repeat(64);
		const { code } = await authorize(verifier);
		const tokens = await validateAuthorizationCode({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			code,
			codeVerifier: verifier,
			redirectURI,
		});
		expect(tokens.accessToken).toMatch(/^access_/);
		expect(tokens.scopes).toEqual(["openid", "email"]);
		expect(tokens.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
		const post = fake.requests.filter((r) => r.path === "/token").at(-1)!;
		expect(new URLSearchParams(post.body).get("client_secret")).toBe(fake.clientSecret);

		const again = validateAuthorizationCode({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			code,
			codeVerifier: verifier,
			redirectURI,
		});
		await expect(again).rejects.toBeInstanceOf(OAuth2Error);
		await expect(again).rejects.toMatchObject({ error: "invalid_grant", error_description: "unknown or used code" });

		const basic = await authorize();
		await validateAuthorizationCode({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			code: basic.code,
			redirectURI,
			authentication: "basic",
		});
		const sent = fake.requests.filter((r) => r.path === "/token").at(-1)!;
		expect(sent.headers.authorization).toMatch(/^Basic /);
		expect(new URLSearchParams(sent.body).has("client_secret")).toBe(false);
	});

	it("a wrong PKCE verifier or client secret is refused with the provider's error", async () => {
		const { code } = await authorize("x".repeat(64));
		await expect(
			validateAuthorizationCode({
				tokenEndpoint: `${fake.url}/token`,
				options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
				code,
				codeVerifier: "y".repeat(64),
				redirectURI,
			}),
		).rejects.toMatchObject({ error: "invalid_grant", error_description: "PKCE verification failed" });
		await expect(
			clientCredentialsToken({
				tokenEndpoint: `${fake.url}/token`,
				options: { clientId: fake.clientId, clientSecret: "no" },
			}),
		).rejects.toMatchObject({ error: "invalid_client", status: 401 });
	});

	it("refreshes, and gets client-credentials tokens", async () => {
		const { code } = await authorize();
		const first = await validateAuthorizationCode({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			code,
			redirectURI,
		});
		const refreshed = await refreshAccessToken({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			refreshToken: first.refreshToken!,
		});
		expect(refreshed.accessToken).not.toBe(first.accessToken);
		const credentials = await clientCredentialsToken({
			tokenEndpoint: `${fake.url}/token`,
			options: { clientId: fake.clientId, clientSecret: fake.clientSecret },
			scope: "read",
		});
		expect(credentials.accessToken).toMatch(/^access_/);
		const sent = fake.requests.filter((r) => r.path === "/token").at(-1)!;
		expect(new URLSearchParams(sent.body).get("grant_type")).toBe("client_credentials");
	});

	it("verifies ID tokens: signature from the JWKS, audience, issuer, nonce and expiry", async () => {
		const jwksURL = `${fake.url}/jwks`;
		const check = (token: string, nonce?: string, issuer: string = fake.issuer) =>
			validateIdToken(token, { jwksURL, audience: fake.clientId, issuer, nonce });
		const good = await fake.signIdToken({ sub: "1", nonce: "n" });
		expect(await check(good, "n")).toMatchObject({ sub: "1" });
		expect(await check(good, "other")).toBeNull();
		expect(await check(good, "n", "https://elsewhere")).toBeNull();
		expect(await check(await fake.signIdToken({ sub: "1" }, { audience: "x" }))).toBeNull();
		expect(await check(await fake.signIdToken({ sub: "1" }, { expiresIn: "-1m" }))).toBeNull();
		expect(await check(await fake.signWithForeignKey({ sub: "1" }))).toBeNull();
		expect(await check("not.a.jwt")).toBeNull();
	});

	it("normalises token answers", () => {
		const tokens = getOAuth2Tokens({ access_token: "a", token_type: "bearer", scope: "a,b c", expires_in: "60" });
		expect(tokens.scopes).toEqual(["a", "b", "c"]);
		expect(tokens.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 59_000);
		expect(getOAuth2Tokens({ access_token: "a" }).accessTokenExpiresAt).toBeUndefined();
	});
});
