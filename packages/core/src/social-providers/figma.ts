import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.figma.com/v1/me`. */
export interface FigmaProfile {
	id: string;
	email: string;
	handle: string;
	img_url: string;
}

/** Options of the `figma` provider: the common provider options. */
export interface FigmaOptions extends ProviderOptions<FigmaProfile> {}

const AUTHORIZATION_ENDPOINT = "https://www.figma.com/oauth";
const API = "https://api.figma.com/v1";

/**
 * Figma (PKCE; client credentials in a Basic header, as Figma's token endpoints require). Figma
 * does not say whether the email is verified, so emailVerified is false.
 */
export const figma = (options: FigmaOptions) =>
	({
		id: "figma",
		name: "Figma",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "figma",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["current_user:read"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint: `${API}/oauth/token`,
				authentication: "basic",
				options,
				code,
				codeVerifier,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${API}/oauth/refresh`, authentication: "basic", options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<FigmaProfile>(`${API}/me`, { accessToken: token.accessToken });
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.handle,
				email: profile.email ?? null,
				image: profile.img_url ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<FigmaProfile, FigmaOptions>;
