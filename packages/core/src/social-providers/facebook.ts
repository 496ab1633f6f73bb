import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	validateAuthorizationCode,
	validateIdToken,
} from "../oauth2";
import { getScopes, getUserInfoWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** `GET /me?fields=id,name,email,picture` on the Graph API. */
export interface FacebookProfile {
	id: string;
	name: string;
	email?: string;
	picture?: { data: { url: string; height: number; width: number; is_silhouette: boolean } };
	[field: string]: unknown;
}

/** The claims of a Limited Login (iOS) ID token. */
interface LimitedLoginClaims {
	sub: string;
	name?: string;
	email?: string;
	picture?: string;
}

/** Options of the `facebook` provider: the common provider options, and its own. */
export interface FacebookOptions extends ProviderOptions<FacebookProfile> {
	/** More profile fields to request, added to id, name, email and picture. */
	fields?: string[];
	/** Facebook Login for Business: the configuration id (a "User access token" configuration). */
	configId?: string;
}

const GRAPH_VERSION = "v24.0";
const AUTHORIZATION_ENDPOINT = `https://www.facebook.com/${GRAPH_VERSION}/dialog/oauth`;
const GRAPH = "https://graph.facebook.com";
const TOKEN_ENDPOINT = `${GRAPH}/${GRAPH_VERSION}/oauth/access_token`;
const LIMITED_LOGIN_JWKS = "https://limited.facebook.com/.well-known/oauth/openid/jwks/";
const LIMITED_LOGIN_ISSUERS = ["https://www.facebook.com", "https://limited.facebook.com"];

/**
 * Facebook Login. ID-token sign-in accepts a Limited Login JWT (checked against Facebook's JWKS) or
 * a classic access token (checked with `debug_token`: valid and issued to this app). The Graph API
 * returns only confirmed emails but does not document a guarantee, so emailVerified is false.
 * Facebook has no refresh tokens.
 */
export const facebook = (options: FacebookOptions) =>
	({
		id: "facebook",
		name: "Facebook",
		createAuthorizationURL: ({ state, scopes, redirectURI, loginHint, display }) =>
			createAuthorizationURL({
				id: "facebook",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["email", "public_profile"], options, scopes),
				state,
				redirectURI,
				loginHint,
				display,
				additionalParams: { config_id: options.configId },
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, redirectURI }),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			if (token.split(".").length === 3) {
				const payload = await validateIdToken(token, {
					jwksURL: LIMITED_LOGIN_JWKS,
					audience: options.clientId,
					issuer: LIMITED_LOGIN_ISSUERS,
					nonce,
				});
				return payload !== null;
			}
			const url = new URL(`${GRAPH}/debug_token`);
			url.searchParams.set("input_token", token);
			url.searchParams.set("access_token", `${options.clientId}|${options.clientSecret ?? ""}`);
			const debug = await fetchJson<{ data?: { is_valid?: boolean; app_id?: string } }>(url.toString());
			return debug?.data?.is_valid === true && debug.data.app_id === options.clientId;
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			if (token.idToken && token.idToken.split(".").length === 3) {
				const claims = decodeJwtPayload<LimitedLoginClaims>(token.idToken);
				if (!claims?.sub) return null;
				const profile: FacebookProfile = {
					id: claims.sub,
					name: claims.name ?? "",
					email: claims.email,
					picture: claims.picture
						? { data: { url: claims.picture, height: 100, width: 100, is_silhouette: false } }
						: undefined,
				};
				return toUserInfo(options, profile, {
					id: claims.sub,
					name: profile.name,
					email: claims.email ?? null,
					image: claims.picture ?? null,
					emailVerified: false,
				});
			}
			const fields = [...new Set(["id", "name", "email", "picture", ...(options.fields ?? [])])];
			const url = new URL(`${GRAPH}/me`);
			url.searchParams.set("fields", fields.join(","));
			const profile = await fetchJson<FacebookProfile>(url.toString(), { accessToken: token.accessToken });
			if (!profile?.id) return null;
			return toUserInfo(options, profile, {
				id: profile.id,
				name: profile.name,
				email: profile.email ?? null,
				image: profile.picture?.data.url ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<FacebookProfile, FacebookOptions>;
