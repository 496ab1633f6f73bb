import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, toUserInfo } from "./utils";

/** `user` of `POST https://id.vk.com/oauth2/user_info`. */
export interface VkProfile {
	user_id: string;
	first_name: string;
	last_name: string;
	avatar?: string;
	email?: string;
	phone?: string;
	sex?: 0 | 1 | 2;
	birthday?: string;
	verified?: boolean;
}

/** Options of the `vk` provider: the common provider options. */
export interface VkOptions extends ProviderOptions<VkProfile> {}

const VK_ID = "https://id.vk.com";

/**
 * VK ID (OAuth 2.1: PKCE is mandatory, and the code exchange needs the `device_id` VK adds to the
 * callback). VK does not say whether the email is verified: emailVerified is false. There is no
 * refresh here: VK's refresh grant needs the device id, which a refresh call does not have.
 */
export const vk = (options: VkOptions) =>
	({
		id: "vk",
		name: "VK",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "vk",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${VK_ID}/authorize`,
				scopes: getScopes(["email", "phone"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI, deviceId }) =>
			validateAuthorizationCode({
				tokenEndpoint: `${VK_ID}/oauth2/auth`,
				options,
				code,
				codeVerifier,
				redirectURI,
				deviceId,
			}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			if (!token.accessToken || !options.clientId) return null;
			// VK takes the token in the form body, not in an Authorization header.
			const body = new URLSearchParams({ client_id: options.clientId, access_token: token.accessToken });
			const answer = await fetchJson<{ user?: VkProfile }>(`${VK_ID}/oauth2/user_info`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: body.toString(),
			});
			const profile = answer?.user;
			if (!profile?.user_id) return null;
			return toUserInfo(options, profile, {
				id: profile.user_id,
				name: [profile.first_name, profile.last_name].filter(Boolean).join(" "),
				email: profile.email ?? null,
				image: profile.avatar ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<VkProfile, VkOptions>;
