import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { genericOAuth } from "../plugins/generic-oauth";
import { type FakeOAuthServer, startFakeOAuthServer } from "../test-utils/oauth-server";
import { createAuthClient } from "./index";
import { genericOAuthClient } from "./plugins";
import { createClientTestServer } from "./test-utils";

let fake: FakeOAuthServer;
beforeAll(async () => {
	fake = await startFakeOAuthServer();
});
afterAll(() => fake.close());

describe("genericOAuthClient", () => {
	it("signs in with signIn.oauth2 through a real provider, then the session shows the user", async () => {
		fake.user = { sub: "client-1", email: "client@example.com", email_verified: true, name: "Client User" };
		const server = await createClientTestServer({
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
						},
					],
				}),
			],
		});
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [genericOAuthClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.signIn.oauth2).toBeFunction();
		expectTypeOf(client.oauth2.link).toBeFunction();
		const started = await client.signIn.oauth2({ providerId: "fake", callbackURL: "/dash", disableRedirect: true });
		expect(started.error).toBeNull();
		expect(started.data?.redirect).toBe(false);
		// The browser goes to the provider, which sends it back to the callback with the state cookie.
		const consent = await fetch(started.data!.url, { redirect: "manual" });
		const callback = await server.customFetchImpl(consent.headers.get("location") as string);
		expect(callback.status).toBe(302);
		expect(callback.headers.get("location")).toBe("/dash");
		const session = await client.getSession();
		expect(session.data?.user).toMatchObject({ email: "client@example.com", name: "Client User" });
		const unknown = await client.signIn.oauth2({ providerId: "nope" });
		expect(unknown.error).toMatchObject({ status: 404, code: "PROVIDER_NOT_FOUND" });
	});
});
