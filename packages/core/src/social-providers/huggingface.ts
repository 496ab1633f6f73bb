import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET https://huggingface.co/oauth/userinfo` (OpenID Connect userinfo). */
export interface HuggingFaceProfile {
	sub: string;
	name: string;
	preferred_username: string;
	profile: string;
	picture: string;
	website?: string;
	email?: string;
	email_verified?: boolean;
	isPro: boolean;
	canPay?: boolean;
	orgs?: { sub: string; name: string; picture: string; preferred_username: string; isEnterprise: boolean }[];
}

/** Options of the `huggingface` provider: the common provider options. */
export interface HuggingFaceOptions extends ProviderOptions<HuggingFaceProfile> {}

const BASE = "https://huggingface.co/oauth";

/** Hugging Face (OpenID Connect, PKCE). emailVerified is the `email_verified` claim. */
export const huggingface = (options: HuggingFaceOptions) =>
	({
		id: "huggingface",
		name: "Hugging Face",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "huggingface",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${BASE}/authorize`,
				scopes: getScopes(["openid", "profile", "email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${BASE}/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${BASE}/token`, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<HuggingFaceProfile>(`${BASE}/userinfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name || profile.preferred_username,
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<HuggingFaceProfile, HuggingFaceOptions>;
