/**
 * The SAML 2.0 side, on node-saml: an SP per provider (AuthnRequest over HTTP-Redirect,
 * response and signature validation, SP metadata), request IDs kept in the verification table
 * so that InResponseTo is checked on any instance, and the profile → user mapping.
 */
import { type CacheProvider, generateServiceProviderMetadata, type Profile, SAML } from "@node-saml/node-saml";
import type { FullAuthContext } from "better-auth/api";
import type { SAMLConfig, SSOProvider, SSOUserInfo } from "./types";

/** Where the IdP posts its response. */
export const acsURL = (baseURL: string, providerId: string) => `${baseURL}/sso/saml2/callback/${providerId}`;

/** The SP's entity ID: `spMetadata.entityID`, else the audience, else the metadata URL. */
export function spEntityID(baseURL: string, provider: SSOProvider, config: SAMLConfig): string {
	return (
		config.spMetadata?.entityID ??
		config.audience ??
		`${baseURL}/sso/saml2/sp/metadata?providerId=${encodeURIComponent(provider.providerId)}`
	);
}

const REQUEST_TTL_MS = 10 * 60 * 1000;

/** node-saml's request-ID cache, in the verification table (works across instances). */
function verificationCache(context: FullAuthContext): CacheProvider {
	const id = (key: string) => `saml-request:${key}`;
	return {
		saveAsync: async (key, value) => {
			const createdAt = Date.now();
			await context.internalAdapter.createVerificationValue({
				identifier: id(key),
				value,
				expiresAt: new Date(createdAt + REQUEST_TTL_MS),
			});
			return { value, createdAt };
		},
		getAsync: async (key) => {
			const found = await context.internalAdapter.findVerificationValue(id(key));
			return found && found.expiresAt.getTime() > Date.now() ? found.value : null;
		},
		removeAsync: async (key) => {
			if (!key) return null;
			const found = await context.internalAdapter.consumeVerificationValue(id(key));
			return found?.value ?? null;
		},
	};
}

const MAX_REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Accepts each assertion ID once, until it expires: SP-initiated responses are already single-use
 * through InResponseTo, this also covers IdP-initiated ones. False for a replay.
 */
export async function rememberAssertion(context: FullAuthContext, profile: Profile): Promise<boolean> {
	const parsed = profile.getAssertion?.() as
		| { Assertion?: { $?: { ID?: string }; Conditions?: Array<{ $?: { NotOnOrAfter?: string } }> } }
		| undefined;
	const id = parsed?.Assertion?.$?.ID;
	if (!id) return true;
	const identifier = `saml-assertion:${id}`;
	const seen = await context.internalAdapter.findVerificationValue(identifier);
	if (seen && seen.expiresAt.getTime() > Date.now()) return false;
	const notOnOrAfter = Date.parse(parsed?.Assertion?.Conditions?.[0]?.$?.NotOnOrAfter ?? "");
	const now = Date.now();
	const until = Number.isNaN(notOnOrAfter) ? now + REQUEST_TTL_MS : Math.max(notOnOrAfter, now + REQUEST_TTL_MS);
	await context.internalAdapter.createVerificationValue({
		identifier,
		value: profile.issuer ?? "",
		expiresAt: new Date(Math.min(until, now + MAX_REPLAY_WINDOW_MS)),
	});
	return true;
}

const tag = (name: string) => new RegExp(`<(?:\\w+:)?${name}[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`);

/** The IdP's SSO URL and signing certificate from its metadata XML, when the config omits them. */
export function fromIdpMetadata(config: SAMLConfig): { entryPoint?: string; cert?: string; entityID?: string } {
	const idp = config.idpMetadata;
	const xml = idp?.metadata ?? "";
	const services = [...xml.matchAll(/<(?:\w+:)?SingleSignOnService\b[^>]*>/g)].map((match) => match[0]);
	const redirect =
		services.find((service) => service.includes("HTTP-Redirect")) ??
		services.find((service) => service.includes("HTTP-POST"));
	const location = redirect?.match(/Location="([^"]+)"/)?.[1];
	const sso = idp?.singleSignOnService?.find((s) => s.Binding.includes("HTTP-Redirect"))?.Location;
	return {
		entryPoint: config.entryPoint || sso || location,
		cert: config.cert || idp?.cert || xml.match(tag("X509Certificate"))?.[1]?.replace(/\s+/g, ""),
		entityID: idp?.entityID ?? xml.match(/<(?:\w+:)?EntityDescriptor\b[^>]*entityID="([^"]+)"/)?.[1],
	};
}

/** The entity ID assertions must come from: the metadata's, else the registered issuer. */
export function expectedIdpIssuer(provider: SSOProvider, config: SAMLConfig): string {
	return fromIdpMetadata(config).entityID ?? provider.issuer;
}

export function createSAML(context: FullAuthContext, provider: SSOProvider, config: SAMLConfig): SAML {
	const fromMetadata = fromIdpMetadata(config);
	const issuer = spEntityID(context.baseURL, provider, config);
	return new SAML({
		issuer,
		callbackUrl: acsURL(context.baseURL, provider.providerId),
		entryPoint: fromMetadata.entryPoint,
		idpCert: fromMetadata.cert as string,
		idpIssuer: expectedIdpIssuer(provider, config),
		audience: config.audience ?? issuer,
		wantAssertionsSigned: config.wantAssertionsSigned ?? true,
		// The assertion's signature is what counts; many IdPs do not also sign the envelope.
		wantAuthnResponseSigned: false,
		signatureAlgorithm: config.signatureAlgorithm,
		digestAlgorithm: config.digestAlgorithm,
		identifierFormat: config.identifierFormat ?? null,
		privateKey: config.privateKey ?? config.spMetadata?.privateKey,
		decryptionPvk: config.decryptionPvk ?? config.spMetadata?.encPrivateKey,
		additionalParams: config.additionalParams ?? {},
		validateInResponseTo: "ifPresent" as never,
		requestIdExpirationPeriodMs: REQUEST_TTL_MS,
		cacheProvider: verificationCache(context),
		acceptedClockSkewMs: 5_000,
	});
}

/** The SP metadata XML a provider's IdP is configured with. */
export function spMetadataXML(context: FullAuthContext, provider: SSOProvider, config: SAMLConfig): string {
	if (config.spMetadata?.metadata) return config.spMetadata.metadata;
	return generateServiceProviderMetadata({
		issuer: spEntityID(context.baseURL, provider, config),
		callbackUrl: acsURL(context.baseURL, provider.providerId),
		identifierFormat: config.identifierFormat ?? null,
		wantAssertionsSigned: config.wantAssertionsSigned ?? true,
	});
}

const attribute = (profile: Profile, name: string | undefined): string | undefined => {
	if (!name) return undefined;
	const value = profile[name];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === "string" && first !== "" ? first : undefined;
};

/** Maps an assertion to a user; null when neither an id nor an email can be read. */
export function mapSAMLProfile(profile: Profile, config: SAMLConfig, trustEmailVerified: boolean): SSOUserInfo | null {
	const mapping = config.mapping ?? {};
	const id = mapping.id ? attribute(profile, mapping.id) : profile.nameID || undefined;
	const nameIDEmail = profile.nameID?.includes("@") ? profile.nameID : undefined;
	const email = (
		mapping.email
			? attribute(profile, mapping.email)
			: (attribute(profile, "email") ??
				attribute(profile, "mail") ??
				attribute(profile, "urn:oid:0.9.2342.19200300.100.1.3") ??
				nameIDEmail)
	)?.toLowerCase();
	if (!id || !email) return null;
	const first = attribute(profile, mapping.firstName ?? "givenName");
	const last = attribute(profile, mapping.lastName ?? "surname");
	const name =
		attribute(profile, mapping.name ?? "displayName") ?? ([first, last].filter(Boolean).join(" ") || undefined);
	const verified = mapping.emailVerified ? attribute(profile, mapping.emailVerified) : undefined;
	const extra: Record<string, unknown> = {};
	for (const [field, name] of Object.entries(mapping.extraFields ?? {})) extra[field] = attribute(profile, name);
	return { ...extra, id, email, emailVerified: trustEmailVerified && verified === "true", name };
}
