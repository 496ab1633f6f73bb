import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET /v1/identity/oauth2/userinfo?schema=paypalv1.1`. */
export interface PayPalProfile {
	/** A URL that identifies the user, stable for the app. */
	user_id: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	emails?: { value: string; primary: boolean; confirmed: boolean }[];
	payer_id?: string;
	/** "true" when PayPal verified the account. */
	verified_account?: boolean | "true" | "false";
	address?: Record<string, string>;
	picture?: string;
	[field: string]: unknown;
}

/** Options of the `paypal` provider: the common provider options, and its own. */
export interface PayPalOptions extends ProviderOptions<PayPalProfile> {
	/**
	 * Sandbox or live PayPal.
	 * @default "sandbox"
	 */
	environment?: "sandbox" | "live";
}

/**
 * Log in with PayPal (client credentials in a Basic header). emailVerified is the `confirmed` flag
 * of the email used: the primary one, else the first.
 */
export const paypal = (options: PayPalOptions) => {
	const live = options.environment === "live";
	const api = live ? "https://api-m.paypal.com" : "https://api-m.sandbox.paypal.com";
	const tokenEndpoint = `${api}/v1/oauth2/token`;
	return {
		id: "paypal",
		name: "PayPal",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "paypal",
				options,
				authorizationEndpoint:
					options.authorizationEndpoint ??
					(live ? "https://www.paypal.com/signin/authorize" : "https://www.sandbox.paypal.com/signin/authorize"),
				scopes: getScopes(["openid", "email", "profile"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({
				tokenEndpoint,
				authentication: "basic",
				options,
				code,
				codeVerifier,
				redirectURI,
			}),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint, authentication: "basic", options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<PayPalProfile>(`${api}/v1/identity/oauth2/userinfo?schema=paypalv1.1`, {
				accessToken: token.accessToken,
			});
			if (!profile?.user_id) return null;
			const email = profile.emails?.find((e) => e.primary) ?? profile.emails?.[0];
			const fullName = [profile.given_name, profile.family_name].filter(Boolean).join(" ");
			return toUserInfo(options, profile, {
				id: profile.user_id,
				name: profile.name || fullName,
				email: email?.value ?? null,
				image: profile.picture ?? null,
				emailVerified: email?.confirmed === true,
			});
		}),
		options,
	} satisfies OAuthProvider<PayPalProfile, PayPalOptions>;
};
