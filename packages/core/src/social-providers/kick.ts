import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** One user of `GET https://api.kick.com/public/v1/users` (the token's own user). */
export interface KickProfile {
	user_id: number;
	name: string;
	email: string;
	profile_picture: string;
}

/** Options of the `kick` provider: the common provider options. */
export interface KickOptions extends ProviderOptions<KickProfile> {}

const ID = "https://id.kick.com/oauth";

/** Kick (PKCE is mandatory). Kick does not say whether the email is verified: emailVerified is false. */
export const kick = (options: KickOptions) =>
	({
		id: "kick",
		name: "Kick",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "kick",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${ID}/authorize`,
				scopes: getScopes(["user:read"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${ID}/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${ID}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const answer = await fetchJson<{ data?: KickProfile[] }>("https://api.kick.com/public/v1/users", {
				accessToken: token.accessToken,
			});
			const profile = answer?.data?.[0];
			if (!profile?.user_id) return null;
			return toUserInfo(options, profile, {
				id: profile.user_id,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.profile_picture ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<KickProfile, KickOptions>;
