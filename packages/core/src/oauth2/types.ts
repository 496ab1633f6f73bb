/**
 * The OAuth2 / OpenID Connect contracts: what a provider is, the tokens it hands back, and the
 * options every built-in provider accepts.
 */

/** Tokens from a token endpoint, with names normalised and expiry turned into dates. */
export interface OAuth2Tokens {
	tokenType?: string;
	accessToken?: string;
	refreshToken?: string;
	accessTokenExpiresAt?: Date;
	refreshTokenExpiresAt?: Date;
	scopes?: string[];
	idToken?: string;
	/** The token endpoint's JSON as received. */
	raw?: Record<string, unknown>;
}

/** A provider's user, mapped to Better Auth's user fields. */
export interface OAuth2UserInfo {
	id: string | number;
	name?: string;
	email?: string | null;
	image?: string | null;
	emailVerified: boolean;
	/** Extra user fields, e.g. from `mapProfileToUser`. */
	[key: string]: unknown;
}

/** What `getUserInfo` receives: the tokens, plus the form-post user Apple sends once. */
export type UserInfoInput = OAuth2Tokens & {
	user?: { name?: { firstName?: string; lastName?: string }; email?: string };
};

export interface AuthorizationURLInput {
	state: string;
	codeVerifier: string;
	scopes?: string[];
	redirectURI: string;
	display?: string;
	loginHint?: string;
}

export interface AuthorizationCodeInput {
	code: string;
	redirectURI: string;
	codeVerifier?: string;
	deviceId?: string;
}

/** An OAuth2/OIDC provider, built-in or made by a plugin. */
export interface OAuthProvider<Profile = Record<string, unknown>, Options extends ProviderOptions = ProviderOptions> {
	id: string;
	name: string;
	createAuthorizationURL: (input: AuthorizationURLInput) => Promise<URL> | URL;
	validateAuthorizationCode: (input: AuthorizationCodeInput) => Promise<OAuth2Tokens>;
	getUserInfo: (token: UserInfoInput) => Promise<{ user: OAuth2UserInfo; data: Profile } | null>;
	/** Refreshes an access token; absent when the provider has no refresh. */
	refreshAccessToken?: (refreshToken: string) => Promise<OAuth2Tokens>;
	revokeToken?: (token: string) => Promise<void>;
	/** Present on providers that accept ID-token sign-in (no redirect). */
	verifyIdToken?: (token: string, nonce?: string) => Promise<boolean>;
	disableImplicitSignUp?: boolean;
	disableSignUp?: boolean;
	options?: Options;
}

/** Options shared by every built-in provider. */
// biome-ignore lint/suspicious/noExplicitAny: the default accepts every provider's profile type.
export interface ProviderOptions<Profile = any> {
	clientId?: string;
	clientSecret?: string;
	/** Scopes added to the provider's defaults. */
	scope?: string[];
	/** Use only `scope`, not the provider's default scopes. */
	disableDefaultScope?: boolean;
	/** Default: `${baseURL}${basePath}/callback/${id}`. */
	redirectURI?: string;
	/** Overrides the provider's authorization endpoint. */
	authorizationEndpoint?: string;
	/** TikTok calls its client id the client key. */
	clientKey?: string;
	disableIdTokenSignIn?: boolean;
	verifyIdToken?: (token: string, nonce?: string) => Promise<boolean>;
	getUserInfo?: (token: OAuth2Tokens) => Promise<{ user: OAuth2UserInfo; data: unknown } | null>;
	refreshAccessToken?: (refreshToken: string) => Promise<OAuth2Tokens>;
	/** Extra or changed user fields from the provider's profile. */
	mapProfileToUser?: (profile: Profile) => Record<string, unknown> | Promise<Record<string, unknown>>;
	/** Sign-in only with an explicit `requestSignUp`. */
	disableImplicitSignUp?: boolean;
	/** No new users through this provider. */
	disableSignUp?: boolean;
	prompt?: "select_account" | "consent" | "login" | "none" | "select_account consent" | (string & {});
	responseMode?: "query" | "form_post";
	/** Update the user's name and image from the provider on every sign-in. */
	overrideUserInfoOnSignIn?: boolean;
}
