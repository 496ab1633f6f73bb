import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** LINE's ID-token claims (the userinfo endpoint returns `sub`, `name` and `picture` only). */
export interface LineProfile {
	iss?: string;
	sub: string;
	aud?: string;
	exp?: number;
	iat?: number;
	nonce?: string;
	amr?: string[];
	name?: string;
	picture?: string;
	/** Only in the ID token, and only with the `email` scope and LINE's approval. */
	email?: string;
}

/** Options of the `line` provider: the common provider options. */
export interface LineOptions extends ProviderOptions<LineProfile> {}

const ISSUER = "https://access.line.me";
const AUTHORIZATION_ENDPOINT = `${ISSUER}/oauth2/v2.1/authorize`;
const API = "https://api.line.me/oauth2/v2.1";

/**
 * LINE Login v2.1 (OpenID Connect, PKCE). Web-login ID tokens are HS256-signed with the channel
 * secret and app tokens ES256, so ID-token sign-in asks LINE's verify endpoint, which checks
 * signature, audience, expiry and nonce. LINE does not say whether the email is verified:
 * emailVerified is false.
 */
export const line = (options: LineOptions) =>
	({
		id: "line",
		name: "LINE",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) =>
			createAuthorizationURL({
				id: "line",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: getScopes(["openid", "profile", "email"], options, scopes),
				state,
				codeVerifier,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${API}/token`, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${API}/token`, options, refreshToken }),
		),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const body = new URLSearchParams({ id_token: token, client_id: options.clientId });
			if (nonce !== undefined) body.set("nonce", nonce);
			const claims = await fetchJson<LineProfile>(`${API}/verify`, {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: body.toString(),
			});
			// LINE answers 400 for a bad token; the checks below only guard against a confused answer.
			return (
				!!claims?.sub &&
				claims.iss === ISSUER &&
				claims.aud === options.clientId &&
				(nonce === undefined || claims.nonce === nonce)
			);
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = token.idToken
				? decodeJwtPayload<LineProfile>(token.idToken)
				: await fetchJson<LineProfile>(`${API}/userinfo`, { accessToken: token.accessToken });
			if (!profile?.sub) return null;
			return toUserInfo(options, profile, {
				id: profile.sub,
				name: profile.name ?? "",
				email: profile.email ?? null,
				image: profile.picture ?? null,
				emailVerified: false,
			});
		}),
		options,
	}) satisfies OAuthProvider<LineProfile, LineOptions>;
