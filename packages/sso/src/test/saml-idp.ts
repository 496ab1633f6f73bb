/**
 * A fake SAML identity provider for tests: builds Responses with one Assertion, signs the
 * assertion (and optionally the response) with the fixture key through node-saml's own signer,
 * and lets a test bend any part (issuer, audience, times, InResponseTo, signing key, tampering).
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { signSamlPost } from "@node-saml/node-saml/lib/saml-post-signing";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

export const IDP_CERT = fixture("idp.crt");
export const IDP_KEY = fixture("idp.key");
export const IDP_ISSUER = "https://idp.corp.test/metadata";
export const IDP_SSO_URL = "https://idp.corp.test/sso";

/** A key the SP does not know, for forged signatures. */
export const FOREIGN_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 })
	.privateKey.export({ type: "pkcs8", format: "pem" })
	.toString();

export interface AssertionInput {
	acs: string;
	audience: string;
	nameID?: string;
	attributes?: Record<string, string>;
	issuer?: string;
	inResponseTo?: string;
	/** Validity window, relative to now. */
	notBeforeMs?: number;
	notOnOrAfterMs?: number;
	/** Which parts to sign, and with what key. */
	signAssertion?: boolean;
	signResponse?: boolean;
	key?: string;
}

const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const escapeXML = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

const RESPONSE_XPATH = '/*[local-name(.)="Response" and namespace-uri(.)="urn:oasis:names:tc:SAML:2.0:protocol"]';
const ASSERTION_XPATH = `${RESPONSE_XPATH}/*[local-name(.)="Assertion" and namespace-uri(.)="urn:oasis:names:tc:SAML:2.0:assertion"]`;

/** The Response XML (signed as asked). */
export function samlResponseXML(input: AssertionInput): string {
	const issuer = escapeXML(input.issuer ?? IDP_ISSUER);
	const nameID = escapeXML(input.nameID ?? "carol@corp.test");
	const inResponseTo = input.inResponseTo ? ` InResponseTo="${escapeXML(input.inResponseTo)}"` : "";
	const notBefore = iso(input.notBeforeMs ?? -60_000);
	const notOnOrAfter = iso(input.notOnOrAfterMs ?? 5 * 60_000);
	const attributes = Object.entries(input.attributes ?? { email: "carol@corp.test", displayName: "Carol Corp" })
		.map(
			([name, value]) =>
				`<saml:Attribute Name="${escapeXML(name)}"><saml:AttributeValue>${escapeXML(value)}</saml:AttributeValue></saml:Attribute>`,
		)
		.join("");
	let xml =
		`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(0)}" Destination="${escapeXML(input.acs)}"${inResponseTo}>` +
		`<saml:Issuer>${issuer}</saml:Issuer>` +
		`<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
		`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${randomUUID()}" Version="2.0" IssueInstant="${iso(0)}">` +
		`<saml:Issuer>${issuer}</saml:Issuer>` +
		`<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameID}</saml:NameID>` +
		`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXML(input.acs)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
		`<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXML(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
		`<saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="_s${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
		`<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
		`</saml:Assertion></samlp:Response>`;
	const options = { privateKey: input.key ?? IDP_KEY, signatureAlgorithm: "sha256" as const };
	if (input.signAssertion !== false) xml = signSamlPost(xml, ASSERTION_XPATH, options);
	if (input.signResponse) xml = signSamlPost(xml, RESPONSE_XPATH, options);
	return xml;
}

export const encodeResponse = (xml: string) => Buffer.from(xml, "utf8").toString("base64");

/** The AuthnRequest a sign-in URL carries (HTTP-Redirect binding: deflated, base64). */
export function authnRequestFrom(url: string): { id: string; xml: string; relayState: string | null } {
	const params = new URL(url).searchParams;
	const xml = inflateRawSync(Buffer.from(params.get("SAMLRequest") ?? "", "base64")).toString("utf8");
	const id = xml.match(/\bID="([^"]+)"/)?.[1] ?? "";
	return { id, xml, relayState: params.get("RelayState") };
}

/** The assertion consumer URL of a provider on the test instance. */
export const ACS_FOR = (providerId: string) => `http://localhost:3000/api/auth/sso/saml2/callback/${providerId}`;
