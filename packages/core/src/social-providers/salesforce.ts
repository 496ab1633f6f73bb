import {
	createAuthorizationURL,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo } from "./utils";

/** `GET /services/oauth2/userinfo`. */
export interface SalesforceProfile {
	sub: string;
	user_id: string;
	organization_id: string;
	preferred_username?: string;
	nickname?: string;
	name: string;
	given_name?: string;
	family_name?: string;
	email: string;
	email_verified?: boolean;
	picture?: string;
	photos?: { picture?: string; thumbnail?: string };
	zoneinfo?: string;
	locale?: string;
	user_type?: string;
	active?: boolean;
	[field: string]: unknown;
}

/** Options of the `salesforce` provider: the common provider options, and its own. */
export interface SalesforceOptions extends ProviderOptions<SalesforceProfile> {
	/**
	 * `sandbox` signs in through test.salesforce.com.
	 * @default "production"
	 */
	environment?: "production" | "sandbox";
	/** A My Domain or Experience Cloud host (e.g. `acme.my.salesforce.com`); wins over `environment`. */
	loginUrl?: string;
}

/** Salesforce (PKCE). emailVerified is the `email_verified` claim. */
export const salesforce = (options: SalesforceOptions) => {
	const base = options.loginUrl
		? `https://${options.loginUrl.replace(/^https?:\/\//, "").replace(/\/$/, "")}`
		: options.environment === "sandbox"
			? "https://test.salesforce.com"
			: "https://login.salesforce.com";
	const tokenEndpoint = `${base}/services/oauth2/token`;
	return {
		id: "salesforce",
		name: "Salesforce",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI, loginHint }) =>
			createAuthorizationURL({
				id: "salesforce",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${base}/services/oauth2/authorize`,
				scopes: getScopes(["openid", "email", "profile"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
				loginHint,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint, options, refreshToken }),
		),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = await fetchJson<SalesforceProfile>(`${base}/services/oauth2/userinfo`, {
				accessToken: token.accessToken,
			});
			if (!profile?.user_id) return null;
			return toUserInfo(options, profile, {
				id: profile.user_id,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.photos?.picture ?? profile.picture ?? null,
				emailVerified: profile.email_verified === true,
			});
		}),
		options,
	} satisfies OAuthProvider<SalesforceProfile, SalesforceOptions>;
};
