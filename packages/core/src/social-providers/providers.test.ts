import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCodeChallenge, OAuth2Error, type OAuthProvider } from "../oauth2";
import { socialProviderList, socialProviders } from "./index";
import { CLIENT_ID, CLIENT_SECRET, NONCE, type ProviderCase, providerCases } from "./test-cases";
import { type FakeProviderServer, type RecordedRequest, startFakeProviderServer } from "./test-server";

const STATE = "state-123";
const VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdef";
const redirectFor = (id: string) => `http://localhost:3000/api/auth/callback/${id}`;

let fake: FakeProviderServer;
beforeAll(async () => {
	fake = await startFakeProviderServer();
});
afterAll(() => fake.close());

function make(c: ProviderCase, extra: Record<string, unknown> = {}): OAuthProvider {
	const create = socialProviders[c.id] as (options: Record<string, unknown>) => OAuthProvider;
	return create({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...c.options, ...extra });
}

/** Fresh fake state for one case: its profile routes, its JWKS, a token answer. */
async function setup(c: ProviderCase) {
	fake.reset();
	for (const [key, route] of Object.entries(c.routes(fake))) fake.routes.set(key, route);
	if (c.jwks) fake.routes.set(`GET ${c.jwks}`, fake.jwks);
	fake.tokenResponse = {
		access_token: "access-token",
		refresh_token: "refresh-token",
		token_type: "Bearer",
		expires_in: 3600,
		...(c.idTokenClaims && c.idTokenInResponse !== false ? { id_token: await fake.sign(c.idTokenClaims) } : {}),
	};
}

function onlyRequest(method: string, hostAndPath: string): RecordedRequest {
	const requests = fake.find(method, hostAndPath);
	expect(requests, `${method} ${hostAndPath}`).toHaveLength(1);
	return requests[0];
}

function expectClientAuthentication(c: ProviderCase, request: RecordedRequest) {
	const clientId = (c.options?.clientKey as string | undefined) ?? CLIENT_ID;
	if (c.clientAuth === "basic") {
		expect(request.headers.authorization).toBe(`Basic ${btoa(`${clientId}:${CLIENT_SECRET}`)}`);
		expect(request.params.client_secret).toBeUndefined();
	} else {
		expect(request.headers.authorization).toBeUndefined();
		expect(request.params[c.clientIdParam ?? "client_id"]).toBe(clientId);
		expect(request.params.client_secret).toBe(CLIENT_SECRET);
	}
}

describe("socialProviders", () => {
	it("has every documented provider, each under its own id, each with a test case", () => {
		expect(socialProviderList).toHaveLength(31);
		expect(providerCases.map((c) => c.id).sort()).toEqual([...socialProviderList].sort());
		for (const id of socialProviderList) {
			const create = socialProviders[id] as (options: Record<string, unknown>) => OAuthProvider;
			const provider = create({
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				...providerCases.find((c) => c.id === id)?.options,
			});
			expect(provider.id).toBe(id);
			expect(provider.name).toBeTruthy();
		}
	});
});

describe.each(providerCases)("$id", (c) => {
	it("builds the authorization URL", async () => {
		const provider = make(c, { prompt: "consent" });
		const url = await provider.createAuthorizationURL({
			state: STATE,
			codeVerifier: VERIFIER,
			redirectURI: redirectFor(c.id),
			scopes: ["extra"],
		});
		expect(`${url.origin}${url.pathname}`).toBe(c.authorize);
		const params = url.searchParams;
		const clientIdParam = c.clientIdParam ?? "client_id";
		expect(params.get(clientIdParam)).toBe((c.options?.clientKey as string | undefined) ?? CLIENT_ID);
		if (clientIdParam === "client_key") expect(params.has("client_id")).toBe(false);
		expect(params.get("response_type")).toBe("code");
		expect(params.get("redirect_uri")).toBe(redirectFor(c.id));
		expect(params.get("state")).toBe(STATE);
		expect(params.get("scope")).toBe(c.scope);
		expect(params.get("prompt")).toBe("consent");
		if (c.pkce) {
			expect(params.get("code_challenge")).toBe(await generateCodeChallenge(VERIFIER));
			expect(params.get("code_challenge_method")).toBe("S256");
		} else {
			expect(params.has("code_challenge")).toBe(false);
		}
		for (const [key, value] of Object.entries(c.authorizeParams ?? {})) expect(params.get(key), key).toBe(value);
	});

	it("exchanges the code at the token endpoint", async () => {
		await setup(c);
		const tokens = await make(c).validateAuthorizationCode({
			code: "the-code",
			codeVerifier: VERIFIER,
			redirectURI: redirectFor(c.id),
			deviceId: "device-1",
		});
		expect(tokens.accessToken).toBe("access-token");
		expect(tokens.refreshToken).toBe("refresh-token");
		expect(tokens.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
		const request = onlyRequest("POST", c.token);
		expect(request.params.grant_type).toBe("authorization_code");
		expect(request.params.code).toBe("the-code");
		expect(request.params.redirect_uri).toBe(redirectFor(c.id));
		expect(request.params.code_verifier).toBe(c.pkce ? VERIFIER : undefined);
		expectClientAuthentication(c, request);
	});

	it("maps the profile to a user, with mapProfileToUser applied", async () => {
		await setup(c);
		const provider = make(c, {
			mapProfileToUser: (profile: Record<string, unknown>) => ({ seen: profile, name: "Mapped Name" }),
		});
		const tokens = await provider.validateAuthorizationCode({ code: "c", codeVerifier: VERIFIER, redirectURI: "r" });
		const result = await provider.getUserInfo(tokens);
		expect(result).not.toBeNull();
		expect({ ...result?.user, seen: undefined }).toEqual({ ...c.user, name: "Mapped Name", seen: undefined });
		expect(result?.user.seen).toBe(result?.data);
		const unmapped = await make(c).getUserInfo(tokens);
		expect(unmapped?.user).toEqual(c.user);
		// The profile calls carry the access token (a bearer header, or VK's form body).
		const profileCalls = fake.requests.filter((r) => !r.params.grant_type && !r.path.includes("jwks"));
		for (const call of profileCalls) expect(`${call.headers.authorization} ${call.body}`).toContain("access-token");
	});

	it(c.refresh ? "refreshes the access token" : "has no refresh step", async () => {
		await setup(c);
		const provider = make(c);
		if (!c.refresh) {
			expect(provider.refreshAccessToken).toBeUndefined();
			return;
		}
		const tokens = await provider.refreshAccessToken?.("refresh-1");
		expect(tokens?.accessToken).toBe("access-token");
		const request = onlyRequest("POST", c.refreshEndpoint ?? c.token);
		expect(request.params.grant_type).toBe("refresh_token");
		expect(request.params.refresh_token).toBe("refresh-1");
		expectClientAuthentication(c, request);
	});

	it("surfaces a token error as an OAuth2Error with the RFC fields", async () => {
		await setup(c);
		fake.tokenError = { error: "invalid_grant", error_description: "The code was already used." };
		const exchange = make(c).validateAuthorizationCode({ code: "c", codeVerifier: VERIFIER, redirectURI: "r" });
		await expect(exchange).rejects.toBeInstanceOf(OAuth2Error);
		await expect(exchange).rejects.toMatchObject({
			error: "invalid_grant",
			error_description: "The code was already used.",
			status: 400,
		});
	});

	it("honours scope, redirectURI, getUserInfo and refreshAccessToken options", async () => {
		await setup(c);
		const provider = make(c, {
			disableDefaultScope: true,
			scope: ["only"],
			redirectURI: "https://app.example/fixed",
			getUserInfo: async () => ({ user: { id: "custom", emailVerified: false }, data: {} }),
			refreshAccessToken: async () => ({ accessToken: "custom-refresh" }),
		});
		const url = await provider.createAuthorizationURL({ state: STATE, codeVerifier: VERIFIER, redirectURI: "ignored" });
		expect(url.searchParams.get("scope")).toBe("only");
		expect(url.searchParams.get("redirect_uri")).toBe("https://app.example/fixed");
		await provider.validateAuthorizationCode({ code: "c", codeVerifier: VERIFIER, redirectURI: "ignored" });
		expect(onlyRequest("POST", c.token).params.redirect_uri).toBe("https://app.example/fixed");
		fake.requests.length = 0;
		expect((await provider.getUserInfo({ accessToken: "a" }))?.user.id).toBe("custom");
		if (provider.refreshAccessToken)
			expect((await provider.refreshAccessToken("r")).accessToken).toBe("custom-refresh");
		expect(fake.requests).toEqual([]);
	});

	it(c.jwks !== undefined ? "verifies ID tokens" : "has no ID-token sign-in", async () => {
		await setup(c);
		const provider = make(c);
		if (c.jwks === undefined) {
			expect(provider.verifyIdToken).toBeUndefined();
			return;
		}
		const claims = { ...c.idTokenClaims, nonce: NONCE };
		const verify = provider.verifyIdToken!;
		expect(await verify(await fake.sign(claims), NONCE)).toBe(true);
		expect(await verify(await fake.sign(claims))).toBe(true);
		expect(await verify(await fake.sign({ ...claims, aud: "someone-else" }), NONCE)).toBe(false);
		expect(await verify(await fake.sign({ ...claims, iss: "https://issuer.example" }), NONCE)).toBe(false);
		expect(await verify(await fake.sign(claims, { foreignKey: true }), NONCE)).toBe(false);
		expect(await verify(await fake.sign(claims), "other-nonce")).toBe(false);
		expect(await verify(await fake.sign(claims, { expired: true }), NONCE)).toBe(false);
		if (c.jwks) expect(fake.find("GET", c.jwks).length).toBeGreaterThan(0);

		const disabled = make(c, { disableIdTokenSignIn: true });
		expect(await disabled.verifyIdToken?.(await fake.sign(claims), NONCE)).toBe(false);
		const custom = make(c, { verifyIdToken: async (token: string) => token === "custom" });
		expect(await custom.verifyIdToken?.("custom")).toBe(true);
	});
});
