/** Each provider's own behaviour beyond the common flow that `providers.test.ts` covers. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
	apple,
	cognito,
	discord,
	discordAvatarURL,
	dropbox,
	facebook,
	github,
	gitlab,
	google,
	kakao,
	linkedin,
	microsoft,
	naver,
	notion,
	paypal,
	reddit,
	salesforce,
	slack,
	tiktok,
	twitter,
	vk,
	zoom,
} from "./index";
import { type FakeProviderServer, startFakeProviderServer } from "./test-server";
import { getScopes } from "./utils";

const client = { clientId: "client-id", clientSecret: "client-secret" };
const VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdef";
const authorize = { state: "s", codeVerifier: VERIFIER, redirectURI: "https://app.example/cb" };
const TENANT = "11111111-2222-3333-4444-555555555555";
const OTHER_TENANT = "99999999-2222-3333-4444-555555555555";

let fake: FakeProviderServer;
beforeAll(async () => {
	fake = await startFakeProviderServer();
});
afterAll(() => fake.close());
beforeEach(() => {
	fake.reset();
	fake.tokenResponse = { access_token: "access-token", token_type: "Bearer" };
});

describe("getScopes", () => {
	it("puts defaults first, then configured and requested scopes, once each", () => {
		expect(getScopes(["a", "b"], { scope: ["b", "c"] }, ["c", "d"])).toEqual(["a", "b", "c", "d"]);
		expect(getScopes(["a"], { disableDefaultScope: true }, undefined)).toEqual([]);
	});
});

describe("github", () => {
	it("takes the primary verified address from /user/emails when the profile has none", async () => {
		fake.routes.set("GET api.github.com/user", { id: 2, login: "ghost", name: null, email: null, avatar_url: "i" });
		fake.routes.set("GET api.github.com/user/emails", [
			{ email: "old@x.com", primary: false, verified: true, visibility: null },
			{ email: "main@x.com", primary: true, verified: true, visibility: "private" },
		]);
		const result = await github(client).getUserInfo({ accessToken: "access-token" });
		expect(result?.user).toMatchObject({ id: 2, name: "ghost", email: "main@x.com", emailVerified: true });
		for (const request of fake.requests) expect(request.headers["user-agent"]).toBe("better-auth");
	});

	it("reports the public email's own verification", async () => {
		fake.routes.set("GET api.github.com/user", { id: 3, login: "u", name: "U", email: "pub@x.com", avatar_url: "i" });
		fake.routes.set("GET api.github.com/user/emails", [
			{ email: "main@x.com", primary: true, verified: true, visibility: "private" },
			{ email: "pub@x.com", primary: false, verified: false, visibility: "public" },
		]);
		const result = await github(client).getUserInfo({ accessToken: "access-token" });
		expect(result?.user).toMatchObject({ email: "pub@x.com", emailVerified: false });
	});

	it("sends the login hint as `login`", async () => {
		const url = await github(client).createAuthorizationURL({ ...authorize, loginHint: "octo" });
		expect(url.searchParams.get("login")).toBe("octo");
	});
});

describe("apple", () => {
	it("takes the name from the first sign-in's form-posted user, never its email", async () => {
		const idToken = await fake.sign({
			iss: "https://appleid.apple.com",
			aud: "client-id",
			sub: "a1",
			email: "a@x.com",
		});
		const result = await apple(client).getUserInfo({
			idToken,
			user: { name: { firstName: "Ada", lastName: "Apple" }, email: "spoofed@x.com" },
		});
		expect(result?.user).toMatchObject({ id: "a1", name: "Ada Apple", email: "a@x.com", emailVerified: false });
		expect(result?.data.name).toBe("Ada Apple");
	});

	it("uses query mode only when no scope is requested", async () => {
		const url = await apple({ ...client, disableDefaultScope: true }).createAuthorizationURL(authorize);
		expect(url.searchParams.has("response_mode")).toBe(false);
		expect(url.searchParams.has("scope")).toBe(false);
	});

	it("accepts ID tokens issued to the app bundle id", async () => {
		fake.routes.set("GET appleid.apple.com/auth/keys", fake.jwks);
		const token = await fake.sign({ iss: "https://appleid.apple.com", aud: "com.example.app", sub: "a1" });
		expect(await apple(client).verifyIdToken?.(token)).toBe(false);
		expect(await apple({ ...client, appBundleIdentifier: "com.example.app" }).verifyIdToken?.(token)).toBe(true);
	});
});

describe("discord", () => {
	it("builds animated and default avatar URLs", () => {
		expect(discordAvatarURL({ id: "1", avatar: "a_hash", discriminator: "0" })).toBe(
			"https://cdn.discordapp.com/avatars/1/a_hash.gif",
		);
		// New usernames: (id >> 22) % 6; legacy ones: discriminator % 5.
		expect(discordAvatarURL({ id: "80351110224678912", avatar: null, discriminator: "0" })).toBe(
			`https://cdn.discordapp.com/embed/avatars/${Number((80351110224678912n >> 22n) % 6n)}.png`,
		);
		expect(discordAvatarURL({ id: "1", avatar: null, discriminator: "1337" })).toBe(
			"https://cdn.discordapp.com/embed/avatars/2.png",
		);
	});

	it("skips the consent screen for returning users unless told otherwise", async () => {
		expect((await discord(client).createAuthorizationURL(authorize)).searchParams.get("prompt")).toBe("none");
	});
});

describe("twitter", () => {
	it("has no email, unverified, when confirmed_email is not granted", async () => {
		fake.routes.set("GET api.x.com/2/users/me", (request) =>
			request.query.get("user.fields") === "confirmed_email"
				? { status: 403, body: { title: "Forbidden" } }
				: { body: { data: { id: "x1", name: "Ex", username: "ex" } } },
		);
		const result = await twitter(client).getUserInfo({ accessToken: "access-token" });
		expect(result?.user).toMatchObject({ id: "x1", email: null, emailVerified: false });
	});
});

describe("tiktok", () => {
	it("uses the client id as client key when no clientKey is given", async () => {
		const provider = tiktok(client);
		const url = await provider.createAuthorizationURL(authorize);
		expect(url.searchParams.get("client_key")).toBe("client-id");
		await provider.validateAuthorizationCode({ code: "c", redirectURI: "r" });
		expect(fake.requests[0].params.client_key).toBe("client-id");
		expect(fake.requests[0].params.client_id).toBeUndefined();
	});
});

describe("facebook", () => {
	it("asks the Graph API for the extra fields and sends the Login for Business config", async () => {
		fake.routes.set("GET graph.facebook.com/me", { id: "f1", name: "F" });
		await facebook({ ...client, fields: ["birthday"] }).getUserInfo({ accessToken: "access-token" });
		expect(fake.requests[0].query.get("fields")).toBe("id,name,email,picture,birthday");
		const url = await facebook({ ...client, configId: "cfg-1" }).createAuthorizationURL(authorize);
		expect(url.searchParams.get("config_id")).toBe("cfg-1");
	});

	it("reads a Limited Login ID token without calling the Graph API", async () => {
		const idToken = await fake.sign({
			iss: "https://www.facebook.com",
			aud: "client-id",
			sub: "f2",
			name: "Lim",
			picture: "p",
		});
		const result = await facebook(client).getUserInfo({ idToken, accessToken: "access-token" });
		expect(result?.user).toMatchObject({ id: "f2", name: "Lim", image: "p", emailVerified: false });
		expect(fake.requests).toEqual([]);
	});

	it("verifies a classic access token with debug_token: valid and issued to this app", async () => {
		fake.routes.set("GET graph.facebook.com/debug_token", (request) => ({
			body: {
				data: {
					is_valid: request.query.get("input_token") !== "expired",
					app_id: request.query.get("input_token") === "other-app" ? "someone" : "client-id",
				},
			},
		}));
		const provider = facebook(client);
		expect(await provider.verifyIdToken?.("good")).toBe(true);
		expect(await provider.verifyIdToken?.("expired")).toBe(false);
		expect(await provider.verifyIdToken?.("other-app")).toBe(false);
		expect(fake.requests[0].query.get("access_token")).toBe("client-id|client-secret");
	});
});

describe("microsoft", () => {
	const claims = { iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT, aud: "client-id", sub: "m1" };

	it("uses the tenant and authority in every URL", async () => {
		const provider = microsoft({ ...client, tenantId: TENANT, authority: "https://login.microsoftonline.us" });
		const url = await provider.createAuthorizationURL(authorize);
		expect(`${url.origin}${url.pathname}`).toBe(`https://login.microsoftonline.us/${TENANT}/oauth2/v2.0/authorize`);
		await provider.validateAuthorizationCode({ code: "c", redirectURI: "r" });
		expect(fake.find("POST", `login.microsoftonline.us/${TENANT}/oauth2/v2.0/token`)).toHaveLength(1);
	});

	it("skips the Graph photo with disableProfilePhoto", async () => {
		const idToken = await fake.sign(claims);
		const result = await microsoft({ ...client, disableProfilePhoto: true }).getUserInfo({
			idToken,
			accessToken: "access-token",
		});
		expect(result?.user).toMatchObject({ id: "m1", image: null, emailVerified: false });
		expect(fake.requests).toEqual([]);
	});

	it("accepts only the token's own tenant issuer, and only tenants the options allow", async () => {
		fake.routes.set(`GET login.microsoftonline.com/common/discovery/v2.0/keys`, fake.jwks);
		fake.routes.set(`GET login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`, fake.jwks);
		fake.routes.set(`GET login.microsoftonline.com/consumers/discovery/v2.0/keys`, fake.jwks);
		const common = microsoft(client);
		expect(await common.verifyIdToken?.(await fake.sign(claims))).toBe(true);
		// An issuer naming another tenant than `tid`.
		expect(await common.verifyIdToken?.(await fake.sign({ ...claims, tid: OTHER_TENANT }))).toBe(false);
		const single = microsoft({ ...client, tenantId: TENANT });
		expect(await single.verifyIdToken?.(await fake.sign(claims))).toBe(true);
		const otherTenant = { ...claims, tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` };
		expect(await single.verifyIdToken?.(await fake.sign(otherTenant))).toBe(false);
		expect(await microsoft({ ...client, tenantId: "consumers" }).verifyIdToken?.(await fake.sign(claims))).toBe(false);
	});
});

describe("google", () => {
	it("sends access_type, hd, display and the login hint", async () => {
		const provider = google({ ...client, accessType: "offline", hd: "example.com", display: "popup" });
		const url = await provider.createAuthorizationURL({ ...authorize, loginHint: "a@example.com" });
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			access_type: "offline",
			hd: "example.com",
			display: "popup",
			login_hint: "a@example.com",
		});
	});

	it("accepts both issuer spellings", async () => {
		fake.routes.set("GET www.googleapis.com/oauth2/v3/certs", fake.jwks);
		const token = await fake.sign({ iss: "accounts.google.com", aud: "client-id", sub: "g" });
		expect(await google(client).verifyIdToken?.(token)).toBe(true);
	});

	it("asks the userinfo endpoint when there is no ID token", async () => {
		fake.routes.set("GET openidconnect.googleapis.com/v1/userinfo", {
			sub: "g2",
			name: "G",
			email: "g@x.com",
			email_verified: false,
			picture: "p",
		});
		const result = await google(client).getUserInfo({ accessToken: "access-token" });
		expect(result?.user).toMatchObject({ id: "g2", email: "g@x.com", emailVerified: false });
	});
});

describe("vk", () => {
	it("sends the callback's device_id with the code", async () => {
		await vk(client).validateAuthorizationCode({
			code: "c",
			codeVerifier: VERIFIER,
			redirectURI: "r",
			deviceId: "dev-9",
		});
		expect(fake.requests[0].params).toMatchObject({ device_id: "dev-9", code_verifier: VERIFIER });
	});
});

describe("reddit", () => {
	it("identifies itself with a User-Agent and honours duration", async () => {
		await reddit(client).validateAuthorizationCode({ code: "c", redirectURI: "r" });
		expect(fake.requests[0].headers["user-agent"]).toBe("better-auth");
		const url = await reddit({ ...client, duration: "temporary" }).createAuthorizationURL(authorize);
		expect(url.searchParams.get("duration")).toBe("temporary");
	});
});

describe("zoom", () => {
	it("leaves PKCE out with pkce: false", async () => {
		const provider = zoom({ ...client, pkce: false });
		expect((await provider.createAuthorizationURL(authorize)).searchParams.has("code_challenge")).toBe(false);
		await provider.validateAuthorizationCode({ code: "c", codeVerifier: VERIFIER, redirectURI: "r" });
		expect(fake.requests[0].params.code_verifier).toBeUndefined();
	});
});

describe("notion", () => {
	it("posts the token request as JSON", async () => {
		await notion(client).validateAuthorizationCode({ code: "c", redirectURI: "r" });
		expect(fake.requests[0].headers["content-type"]).toBe("application/json");
		expect(JSON.parse(fake.requests[0].body)).toEqual({
			grant_type: "authorization_code",
			code: "c",
			redirect_uri: "r",
		});
	});
});

describe("ID-token sign-in without an access token", () => {
	it("kakao and linkedin read the user from the ID token", async () => {
		const kakaoToken = await fake.sign({ sub: "77", nickname: "kk", picture: "p", email: "k@x.com" });
		expect((await kakao(client).getUserInfo({ idToken: kakaoToken }))?.user).toMatchObject({
			id: 77,
			name: "kk",
			email: "k@x.com",
			emailVerified: false,
		});
		const linkedinToken = await fake.sign({ sub: "li", name: "L", email: "l@x.com", email_verified: true });
		expect((await linkedin(client).getUserInfo({ idToken: linkedinToken }))?.user).toMatchObject({
			id: "li",
			name: "L",
			emailVerified: true,
		});
		expect(fake.requests).toEqual([]);
	});
});

describe("environments and hosts", () => {
	const origin = async (provider: { createAuthorizationURL: (input: typeof authorize) => Promise<URL> | URL }) => {
		const url = await provider.createAuthorizationURL(authorize);
		return `${url.origin}${url.pathname}`;
	};

	it("dropbox asks for offline tokens with accessType", async () => {
		const url = await dropbox({ ...client, accessType: "offline" }).createAuthorizationURL(authorize);
		expect(url.searchParams.get("token_access_type")).toBe("offline");
	});

	it("paypal switches to live", async () => {
		const provider = paypal({ ...client, environment: "live" });
		expect(await origin(provider)).toBe("https://www.paypal.com/signin/authorize");
		await provider.validateAuthorizationCode({ code: "c", codeVerifier: VERIFIER, redirectURI: "r" });
		expect(fake.find("POST", "api-m.paypal.com/v1/oauth2/token")).toHaveLength(1);
	});

	it("salesforce uses the sandbox or a My Domain host", async () => {
		expect(await origin(salesforce({ ...client, environment: "sandbox" }))).toBe(
			"https://test.salesforce.com/services/oauth2/authorize",
		);
		expect(await origin(salesforce({ ...client, loginUrl: "acme.my.salesforce.com" }))).toBe(
			"https://acme.my.salesforce.com/services/oauth2/authorize",
		);
	});

	it("gitlab uses a self-managed instance", async () => {
		const provider = gitlab({ ...client, issuer: "https://git.example.com/" });
		expect(await origin(provider)).toBe("https://git.example.com/oauth/authorize");
	});
});

describe("refusals", () => {
	it("gitlab refuses blocked accounts", async () => {
		fake.routes.set("GET gitlab.com/api/v4/user", {
			id: 1,
			username: "b",
			name: "B",
			email: "b@x.com",
			state: "blocked",
		});
		expect(await gitlab(client).getUserInfo({ accessToken: "access-token" })).toBeNull();
	});

	it("naver and slack answers that report failure map to no user", async () => {
		fake.routes.set("GET openapi.naver.com/v1/nid/me", { resultcode: "024", message: "Authentication failed" });
		expect(await naver(client).getUserInfo({ accessToken: "access-token" })).toBeNull();
		fake.routes.set("GET slack.com/api/openid.connect.userInfo", { ok: false, error: "invalid_auth" });
		expect(await slack(client).getUserInfo({ accessToken: "access-token" })).toBeNull();
	});

	it("cognito refuses access tokens as ID tokens, and revokes refresh tokens", async () => {
		const provider = cognito({ ...client, domain: "auth.example.com", region: "eu-west-1", userPoolId: "eu-west-1_P" });
		fake.routes.set("GET cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P/.well-known/jwks.json", fake.jwks);
		const claims = { iss: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_P", aud: "client-id", sub: "c" };
		expect(await provider.verifyIdToken(await fake.sign({ ...claims, token_use: "id" }))).toBe(true);
		expect(await provider.verifyIdToken(await fake.sign({ ...claims, token_use: "access" }))).toBe(false);
		fake.routes.set("POST auth.example.com/oauth2/revoke", {});
		await provider.revokeToken("refresh-1");
		expect(fake.find("POST", "auth.example.com/oauth2/revoke")[0].params).toMatchObject({
			token: "refresh-1",
			client_id: "client-id",
		});
	});
});
