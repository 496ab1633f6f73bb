import type { User } from "@better-auth/core";

/** A registered OAuth client, as stored in `oauthApplication` (or given in `trustedClients`). */
export interface OAuthClient {
	id?: string;
	clientId: string;
	/** Absent for public clients (`type: "public"`, `token_endpoint_auth_method: "none"`). */
	clientSecret?: string | null;
	name: string;
	icon?: string | null;
	metadata?: string | Record<string, unknown> | null;
	/** Comma-separated in the database; an array in `trustedClients`. */
	redirectURLs: string | string[];
	type: "web" | "native" | "user-agent-based" | "public";
	disabled?: boolean | null;
	userId?: string | null;
	/** Trusted clients skip the consent screen. */
	skipConsent?: boolean;
}

/** `oidcProvider` options. */
export interface OIDCOptions {
	/** Where signed-out users are sent from `/oauth2/authorize`; the OAuth query is appended. */
	loginPage: string;
	/** Where users are sent to consent (`?consent_code&client_id&scope`). @default built-in HTML page */
	consentPage?: string;
	/** Let anyone call `POST /oauth2/register` without a session. @default false */
	allowDynamicClientRegistration?: boolean;
	/** Overrides of the discovery document. */
	metadata?: Record<string, unknown>;
	/** Access token lifetime in seconds. @default 3600 */
	accessTokenExpiresIn?: number;
	/** Refresh token lifetime in seconds. @default 604800 */
	refreshTokenExpiresIn?: number;
	/** Authorization code lifetime in seconds. @default 600 */
	codeExpiresIn?: number;
	/** Scopes clients may ask for. @default ["openid", "profile", "email", "offline_access"] */
	scopes?: string[];
	/** Scope used when the request names none. @default "openid" */
	defaultScope?: string;
	/** Require PKCE on every authorization request. @default true */
	requirePKCE?: boolean;
	/** Accept `code_challenge_method=plain`. @default true */
	allowPlainCodeChallengeMethod?: boolean;
	/** @default 32 random characters */
	generateClientId?: () => string;
	/** @default 32 random characters */
	generateClientSecret?: () => string;
	/** Extra claims for the ID token and userinfo. */
	getAdditionalUserInfoClaim?: (
		user: User,
		scopes: string[],
		client: OAuthClient,
	) => Record<string, unknown> | Promise<Record<string, unknown>>;
	/** Clients configured in code: never stored, consent skipped when `skipConsent`. */
	trustedClients?: (OAuthClient & { redirectURLs: string[] })[];
	/** Sign ID tokens with the jwt plugin's keys (RS256/EdDSA) instead of HS256 with the client secret. @default false */
	useJWTPlugin?: boolean;
	/** Table and column names. */
	schema?: Partial<Record<"oauthApplication" | "oauthAccessToken" | "oauthConsent", { modelName?: string }>>;
}

/** Options with defaults applied. */
export interface ResolvedOIDCOptions extends OIDCOptions {
	accessTokenExpiresIn: number;
	refreshTokenExpiresIn: number;
	codeExpiresIn: number;
	scopes: string[];
	defaultScope: string;
	requirePKCE: boolean;
	allowPlainCodeChallengeMethod: boolean;
}

/** What an authorization code (a `verification` row, identifier = code) remembers. */
export interface CodeData {
	clientId: string;
	redirectURI: string;
	scope: string[];
	userId: string;
	authTime: number;
	requireConsent: boolean;
	state: string | null;
	codeChallenge: string | null;
	codeChallengeMethod: string | null;
	nonce: string | null;
}
