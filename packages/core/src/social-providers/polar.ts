import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.polar.sh/v1/oauth2/userinfo` for a user token. */
export interface PolarProfile {
	sub: string;
	name?: string | null;
	email: string;
	email_verified: boolean;
	[claim: string]: unknown;
}

/** Options of the `polar` provider: the common provider options. */
export interface PolarOptions extends ProviderOptions<PolarProfile> {}

const API = "https://api.polar.sh/v1/oauth2";

/** Polar (OpenID Connect, PKCE). emailVerified is the `email_verified` claim. */
export const polar = (options: PolarOptions) =>
	({
		id: "polar",
		name: "Polar",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "polar",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://polar.sh/oauth2/authorize",
				scopes: getScopes(["openid", "profile", "email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${API}/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${API}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<PolarProfile>(`${API}/userinfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name ?? "",
				email: profile.email ?? null,
				image: null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<PolarProfile, PolarOptions>;
