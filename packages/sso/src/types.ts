import type { User } from "@better-auth/core";
import type { OAuth2Tokens } from "@better-auth/core/oauth2";

/** Which claims of the ID token / userinfo answer become which user fields. */
export interface OIDCMapping {
	/** @default "sub" */
	id?: string;
	/** @default "email" */
	email?: string;
	/** @default "email_verified" */
	emailVerified?: string;
	/** @default "name" */
	name?: string;
	/** @default "picture" */
	image?: string;
	/** Extra user fields: `{ userField: "claim" }`. */
	extraFields?: Record<string, string>;
}

/** An OpenID Connect identity provider. Endpoints left out are discovered from the issuer. */
export interface OIDCConfig {
	issuer?: string;
	clientId: string;
	clientSecret: string;
	authorizationEndpoint?: string;
	tokenEndpoint?: string;
	userInfoEndpoint?: string;
	jwksEndpoint?: string;
	/** @default `${issuer}/.well-known/openid-configuration` */
	discoveryEndpoint?: string;
	/** @default "client_secret_basic" (or what the discovery document supports) */
	tokenEndpointAuthentication?: "client_secret_post" | "client_secret_basic";
	/** @default ["openid", "email", "profile", "offline_access"] */
	scopes?: string[];
	/** @default true */
	pkce?: boolean;
	mapping?: OIDCMapping;
	/** Update name and image from the provider on every sign-in (register body `overrideUserInfo`). */
	overrideUserInfo?: boolean;
}

/** Which SAML attributes become which user fields. */
export interface SAMLMapping {
	/** @default the assertion's NameID */
	id?: string;
	/** @default "email" (then "mail", the email OID, and an email-shaped NameID) */
	email?: string;
	emailVerified?: string;
	/** @default "displayName" (else firstName + lastName) */
	name?: string;
	/** @default "givenName" */
	firstName?: string;
	/** @default "surname" */
	lastName?: string;
	extraFields?: Record<string, string>;
}

export interface SAMLIdpMetadata {
	/** The IdP's metadata XML; `entryPoint` and `cert` are read from it when not given. */
	metadata?: string;
	entityID?: string;
	cert?: string;
	privateKey?: string;
	privateKeyPass?: string;
	isAssertionEncrypted?: boolean;
	encPrivateKey?: string;
	encPrivateKeyPass?: string;
	singleSignOnService?: Array<{ Binding: string; Location: string }>;
}

export interface SAMLSpMetadata {
	/** Served as is by `/sso/saml2/sp/metadata` when given. */
	metadata?: string;
	entityID?: string;
	binding?: string;
	privateKey?: string;
	privateKeyPass?: string;
	isAssertionEncrypted?: boolean;
	encPrivateKey?: string;
	encPrivateKeyPass?: string;
}

/** A SAML 2.0 identity provider. */
export interface SAMLConfig {
	issuer?: string;
	/** The IdP's single sign-on URL (HTTP-Redirect binding). */
	entryPoint: string;
	/** The IdP's signing certificate (PEM or base64). */
	cert: string;
	/** Where the browser goes after sign-in when the flow has no callbackURL (IdP-initiated). */
	callbackUrl: string;
	/** The audience assertions must name. @default the SP entity ID */
	audience?: string;
	idpMetadata?: SAMLIdpMetadata;
	spMetadata?: SAMLSpMetadata;
	/** @default true */
	wantAssertionsSigned?: boolean;
	signatureAlgorithm?: "sha1" | "sha256" | "sha512";
	digestAlgorithm?: string;
	identifierFormat?: string;
	/** SP key to sign AuthnRequests. */
	privateKey?: string;
	/** SP key to decrypt encrypted assertions. */
	decryptionPvk?: string;
	additionalParams?: Record<string, string>;
	mapping?: SAMLMapping;
	/** Update name and image from the provider on every sign-in (register body `overrideUserInfo`). */
	overrideUserInfo?: boolean;
}

/** A provider as stored, with its configs parsed. */
export interface SSOProvider {
	id: string;
	issuer: string;
	domain: string;
	providerId: string;
	userId: string;
	organizationId?: string | null;
	oidcConfig?: OIDCConfig | null;
	samlConfig?: SAMLConfig | null;
}

/** The user as the identity provider described it, after mapping. */
export interface SSOUserInfo {
	id: string;
	email: string;
	emailVerified: boolean;
	name?: string;
	image?: string;
	[field: string]: unknown;
}

export interface ProvisionInput {
	user: User;
	userInfo: Record<string, unknown>;
	token?: OAuth2Tokens;
	provider: SSOProvider;
}

export interface SSOOptions {
	/** Runs after a user signs in through SSO for the first time (every time with `provisionUserOnEveryLogin`). */
	provisionUser?: (input: ProvisionInput) => Promise<void> | void;
	/** @default false */
	provisionUserOnEveryLogin?: boolean;
	/** Adds SSO users to the provider's organization. Needs the organization plugin; ignored otherwise. */
	organizationProvisioning?: {
		/** @default false */
		disabled?: boolean;
		/** @default "member" */
		defaultRole?: "member" | "admin";
		getRole?: (input: ProvisionInput) => Promise<string> | string;
	};
	/** Providers that exist without a database row (tests, single-tenant setups); looked up first. */
	defaultSSO?: Array<{
		domain: string;
		providerId: string;
		issuer?: string;
		organizationId?: string;
		oidcConfig?: OIDCConfig;
		samlConfig?: SAMLConfig;
	}>;
	/** Update the user's name and image from the provider on every sign-in. @default false */
	defaultOverrideUserInfo?: boolean;
	/** No new users unless sign-in sends `requestSignUp: true`. @default false */
	disableImplicitSignUp?: boolean;
	/** Providers one user may register; 0 disables registration. @default 10 */
	providersLimit?: number | ((user: User) => Promise<number> | number);
	/** Believe the provider's `email_verified`; otherwise SSO emails count as unverified. @default false */
	trustEmailVerified?: boolean;
}
