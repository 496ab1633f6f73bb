import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** Twitch ID-token (or userinfo) claims, as requested through `claims`. */
export interface TwitchProfile {
	sub: string;
	preferred_username: string;
	email?: string;
	email_verified?: boolean;
	picture?: string;
	iss?: string;
	aud?: string;
	exp?: number;
	iat?: number;
	nonce?: string;
}

/** Options of the `twitch` provider: the common provider options. */
export interface TwitchOptions extends ProviderOptions<TwitchProfile> {}

const OAUTH = "https://id.twitch.tv/oauth2";
// Twitch only adds these claims when asked, in the ID token and in userinfo alike.
const CLAIMS = { email: null, email_verified: null, preferred_username: null, picture: null };

/** Twitch (OpenID Connect). emailVerified is the `email_verified` claim. */
export const twitch = (options: TwitchOptions) =>
	({
		id: "twitch",
		name: "Twitch",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "twitch",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${OAUTH}/authorize`,
				scopes: getScopes(["user:read:email", "openid"], options, scopes),
				state,
				redirectURI,
				additionalParams: { claims: JSON.stringify({ id_token: CLAIMS, userinfo: CLAIMS }) },
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${OAUTH}/token`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${OAUTH}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = token.idToken
				? decodeJwtPayload<TwitchProfile>(token.idToken)
				: await fetchJson<TwitchProfile>(`${OAUTH}/userinfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.preferred_username,
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<TwitchProfile, TwitchOptions>;
