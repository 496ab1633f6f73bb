import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, placeholderEmail, refreshWith, toUserInfo } from "./utils";

/** `GET https://apis.roblox.com/oauth/v1/userinfo`. */
export interface RobloxProfile {
	/** The Roblox user id. */
	sub: string;
	name?: string;
	nickname?: string;
	preferred_username?: string;
	created_at?: number;
	profile?: string;
	picture?: string | null;
}

/** Options of the `roblox` provider: the common provider options. */
export interface RobloxOptions extends ProviderOptions<RobloxProfile> {}

const OAUTH = "https://apis.roblox.com/oauth/v1";

/**
 * Roblox (OpenID Connect, PKCE). Roblox never returns an email, so the user gets a placeholder
 * address under `.invalid` and emailVerified is false.
 */
export const roblox = (options: RobloxOptions) =>
	({
		id: "roblox",
		name: "Roblox",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "roblox",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${OAUTH}/authorize`,
				scopes: getScopes(["openid", "profile"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${OAUTH}/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${OAUTH}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<RobloxProfile>(`${OAUTH}/userinfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.nickname || profile.preferred_username || profile.name || "",
				email: placeholderEmail("roblox", profile.sub),
				image: profile.picture ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<RobloxProfile, RobloxOptions>;
