import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, placeholderEmail, refreshWith, toUserInfo } from "./utils";

/** `data.user` of `GET https://open.tiktokapis.com/v2/user/info/`. */
export interface TiktokProfile {
	/** The user's id for this app. */
	open_id: string;
	union_id?: string;
	avatar_url?: string;
	avatar_large_url?: string;
	display_name: string;
	/** Needs the `user.info.profile` scope. */
	username?: string;
	bio_description?: string;
	profile_deep_link?: string;
	is_verified?: boolean;
	[field: string]: unknown;
}

/** Options of the `tiktok` provider: the common provider options, and its own. */
export interface TiktokOptions extends ProviderOptions<TiktokProfile> {
	/** TikTok's name for the client id; `clientId` is used when it is not given. */
	clientKey?: string;
}

const FIELDS = ["open_id", "union_id", "avatar_url", "avatar_large_url", "display_name", "username"];
const TOKEN_ENDPOINT = "https://open.tiktokapis.com/v2/oauth/token/";

/**
 * TikTok Login Kit (web): `client_key` instead of `client_id`, comma-separated scopes. TikTok
 * never returns an email, so the user gets a placeholder address under `.invalid` and
 * emailVerified is false.
 */
export const tiktok = (options: TiktokOptions) => {
	// Every request names the client by its key.
	const client = { ...options, clientKey: options.clientKey ?? options.clientId };
	return {
		id: "tiktok",
		name: "TikTok",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "tiktok",
				options: client,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://www.tiktok.com/v2/auth/authorize/",
				scopes: getScopes(["user.info.profile"], options, scopes),
				scopeJoiner: ",",
				state,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options: client, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options: client, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const url = new URL("https://open.tiktokapis.com/v2/user/info/");
			url.searchParams.set("fields", FIELDS.join(","));
			const answer = await fetchJson<{ data?: { user?: TiktokProfile } }>(url.toString(), {
				accessToken: token.accessToken,
			});
			const profile = answer?.data?.user;
			if (!profile?.open_id) return null;
			return toUserInfo(options, profile, {
				id: profile.open_id,
				name: profile.display_name || profile.username || "",
				email: placeholderEmail("tiktok", profile.open_id),
				image: profile.avatar_large_url ?? profile.avatar_url ?? null,
				emailVerified: false,
			});
		}),
		options,
	} satisfies OAuthProvider<TiktokProfile, TiktokOptions>;
};
