import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://api.atlassian.com/me`. */
export interface AtlassianProfile {
	account_type?: string;
	account_id: string;
	email?: string;
	name: string;
	picture?: string;
	account_status?: string;
	nickname?: string;
	zoneinfo?: string;
	locale?: string;
	extended_profile?: Record<string, string>;
	email_verified?: boolean;
}

/** Options of the `atlassian` provider: the common provider options. */
export interface AtlassianOptions extends ProviderOptions<AtlassianProfile> {}

const AUTHORIZATION_ENDPOINT = "https://auth.atlassian.com/authorize";
const TOKEN_ENDPOINT = "https://auth.atlassian.com/oauth/token";

/**
 * Atlassian (3LO, for Jira and Confluence Cloud). `read:me` is a default scope because the
 * profile endpoint `/me` needs it. emailVerified is `/me`'s `email_verified` when present,
 * otherwise false.
 */
export const atlassian = (options: AtlassianOptions) =>
	({
		id: "atlassian",
		name: "Atlassian",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "atlassian",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["read:jira-user", "read:me", "offline_access"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
				// 3LO tokens are always for the Atlassian platform API.
				additionalParams: { audience: "api.atlassian.com" },
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<AtlassianProfile>("https://api.atlassian.com/me", {
				accessToken: token.accessToken,
			});
			if (!profile?.account_id) return null;
			return toUserInfo(options, profile, {
				id: profile.account_id,
				name: profile.name || profile.nickname || "",
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<AtlassianProfile, AtlassianOptions>;
