import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.zoom.us/v2/users/me` (needs the `user:read:user` scope on the app). */
export interface ZoomProfile {
	id: string;
	first_name?: string;
	last_name?: string;
	display_name?: string;
	email: string;
	/** 1 when the user's email is verified. */
	verified?: 0 | 1;
	pic_url?: string;
	type?: number;
	account_id?: string;
	status?: string;
	timezone?: string;
	language?: string;
	[field: string]: unknown;
}

/** Options of the `zoom` provider: the common provider options, and its own. */
export interface ZoomOptions extends ProviderOptions<ZoomProfile> {
	/**
	 * Send a PKCE challenge and verifier.
	 * @default true
	 */
	pkce?: boolean;
}

const TOKEN_ENDPOINT = "https://zoom.us/oauth/token";

/**
 * Zoom (client credentials in a Basic header; scopes come from the app's configuration, so there
 * are no defaults). emailVerified is `verified === 1`.
 */
export const zoom = (options: ZoomOptions) => {
	const pkce = options.pkce ?? true;
	return {
		id: "zoom",
		name: "Zoom",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "zoom",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://zoom.us/oauth/authorize",
				scopes: getScopes([], options, scopes),
				state,
				codeVerifier: pkce ? codeVerifier : undefined,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint: TOKEN_ENDPOINT,
				authentication: "basic",
				options,
				code,
				codeVerifier: pkce ? codeVerifier : undefined,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, authentication: "basic", options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<ZoomProfile>("https://api.zoom.us/v2/users/me", {
				accessToken: token.accessToken,
			});
			if (!profile?.id) return null;
			const fullName = [profile.first_name, profile.last_name].filter(Boolean).join(" ");
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.display_name || fullName,
				email: profile.email ?? null,
				image: profile.pic_url ?? null,
				emailVerified: profile.verified === 1,
			});
		}),
		options,
	} satisfies OAuthProvider<ZoomProfile, ZoomOptions>;
};
