import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://slack.com/api/openid.connect.userInfo` (Sign in with Slack). */
export interface SlackProfile {
	ok: boolean;
	sub: string;
	"https://slack.com/user_id": string;
	"https://slack.com/team_id": string;
	email: string;
	email_verified: boolean;
	date_email_verified?: number;
	name: string;
	picture: string;
	given_name?: string;
	family_name?: string;
	locale?: string;
	"https://slack.com/team_name"?: string;
	"https://slack.com/team_domain"?: string;
	"https://slack.com/user_image_512"?: string;
	[claim: string]: unknown;
}

/** Options of the `slack` provider: the common provider options. */
export interface SlackOptions extends ProviderOptions<SlackProfile> {}

const API = "https://slack.com/api";

/** Sign in with Slack (OpenID Connect). emailVerified is the `email_verified` claim. */
export const slack = (options: SlackOptions) =>
	({
		id: "slack",
		name: "Slack",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "slack",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? "https://slack.com/openid/connect/authorize",
				scopes: getScopes(["openid", "profile", "email"], options, scopes),
				state,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${API}/openid.connect.token`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${API}/openid.connect.token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<SlackProfile>(`${API}/openid.connect.userInfo`, {
				accessToken: token.accessToken,
			});
			// Slack answers 200 with `ok: false` on failure.
			if (!profile?.ok || !profile.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.picture ?? profile["https://slack.com/user_image_512"] ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<SlackProfile, SlackOptions>;
