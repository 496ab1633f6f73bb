import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET /api/v4/user` (the authenticated user, so it includes `email` and `confirmed_at`). */
export interface GitlabProfile {
	id: number;
	username: string;
	name: string;
	email: string;
	avatar_url: string | null;
	web_url?: string;
	state: "active" | "blocked" | "deactivated" | (string & {});
	locked?: boolean;
	/** When the primary email was confirmed; null while it is not. */
	confirmed_at?: string | null;
	created_at?: string;
	bio?: string;
	location?: string | null;
	public_email?: string | null;
	two_factor_enabled?: boolean;
	[field: string]: unknown;
}

/** Options of the `gitlab` provider: the common provider options, and its own. */
export interface GitlabOptions extends ProviderOptions<GitlabProfile> {
	/**
	 * The GitLab instance, for self-managed GitLab.
	 * @default "https://gitlab.com"
	 */
	issuer?: string;
}

/**
 * GitLab (gitlab.com or self-managed, PKCE). `/user`'s email is the primary one and `confirmed_at`
 * says when the account's email was confirmed: emailVerified is whether it is set.
 */
export const gitlab = (options: GitlabOptions) => {
	const issuer = (options.issuer ?? "https://gitlab.com").replace(/\/$/, "");
	const tokenEndpoint = `${issuer}/oauth/token`;
	return {
		id: "gitlab",
		name: "Gitlab",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "gitlab",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${issuer}/oauth/authorize`,
				scopes: getScopes(["read_user"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<GitlabProfile>(`${issuer}/api/v4/user`, { accessToken: token.accessToken });
			// Blocked or locked accounts keep valid tokens for a while; they do not sign in.
			if (!profile?.id || profile.state !== "active" || profile.locked) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name || profile.username,
				email: profile.email ?? null,
				image: profile.avatar_url,
				emailVerified: Boolean(profile.confirmed_at),
			});
		}),
		options,
	} satisfies OAuthProvider<GitlabProfile, GitlabOptions>;
};
