import { describe, expect, it } from "vitest";
import { cookieHeader, expectError, setup } from "./test/helpers";
import {
	type AssertionInput,
	authnRequestFrom,
	encodeResponse,
	FOREIGN_KEY,
	IDP_CERT,
	IDP_ISSUER,
	IDP_SSO_URL,
	samlResponseXML,
} from "./test/saml-idp";
import type { SSOOptions } from "./types";

const ACS = "http://localhost:3000/api/auth/sso/saml2/callback/corp-saml";
const SP_ENTITY = "https://sp.acme.test";

const samlBody = (extra: Record<string, unknown> = {}, samlExtra: Record<string, unknown> = {}) => ({
	providerId: "corp-saml",
	issuer: IDP_ISSUER,
	domain: "corp.test",
	samlConfig: {
		entryPoint: IDP_SSO_URL,
		cert: IDP_CERT,
		callbackUrl: "http://localhost:3000/after-idp-login",
		audience: SP_ENTITY,
		spMetadata: { entityID: SP_ENTITY },
		...samlExtra,
	},
	...extra,
});

async function samlSetup(options: SSOOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await setup(options, extra);
	const registered = await instance.register(samlBody());
	expect(registered.status).toBe(200);
	/** SP-initiated: sign-in, then the IdP posts a response to the AuthnRequest. */
	const startSignIn = async (
		body: Record<string, unknown> = { email: "carol@corp.test", callbackURL: "/dashboard" },
	) => {
		const response = await instance.request("/sign-in/sso", { body });
		expect(response.status).toBe(200);
		const { url, redirect } = await response.json();
		expect(redirect).toBe(true);
		return authnRequestFrom(url);
	};
	const post = (assertion: Partial<AssertionInput>, relayState?: string, path = "/sso/saml2/callback/corp-saml") =>
		instance.postForm(path, {
			SAMLResponse: encodeResponse(samlResponseXML({ acs: ACS, audience: SP_ENTITY, ...assertion })),
			...(relayState ? { RelayState: relayState } : {}),
		});
	return { ...instance, registered, startSignIn, post };
}

async function expectRefused(response: Response, code: string, rows: (sql: string) => unknown[]) {
	await expectError(response, 400, code);
	expect(
		response.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("session_token=;")),
	).toBe(false);
	expect(rows("select id from user where email = 'carol@corp.test'")).toHaveLength(0);
}

describe("sso SAML: registration and metadata", () => {
	it("stores the SAML config and answers it without private keys", async () => {
		const { registered, rows } = await samlSetup();
		const body = await registered.json();
		expect(body).toMatchObject({ providerId: "corp-saml", issuer: IDP_ISSUER, domain: "corp.test", oidcConfig: null });
		expect(body.samlConfig).toMatchObject({ entryPoint: IDP_SSO_URL, audience: SP_ENTITY });
		expect(JSON.parse(rows("select samlConfig from ssoProvider")[0].samlConfig as string).cert).toBe(IDP_CERT);
	});

	it("refuses a config without entry point or certificate", async () => {
		const { register } = await setup();
		await expectError(await register(samlBody({}, { entryPoint: "not a url" })), 400, "INVALID_SAML_CONFIGURATION");
		await expectError(await register(samlBody({}, { cert: "" })), 400, "INVALID_SAML_CONFIGURATION");
	});

	it("reads the entry point and certificate from IdP metadata", async () => {
		const { register, request } = await setup();
		const base64 = IDP_CERT.replace(/-----[^-]+-----|\s/g, "");
		const metadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${IDP_ISSUER}"><md:IDPSSODescriptor><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.corp.test/from-metadata"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
		const response = await register(samlBody({}, { entryPoint: "", cert: "", idpMetadata: { metadata } }));
		expect(response.status).toBe(200);
		const start = await request("/sign-in/sso", { body: { providerId: "corp-saml", callbackURL: "/" } });
		expect((await start.json()).url).toMatch(/^https:\/\/idp\.corp\.test\/from-metadata\?SAMLRequest=/);
	});

	it("serves SP metadata as XML and JSON, 404 for an unknown provider", async () => {
		const { request } = await samlSetup();
		const xml = await request("/sso/saml2/sp/metadata?providerId=corp-saml");
		expect(xml.status).toBe(200);
		expect(xml.headers.get("content-type")).toMatch(/xml/);
		const text = await xml.text();
		expect(text).toContain(`entityID="${SP_ENTITY}"`);
		expect(text).toContain(`Location="${ACS}"`);
		const json = await request("/sso/saml2/sp/metadata?providerId=corp-saml&format=json");
		expect((await json.json()).metadata).toContain("SPSSODescriptor");
		await expectError(await request("/sso/saml2/sp/metadata?providerId=nope"), 404, "PROVIDER_NOT_FOUND");
		expect((await request("/sso/saml2/sp/metadata")).status).toBe(400);
	});
});

describe("sso SAML: sign-in", () => {
	it("answers an AuthnRequest for the IdP, with the ACS URL, our entity ID and a RelayState", async () => {
		const { startSignIn } = await samlSetup();
		const request = await startSignIn();
		expect(request.xml).toContain(`AssertionConsumerServiceURL="${ACS}"`);
		expect(request.xml).toContain(`>${SP_ENTITY}</saml:Issuer>`);
		expect(request.relayState).toBeTruthy();
		expect(request.id).toBeTruthy();
	});

	it("signs the user in from a valid signed assertion and redirects to the callback URL", async () => {
		const { startSignIn, post, request, rows } = await samlSetup();
		const authn = await startSignIn({
			email: "carol@corp.test",
			callbackURL: "/dashboard",
			newUserCallbackURL: "/welcome",
		});
		const response = await post({ inResponseTo: authn.id }, authn.relayState ?? undefined);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("/welcome");
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user).toMatchObject({ email: "carol@corp.test", name: "Carol Corp", emailVerified: false });
		expect(rows("select providerId, accountId from account where providerId = 'corp-saml'")).toEqual([
			{ providerId: "corp-saml", accountId: "carol@corp.test" },
		]);
	});

	it("accepts the same response on the /sso/saml2/sp/acs path", async () => {
		const { post } = await samlSetup();
		const response = await post({}, undefined, "/sso/saml2/sp/acs/corp-saml");
		expect(response.status).toBe(302);
		// IdP-initiated: no stored RelayState, so the provider's callbackUrl.
		expect(response.headers.get("location")).toBe("http://localhost:3000/after-idp-login");
	});

	it("never follows an arbitrary RelayState URL", async () => {
		const { post } = await samlSetup();
		const response = await post({}, "https://evil.example/steal");
		expect(response.headers.get("location")).toBe("http://localhost:3000/after-idp-login");
	});

	it("refuses a replayed response to the same AuthnRequest", async () => {
		const { startSignIn, post, rows } = await samlSetup();
		const authn = await startSignIn();
		expect((await post({ inResponseTo: authn.id }, authn.relayState ?? undefined)).status).toBe(302);
		const replay = await post({ inResponseTo: authn.id }, authn.relayState ?? undefined);
		await expectError(replay, 400, "INVALID_SAML_RESPONSE");
		expect(rows("select id from session")).toHaveLength(2); // the owner's and carol's first
	});

	it("refuses a replayed IdP-initiated assertion", async () => {
		const { postForm } = await samlSetup();
		const SAMLResponse = encodeResponse(samlResponseXML({ acs: ACS, audience: SP_ENTITY }));
		expect((await postForm("/sso/saml2/callback/corp-saml", { SAMLResponse })).status).toBe(302);
		await expectError(await postForm("/sso/saml2/callback/corp-saml", { SAMLResponse }), 400, "INVALID_SAML_RESPONSE");
	});

	it("refuses a response to a request we never made", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(await post({ inResponseTo: "_never-issued" }), "INVALID_SAML_RESPONSE", rows);
	});

	it("refuses an unsigned assertion", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(await post({ signAssertion: false }), "INVALID_SAML_RESPONSE", rows);
	});

	it("refuses an assertion signed by another key", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(await post({ key: FOREIGN_KEY }), "INVALID_SAML_RESPONSE", rows);
		// Even with a (foreign-)signed envelope.
		await expectRefused(await post({ key: FOREIGN_KEY, signResponse: true }), "INVALID_SAML_RESPONSE", rows);
	});

	it("refuses a tampered assertion", async () => {
		const { postForm, rows } = await samlSetup();
		const xml = samlResponseXML({ acs: ACS, audience: SP_ENTITY }).replace(
			/<saml:AttributeValue>carol@corp.test<\/saml:AttributeValue>/,
			"<saml:AttributeValue>mallory@corp.test</saml:AttributeValue>",
		);
		expect(xml).toContain("mallory@corp.test");
		const response = await postForm("/sso/saml2/callback/corp-saml", { SAMLResponse: encodeResponse(xml) });
		await expectRefused(response, "INVALID_SAML_RESPONSE", rows);
		expect(rows("select id from user where email = 'mallory@corp.test'")).toHaveLength(0);
	});

	it("refuses an expired or not-yet-valid assertion", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(
			await post({ notBeforeMs: -20 * 60_000, notOnOrAfterMs: -10 * 60_000 }),
			"INVALID_SAML_RESPONSE",
			rows,
		);
		await expectRefused(
			await post({ notBeforeMs: 10 * 60_000, notOnOrAfterMs: 20 * 60_000 }),
			"INVALID_SAML_RESPONSE",
			rows,
		);
	});

	it("refuses a wrong audience and a wrong issuer", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(await post({ audience: "https://other-sp.test" }), "INVALID_SAML_RESPONSE", rows);
		await expectRefused(await post({ issuer: "https://evil-idp.test" }), "INVALID_SAML_RESPONSE", rows);
	});

	it("refuses an assertion without an email", async () => {
		const { post, rows } = await samlSetup();
		await expectRefused(
			await post({ nameID: "opaque-id-123", attributes: { displayName: "No Mail" } }),
			"SAML_USER_INFO_MISSING",
			rows,
		);
	});

	it("answers 404 for an unknown provider and 400 for malformed bodies", async () => {
		const { postForm, post } = await samlSetup();
		await expectError(await post({}, undefined, "/sso/saml2/callback/unknown"), 404, "PROVIDER_NOT_FOUND");
		expect((await postForm("/sso/saml2/callback/corp-saml", {})).status).toBe(400);
		await expectError(
			await postForm("/sso/saml2/callback/corp-saml", { SAMLResponse: "bm90IHhtbA==" }),
			400,
			"INVALID_SAML_RESPONSE",
		);
		await expectError(
			await postForm("/sso/saml2/callback/corp-saml", { SAMLResponse: "%%%" }),
			400,
			"INVALID_SAML_RESPONSE",
		);
	});

	it("maps custom attributes", async () => {
		const instance = await setup();
		await instance.register(
			samlBody({}, { mapping: { id: "uid", email: "mailAddress", firstName: "first", lastName: "last" } }),
		);
		const response = await instance.postForm("/sso/saml2/callback/corp-saml", {
			SAMLResponse: encodeResponse(
				samlResponseXML({
					acs: ACS,
					audience: SP_ENTITY,
					attributes: { uid: "u-42", mailAddress: "Dave@Corp.test", first: "Dave", last: "Doe" },
				}),
			),
		});
		expect(response.status).toBe(302);
		expect(
			instance.rows(
				"select u.email, u.name, a.accountId from user u join account a on a.userId = u.id where a.providerId = 'corp-saml'",
			),
		).toEqual([{ email: "dave@corp.test", name: "Dave Doe", accountId: "u-42" }]);
	});

	it("redirects with signup_disabled under disableImplicitSignUp", async () => {
		const { post, startSignIn, rows } = await samlSetup({ disableImplicitSignUp: true });
		const authn = await startSignIn({
			email: "carol@corp.test",
			callbackURL: "/dashboard",
			errorCallbackURL: "/error-page",
		});
		const response = await post({ inResponseTo: authn.id }, authn.relayState ?? undefined);
		expect(response.headers.get("location")).toBe("/error-page?error=signup_disabled");
		expect(rows("select id from user where email = 'carol@corp.test'")).toHaveLength(0);
	});
});
