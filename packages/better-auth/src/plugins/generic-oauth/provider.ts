/** One genericOAuth config → an OAuthProvider (endpoints from the discovery document, fetched once). */
import type { AuthContext } from "@better-auth/core";
import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuth2Tokens,
	type OAuth2UserInfo,
	type OAuthProvider,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from "@better-auth/core/oauth2";
import { generateRandomString } from "../../crypto/random";

export interface GenericOAuthConfig {
	providerId: string;
	clientId: string;
	clientSecret?: string;
	discoveryUrl?: string;
	authorizationUrl?: string;
	tokenUrl?: string;
	userInfoUrl?: string;
	/** @default [] */
	scopes?: string[];
	/** @default `${baseURL}/oauth2/callback/${providerId}` */
	redirectURI?: string;
	/** @default "code" */
	responseType?: string;
	responseMode?: "query" | "form_post";
	prompt?: "none" | "login" | "consent" | "select_account" | (string & {});
	/** Send a PKCE challenge. @default false */
	pkce?: boolean;
	accessType?: string;
	authorizationUrlParams?: Record<string, string>;
	tokenUrlParams?: Record<string, string>;
	/** Client authentication at the token endpoint. @default "post" */
	authentication?: "basic" | "post";
	discoveryHeaders?: Record<string, string>;
	authorizationHeaders?: Record<string, string>;
	getToken?: (data: { code: string; redirectURI: string; codeVerifier?: string }) => Promise<OAuth2Tokens>;
	getUserInfo?: (tokens: OAuth2Tokens) => Promise<OAuth2UserInfo | null>;
	mapProfileToUser?: (profile: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;
	disableImplicitSignUp?: boolean;
	disableSignUp?: boolean;
	/** Update the user's name and image on every sign-in. */
	overrideUserInfo?: boolean;
}

interface Discovery {
	issuer?: string;
	authorization_endpoint?: string;
	token_endpoint?: string;
	userinfo_endpoint?: string;
	jwks_uri?: string;
}

export function createGenericProvider(config: GenericOAuthConfig, context: AuthContext): OAuthProvider {
	let discovery: Promise<Discovery> | undefined;
	const discover = () => {
		if (!config.discoveryUrl) return Promise.resolve<Discovery>({});
		discovery ??= fetchJson<Discovery>(config.discoveryUrl, { headers: config.discoveryHeaders }).then((doc) => {
			if (!doc) {
				discovery = undefined;
				throw new Error(`genericOAuth: could not load the discovery document of "${config.providerId}"`);
			}
			return doc;
		});
		return discovery;
	};
	const endpoint = async (explicit: string | undefined, key: keyof Discovery) => explicit ?? (await discover())[key];
	const clientOptions = {
		clientId: config.clientId,
		clientSecret: config.clientSecret,
		redirectURI: config.redirectURI,
	};

	const profileToUser = async (profile: Record<string, unknown>): Promise<OAuth2UserInfo> => {
		const mapped = config.mapProfileToUser ? await config.mapProfileToUser(profile) : {};
		return {
			id: String(profile.sub ?? profile.id ?? ""),
			email: (profile.email as string | undefined) ?? null,
			name: (profile.name as string | undefined) ?? (profile.preferred_username as string | undefined),
			image: (profile.picture as string | undefined) ?? (profile.avatar_url as string | undefined),
			emailVerified: profile.email_verified === true || profile.email_verified === "true",
			...mapped,
		} as OAuth2UserInfo;
	};

	return {
		id: config.providerId,
		name: config.providerId,
		disableImplicitSignUp: config.disableImplicitSignUp,
		disableSignUp: config.disableSignUp,
		options: { ...clientOptions, overrideUserInfoOnSignIn: config.overrideUserInfo },
		async createAuthorizationURL({ state, codeVerifier, scopes, redirectURI, loginHint }) {
			const authorizationEndpoint = await endpoint(config.authorizationUrl, "authorization_endpoint");
			if (!authorizationEndpoint) throw new Error(`genericOAuth: no authorization endpoint for "${config.providerId}"`);
			// Scopes of the request first, then the configured ones; an OIDC request carries a nonce.
			const allScopes = [...(scopes ?? []), ...(config.scopes ?? [])];
			const nonce = allScopes.includes("openid") ? generateRandomString(32, "a-z", "A-Z", "0-9") : undefined;
			return createAuthorizationURL({
				id: config.providerId,
				options: clientOptions,
				authorizationEndpoint,
				redirectURI,
				state,
				codeVerifier: config.pkce ? codeVerifier : undefined,
				scopes: allScopes,
				prompt: config.prompt,
				accessType: config.accessType,
				responseType: config.responseType,
				responseMode: config.responseMode,
				loginHint,
				additionalParams: { nonce, ...config.authorizationUrlParams },
			});
		},
		async validateAuthorizationCode({ code, redirectURI, codeVerifier }) {
			if (config.getToken) return config.getToken({ code, redirectURI, codeVerifier });
			const tokenEndpoint = await endpoint(config.tokenUrl, "token_endpoint");
			if (!tokenEndpoint) throw new Error(`genericOAuth: no token endpoint for "${config.providerId}"`);
			return validateAuthorizationCode({
				tokenEndpoint,
				options: clientOptions,
				code,
				redirectURI,
				codeVerifier: config.pkce ? codeVerifier : undefined,
				authentication: config.authentication,
				headers: config.authorizationHeaders,
				additionalParams: config.tokenUrlParams,
			});
		},
		async refreshAccessToken(refreshToken) {
			const tokenEndpoint = await endpoint(config.tokenUrl, "token_endpoint");
			if (!tokenEndpoint) throw new Error(`genericOAuth: no token endpoint for "${config.providerId}"`);
			return refreshAccessToken({
				tokenEndpoint,
				options: clientOptions,
				refreshToken,
				authentication: config.authentication,
				additionalParams: config.tokenUrlParams,
			});
		},
		async verifyIdToken(token, nonce) {
			const doc = await discover();
			if (!doc.jwks_uri) return false;
			const payload = await validateIdToken(token, {
				jwksURL: doc.jwks_uri,
				audience: config.clientId,
				issuer: doc.issuer,
				nonce,
			});
			return payload !== null;
		},
		async getUserInfo(tokens) {
			if (config.getUserInfo) {
				const user = await config.getUserInfo(tokens);
				return user ? { user, data: user } : null;
			}
			const userInfoUrl = await endpoint(config.userInfoUrl, "userinfo_endpoint");
			let profile: Record<string, unknown> | null = null;
			if (userInfoUrl && tokens.accessToken) {
				profile = await fetchJson(userInfoUrl, { accessToken: tokens.accessToken });
			}
			if (!profile && tokens.idToken) profile = decodeJwtPayload(tokens.idToken);
			if (!profile) {
				context.logger.error(`genericOAuth: no user info from "${config.providerId}"`);
				return null;
			}
			const user = await profileToUser(profile);
			// Without an email there is no user to sign in (better-auth 1.7: unable_to_get_user_info).
			if (!user.email) return null;
			return { user, data: profile };
		},
	};
}
