import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** Google's ID-token claims (and the OpenID userinfo answer, which has the same names). */
export interface GoogleProfile {
	aud?: string;
	azp?: string;
	exp?: number;
	iat?: number;
	iss?: string;
	sub: string;
	email: string;
	email_verified: boolean;
	/** The hosted (Workspace) domain of the account. */
	hd?: string;
	name: string;
	given_name?: string;
	family_name?: string;
	picture: string;
	locale?: string;
	nonce?: string;
	at_hash?: string;
}

/** Options of the `google` provider: the common provider options, and its own. */
export interface GoogleOptions extends ProviderOptions<GoogleProfile> {
	/** `offline` asks for a refresh token. */
	accessType?: "offline" | "online";
	/** How the consent page is shown. */
	display?: "page" | "popup" | "touch" | "wap";
	/** Restricts the account chooser to one Workspace domain. */
	hd?: string;
}

const AUTHORIZATION_ENDPOINT = "https://accounts.google.com/o/oauth2/v2/auth";
const TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token";
const USERINFO_ENDPOINT = "https://openidconnect.googleapis.com/v1/userinfo";
const JWKS = "https://www.googleapis.com/oauth2/v3/certs";
// Google signs with either form of its issuer.
const ISSUERS = ["https://accounts.google.com", "accounts.google.com"];

/** Google (OpenID Connect). emailVerified is the `email_verified` claim. */
export const google = (options: GoogleOptions) =>
	({
		id: "google",
		name: "Google",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI, loginHint, display }) =>
			createAuthorizationURL({
				id: "google",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["email", "profile", "openid"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
				loginHint,
				display: display ?? options.display,
				accessType: options.accessType,
				hd: options.hd,
				additionalParams: { include_granted_scopes: "true" },
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options, refreshToken }),
		),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const payload = await validateIdToken(token, {
				jwksURL: JWKS,
				audience: options.clientId,
				issuer: ISSUERS,
				nonce,
			});
			return payload !== null;
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			// The ID token came straight from Google's token endpoint over TLS, so its claims are trusted
			// as is (OIDC Core 3.1.3.7); without one (no `openid` scope) the userinfo endpoint answers.
			const profile = token.idToken
				? decodeJwtPayload<GoogleProfile>(token.idToken)
				: await fetchJson<GoogleProfile>(USERINFO_ENDPOINT, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name,
				email: profile.email,
				image: profile.picture,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<GoogleProfile, GoogleOptions>;
