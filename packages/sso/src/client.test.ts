import { createAuthClient } from "better-auth/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createClientTestServer } from "../../better-auth/src/client/test-utils";
import { ssoClient } from "./client";
import { sso } from "./index";
import { IDP_CERT, IDP_ISSUER, IDP_SSO_URL } from "./test/saml-idp";

describe("ssoClient", () => {
	it("types and calls sso.register, signIn.sso and the SP metadata", async () => {
		const server = await createClientTestServer({ plugins: [sso()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [ssoClient()],
			disableDefaultFetchPlugins: true,
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.sso.register).toBeFunction();
		expectTypeOf(client.signIn.sso).toBeFunction();

		const anonymous = await client.sso.register({
			providerId: "corp",
			issuer: IDP_ISSUER,
			domain: "corp.test",
			samlConfig: { entryPoint: IDP_SSO_URL, cert: IDP_CERT, callbackUrl: "/" },
		});
		expect(anonymous.error).toMatchObject({ status: 401 });

		await client.signUp.email({ email: "owner@acme.test", password: "password123", name: "Owner" });
		const registered = await client.sso.register({
			providerId: "corp",
			issuer: IDP_ISSUER,
			domain: "corp.test",
			samlConfig: { entryPoint: IDP_SSO_URL, cert: IDP_CERT, callbackUrl: "/" },
		});
		expect(registered.data?.providerId).toBe("corp");
		expect(registered.data?.redirectURI).toBe("http://localhost:3000/api/auth/sso/callback/corp");

		const signIn = await client.signIn.sso({ email: "x@corp.test", callbackURL: "/dashboard" });
		expect(signIn.data?.redirect).toBe(true);
		expect(signIn.data?.url).toMatch(/^https:\/\/idp\.corp\.test\/sso\?SAMLRequest=/);
		expect(server.requests.at(-1)).toEqual({ method: "POST", path: "/sign-in/sso" });

		const missing = await client.signIn.sso({ email: "x@unknown.test", callbackURL: "/" });
		expect(missing.error).toMatchObject({ status: 404, code: "PROVIDER_NOT_FOUND" });
	});
});
