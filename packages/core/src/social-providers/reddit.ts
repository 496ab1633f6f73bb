import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, placeholderEmail, refreshWith, toUserInfo } from "./utils";

/** `GET https://oauth.reddit.com/api/v1/me` (a subset; Reddit returns many more fields). */
export interface RedditProfile {
	id: string;
	name: string;
	icon_img: string;
	snoovatar_img?: string;
	has_verified_email: boolean;
	oauth_client_id?: string;
	verified?: boolean;
	created_utc?: number;
	[field: string]: unknown;
}

/** Options of the `reddit` provider: the common provider options, and its own. */
export interface RedditOptions extends ProviderOptions<RedditProfile> {
	/**
	 * `permanent` returns a refresh token; `temporary` tokens last an hour.
	 * @default "permanent"
	 */
	duration?: "permanent" | "temporary";
}

const TOKEN_ENDPOINT = "https://www.reddit.com/api/v1/access_token";
// Reddit throttles or rejects requests without a descriptive User-Agent.
const HEADERS = { "user-agent": "better-auth" };

/**
 * Reddit (client credentials in a Basic header). Reddit never returns an email, so the user gets a
 * placeholder address under `.invalid` and emailVerified is false.
 */
export const reddit = (options: RedditOptions) =>
	({
		id: "reddit",
		name: "Reddit",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "reddit",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://www.reddit.com/api/v1/authorize",
				scopes: getScopes(["identity"], options, scopes),
				state,
				redirectURI,
				duration: options.duration ?? "permanent",
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint: TOKEN_ENDPOINT,
				authentication: "basic",
				headers: HEADERS,
				options,
				code,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({
				tokenEndpoint: TOKEN_ENDPOINT,
				authentication: "basic",
				headers: HEADERS,
				options,
				refreshToken,
			}),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<RedditProfile>("https://oauth.reddit.com/api/v1/me", {
				accessToken: token.accessToken,
				headers: HEADERS,
			});
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name,
				email: placeholderEmail("reddit", profile.id),
				// Reddit HTML-escapes the query string of its image URLs; the bare URL works.
				image: profile.icon_img ? profile.icon_img.split("?")[0] : null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<RedditProfile, RedditOptions>;
