import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `POST https://api.dropboxapi.com/2/users/get_current_account`. */
export interface DropboxProfile {
	account_id: string;
	name: {
		given_name: string;
		surname: string;
		familiar_name: string;
		display_name: string;
		abbreviated_name: string;
	};
	email: string;
	email_verified: boolean;
	disabled?: boolean;
	locale?: string;
	country?: string;
	profile_photo_url?: string;
	account_type?: { ".tag": string };
	[field: string]: unknown;
}

/** Options of the `dropbox` provider: the common provider options, and its own. */
export interface DropboxOptions extends ProviderOptions<DropboxProfile> {
	/** `offline` returns a refresh token alongside a short-lived access token. */
	accessType?: "offline" | "online" | "legacy";
}

const AUTHORIZATION_ENDPOINT = "https://www.dropbox.com/oauth2/authorize";
const TOKEN_ENDPOINT = "https://api.dropboxapi.com/oauth2/token";

/** Dropbox (PKCE). emailVerified is the account's `email_verified`. */
export const dropbox = (options: DropboxOptions) =>
	({
		id: "dropbox",
		name: "Dropbox",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "dropbox",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["account_info.read"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
				additionalParams: { token_access_type: options.accessType },
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			// An RPC endpoint: POST without a body.
			const profile = await fetchJson<DropboxProfile>("https://api.dropboxapi.com/2/users/get_current_account", {
				method: "POST",
				accessToken: token.accessToken,
			});
			if (!profile?.account_id) return null;
			return toUserInfo(options, profile, {
				id: profile.account_id,
				name: profile.name?.display_name ?? "",
				email: profile.email ?? null,
				image: profile.profile_photo_url ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<DropboxProfile, DropboxOptions>;
