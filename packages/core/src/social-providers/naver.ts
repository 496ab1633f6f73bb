import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** The `response` of `GET https://openapi.naver.com/v1/nid/me`. */
export interface NaverProfile {
	id: string;
	nickname?: string;
	name?: string;
	email?: string;
	gender?: "F" | "M" | "U";
	age?: string;
	birthday?: string;
	birthyear?: string;
	profile_image?: string;
	mobile?: string;
}

/** Options of the `naver` provider: the common provider options. */
export interface NaverOptions extends ProviderOptions<NaverProfile> {}

const NID = "https://nid.naver.com/oauth2.0";

/** Naver Login. Naver does not say whether the email is verified: emailVerified is false. */
export const naver = (options: NaverOptions) =>
	({
		id: "naver",
		name: "Naver",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "naver",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${NID}/authorize`,
				scopes: getScopes(["profile", "email"], options, scopes),
				state,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${NID}/token`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${NID}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const answer = await fetchJson<{ resultcode: string; message: string; response?: NaverProfile }>(
				"https://openapi.naver.com/v1/nid/me",
				{ accessToken: token.accessToken },
			);
			// Naver answers 200 with a non-"00" result code when the call failed.
			const profile = answer?.resultcode === "00" ? answer.response : undefined;
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name || profile.nickname || "",
				email: profile.email ?? null,
				image: profile.profile_image ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<NaverProfile, NaverOptions>;
