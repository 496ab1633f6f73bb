import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.spotify.com/v1/me`. */
export interface SpotifyProfile {
	id: string;
	display_name: string | null;
	email: string;
	images: { url: string; height: number | null; width: number | null }[];
	country?: string;
	product?: string;
	uri?: string;
	[field: string]: unknown;
}

/** Options of the `spotify` provider: the common provider options. */
export interface SpotifyOptions extends ProviderOptions<SpotifyProfile> {}

const ACCOUNTS = "https://accounts.spotify.com";

/**
 * Spotify (PKCE). Spotify documents the email as unverified ("no proof it actually belongs to the
 * user"), so emailVerified is false.
 */
export const spotify = (options: SpotifyOptions) =>
	({
		id: "spotify",
		name: "Spotify",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "spotify",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${ACCOUNTS}/authorize`,
				scopes: getScopes(["user-read-email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${ACCOUNTS}/api/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${ACCOUNTS}/api/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<SpotifyProfile>("https://api.spotify.com/v1/me", {
				accessToken: token.accessToken,
			});
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.display_name ?? profile.id,
				email: profile.email ?? null,
				image: profile.images?.[0]?.url ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<SpotifyProfile, SpotifyOptions>;
