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

/** `GET https://api.linkedin.com/v2/userinfo` (Sign In with LinkedIn using OpenID Connect). */
export interface LinkedInProfile {
	sub: string;
	name: string;
	given_name: string;
	family_name: string;
	picture?: string;
	locale?: { country: string; language: string } | string;
	email?: string;
	email_verified?: boolean;
}

/** Options of the `linkedin` provider: the common provider options. */
export interface LinkedInOptions extends ProviderOptions<LinkedInProfile> {}

const OAUTH = "https://www.linkedin.com/oauth";

/** LinkedIn (OpenID Connect). emailVerified is the `email_verified` claim. */
export const linkedin = (options: LinkedInOptions) =>
	({
		id: "linkedin",
		name: "Linkedin",
		createAuthorizationURL: ({ state, scopes, redirectURI, loginHint }) =>
			createAuthorizationURL({
				id: "linkedin",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${OAUTH}/v2/authorization`,
				scopes: getScopes(["profile", "email", "openid"], options, scopes),
				state,
				redirectURI,
				loginHint,
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${OAUTH}/v2/accessToken`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${OAUTH}/v2/accessToken`, options, refreshToken }),
		),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const payload = await validateIdToken(token, {
				jwksURL: `${OAUTH}/openid/jwks`,
				audience: options.clientId,
				issuer: OAUTH,
				nonce,
			});
			return payload !== null;
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			// ID-token sign-in may come without an access token; the ID token has the same claims.
			const profile = token.accessToken
				? await fetchJson<LinkedInProfile>("https://api.linkedin.com/v2/userinfo", { accessToken: token.accessToken })
				: token.idToken
					? decodeJwtPayload<LinkedInProfile>(token.idToken)
					: null;
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<LinkedInProfile, LinkedInOptions>;
