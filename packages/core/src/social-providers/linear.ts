import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** The `viewer` of Linear's GraphQL API. */
export interface LinearProfile {
	id: string;
	name: string;
	email: string;
	avatarUrl?: string | null;
	active: boolean;
	createdAt: string;
	updatedAt: string;
}

/** Options of the `linear` provider: the common provider options. */
export interface LinearOptions extends ProviderOptions<LinearProfile> {}

const VIEWER_QUERY = "query { viewer { id name email avatarUrl active createdAt updatedAt } }";

/**
 * Linear (PKCE; comma-separated scopes). Linear has no profile endpoint, so the user comes from a
 * GraphQL `viewer` query. Linear does not say whether the email is verified: emailVerified is false.
 */
export const linear = (options: LinearOptions) =>
	({
		id: "linear",
		name: "Linear",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "linear",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://linear.app/oauth/authorize",
				scopes: getScopes(["read"], options, scopes),
				scopeJoiner: ",",
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint: "https://api.linear.app/oauth/token",
				options,
				code,
				codeVerifier,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: "https://api.linear.app/oauth/token", options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const answer = await fetchJson<{ data?: { viewer?: LinearProfile } }>("https://api.linear.app/graphql", {
				method: "POST",
				accessToken: token.accessToken,
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ query: VIEWER_QUERY }),
			});
			const profile = answer?.data?.viewer;
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.avatarUrl ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<LinearProfile, LinearOptions>;
