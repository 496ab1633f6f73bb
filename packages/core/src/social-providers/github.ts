import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.github.com/user` (the fields sign-in uses; GitHub returns many more). */
export interface GithubProfile {
	id: number;
	login: string;
	name: string | null;
	email: string | null;
	avatar_url: string;
	html_url: string;
	type: string;
	node_id: string;
	company?: string | null;
	blog?: string | null;
	location?: string | null;
	bio?: string | null;
	twitter_username?: string | null;
	created_at?: string;
	updated_at?: string;
}

/** One entry of `GET https://api.github.com/user/emails`. */
export interface GithubEmail {
	email: string;
	primary: boolean;
	verified: boolean;
	visibility: "public" | "private" | null;
}

/** Options of the `github` provider: the common provider options. */
export interface GithubOptions extends ProviderOptions<GithubProfile> {}

const AUTHORIZATION_ENDPOINT = "https://github.com/login/oauth/authorize";
const TOKEN_ENDPOINT = "https://github.com/login/oauth/access_token";
const API = "https://api.github.com";
// The REST API refuses requests without a User-Agent.
const API_HEADERS = { "user-agent": "better-auth", accept: "application/vnd.github+json" };

/**
 * GitHub (OAuth apps and GitHub apps). The profile's `email` is the public one and often null, so
 * the address and its verification come from `/user/emails`: the entry matching the profile's
 * email, else the primary one. emailVerified is that entry's `verified` flag.
 */
export const github = (options: GithubOptions) =>
	({
		id: "github",
		name: "GitHub",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI, loginHint }) =>
			createAuthorizationURL({
				id: "github",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["read:user", "user:email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
				// GitHub names its login hint `login`.
				additionalParams: { login: loginHint },
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const init = { accessToken: token.accessToken, headers: API_HEADERS };
			const profile = await fetchJson<GithubProfile>(`${API}/user`, init);
			if (!profile) return null;
			const emails = (await fetchJson<GithubEmail[]>(`${API}/user/emails`, init)) ?? [];
			const entry = Array.isArray(emails)
				? (emails.find((e) => profile.email !== null && e.email === profile.email) ??
					emails.find((e) => e.primary && e.verified) ??
					emails.find((e) => e.primary))
				: undefined;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name || profile.login,
				email: entry?.email ?? profile.email,
				image: profile.avatar_url,
				emailVerified: entry?.verified ?? false,
			});
		}),
		options,
	}) satisfies OAuthProvider<GithubProfile, GithubOptions>;
