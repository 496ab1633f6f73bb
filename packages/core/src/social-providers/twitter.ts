import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `data` of `GET https://api.x.com/2/users/me`. */
export interface TwitterProfile {
	id: string;
	name: string;
	username: string;
	profile_image_url?: string;
	/** Only with the `users.email` scope; X only returns confirmed addresses here. */
	confirmed_email?: string;
	verified?: boolean;
	description?: string;
	created_at?: string;
	[field: string]: unknown;
}

/** Options of the `twitter` provider: the common provider options. */
export interface TwitterOptions extends ProviderOptions<TwitterProfile> {}

const TOKEN_ENDPOINT = "https://api.x.com/2/oauth2/token";
const ME = "https://api.x.com/2/users/me";

/**
 * X (Twitter) OAuth 2.0 with PKCE; client credentials in a Basic header (confidential client).
 * The email is `confirmed_email`, asked for separately so that apps without the `users.email`
 * scope still sign in: when present it is verified by definition, otherwise there is no email and
 * emailVerified is false.
 */
export const twitter = (options: TwitterOptions) =>
	({
		id: "twitter",
		name: "Twitter",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "twitter",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://x.com/i/oauth2/authorize",
				scopes: getScopes(["users.read", "tweet.read", "offline.access", "users.email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint: TOKEN_ENDPOINT,
				authentication: "basic",
				options,
				code,
				codeVerifier,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, authentication: "basic", options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const init = { accessToken: token.accessToken };
			const answer = await fetchJson<{ data?: TwitterProfile }>(`${ME}?user.fields=profile_image_url`, init);
			if (!answer?.data?.id) return null;
			const email = await fetchJson<{ data?: { confirmed_email?: string } }>(`${ME}?user.fields=confirmed_email`, init);
			const confirmed = email?.data?.confirmed_email;
			const profile: TwitterProfile = confirmed ? { ...answer.data, confirmed_email: confirmed } : answer.data;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name,
				email: confirmed ?? null,
				image: profile.profile_image_url ?? null,
				emailVerified: !!confirmed,
			});
		}),
		options,
	}) satisfies OAuthProvider<TwitterProfile, TwitterOptions>;
