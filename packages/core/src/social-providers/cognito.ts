import {
	createAuthorizationURL,
	createTokenRequest,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	postTokenRequest,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** Cognito ID-token claims, or the `/oauth2/userInfo` answer (which sends booleans as strings). */
export interface CognitoProfile {
	sub: string;
	email?: string;
	email_verified?: boolean | "true" | "false";
	name?: string;
	given_name?: string;
	family_name?: string;
	picture?: string;
	phone_number?: string;
	phone_number_verified?: boolean | "true" | "false";
	username?: string;
	"cognito:username"?: string;
	"cognito:groups"?: string[];
	token_use?: "id" | "access";
	aud?: string;
	iss?: string;
	exp?: number;
	[claim: string]: unknown;
}

/** Options of the `cognito` provider: the common provider options, and its own. */
export interface CognitoOptions extends ProviderOptions<CognitoProfile> {
	/** The user pool's hosted UI domain, e.g. `my-app.auth.us-east-1.amazoncognito.com` (or a custom domain). */
	domain: string;
	/** The user pool's AWS region, e.g. `us-east-1`. */
	region: string;
	/** The user pool id, e.g. `us-east-1_AbCdEf123`. */
	userPoolId: string;
}

const isTrue = (value: unknown) => value === true || value === "true";

/**
 * Amazon Cognito user pools (OpenID Connect). emailVerified is the pool's `email_verified`
 * attribute.
 */
export const cognito = (options: CognitoOptions) => {
	const base = `https://${options.domain.replace(/^https?:\/\//, "").replace(/\/$/, "")}`;
	const tokenEndpoint = `${base}/oauth2/token`;
	const issuer = `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
	return {
		id: "cognito",
		name: "Cognito",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "cognito",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${base}/oauth2/authorize`,
				scopes: getScopes(["openid", "profile", "email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint, options, refreshToken }),
		),
		/** Revokes a refresh token and the access tokens issued from it. */
		revokeToken: async (token: string) => {
			await postTokenRequest(`${base}/oauth2/revoke`, createTokenRequest({ tokenEndpoint, options, grant: { token } }));
		},
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const payload = await validateIdToken(token, {
				jwksURL: `${issuer}/.well-known/jwks.json`,
				audience: options.clientId,
				issuer,
				nonce,
			});
			// Access tokens are signed by the same keys; only ID tokens sign a user in.
			return payload !== null && payload.token_use === "id";
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = token.idToken
				? decodeJwtPayload<CognitoProfile>(token.idToken)
				: await fetchJson<CognitoProfile>(`${base}/oauth2/userInfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			const username = profile["cognito:username"] ?? profile.username;
			const fullName = [profile.given_name, profile.family_name].filter(Boolean).join(" ");
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name || fullName || username || "",
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: isTrue(profile.email_verified),
			});
		}),
		options,
	} satisfies OAuthProvider<CognitoProfile, CognitoOptions>;
};
