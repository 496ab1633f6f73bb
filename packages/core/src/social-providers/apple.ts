import {
	createAuthorizationURL,
	decodeJwtPayload,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** Apple's ID-token claims. Apple has no profile endpoint; the name arrives once, in the form post. */
export interface AppleProfile {
	iss?: string;
	aud?: string;
	exp?: number;
	iat?: number;
	/** The user's stable id for this team. */
	sub: string;
	email?: string;
	/** Apple sends a boolean or the string "true". */
	email_verified?: boolean | "true" | "false";
	/** The email is an Apple private relay address. */
	is_private_email?: boolean | "true" | "false";
	/** 0 unsupported, 1 unknown, 2 likely real. */
	real_user_status?: number;
	nonce?: string;
	nonce_supported?: boolean;
	/** Filled from the first sign-in's `user` form field, not from the token. */
	name?: string;
	user?: { name?: { firstName?: string; lastName?: string }; email?: string };
}

/** Options of the `apple` provider: the common provider options, and its own. */
export interface AppleOptions extends ProviderOptions<AppleProfile> {
	/**
	 * The client secret is a JWT you sign with your Sign in with Apple key (ES256, `iss` your team
	 * id, `sub` your service id, `aud` https://appleid.apple.com).
	 */
	clientSecret: string;
	/** Native iOS ID tokens are issued to the app's bundle id; accept it as an audience too. */
	appBundleIdentifier?: string;
	/** Replaces the accepted ID-token audiences (default: clientId and appBundleIdentifier). */
	audience?: string | string[];
}

const ISSUER = "https://appleid.apple.com";
const AUTHORIZATION_ENDPOINT = `${ISSUER}/auth/authorize`;
const TOKEN_ENDPOINT = `${ISSUER}/auth/token`;
const JWKS = `${ISSUER}/auth/keys`;

const isTrue = (value: unknown) => value === true || value === "true";

/**
 * Sign in with Apple. emailVerified is the ID token's `email_verified` claim. The user's name is
 * only sent on the first authorization, as the form-posted `user` JSON; later sign-ins get an
 * empty name.
 */
export const apple = (options: AppleOptions) =>
	({
		id: "apple",
		name: "Apple",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI }) => {
			const list = getScopes(["email", "name"], options, scopes);
			return createAuthorizationURL({
				id: "apple",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? AUTHORIZATION_ENDPOINT,
				scopes: list,
				state,
				codeVerifier,
				redirectURI,
				// Apple rejects query mode whenever a scope is requested.
				responseMode: list.length > 0 ? "form_post" : options.responseMode,
			});
		},
		validateAuthorizationCode: ({ code, codeVerifier, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: TOKEN_ENDPOINT, options, code, codeVerifier, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: TOKEN_ENDPOINT, options, refreshToken }),
		),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			const audience =
				options.audience ?? [options.clientId, options.appBundleIdentifier].filter((v): v is string => !!v);
			if (audience.length === 0) return false;
			const payload = await validateIdToken(token, { jwksURL: JWKS, audience, issuer: ISSUER, nonce });
			return payload !== null;
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			if (!token.idToken) return null;
			const claims = decodeJwtPayload<AppleProfile>(token.idToken);
			if (!claims?.sub) return null;
			const first = token.user?.name?.firstName ?? "";
			const last = token.user?.name?.lastName ?? "";
			const name = `${first} ${last}`.trim();
			const profile: AppleProfile = { ...claims, name, user: token.user };
			return toUserInfo(options, profile, {
				id: claims.sub,
				name,
				// Only the signed token's email counts; the form-posted `user` passes through the browser.
				email: claims.email ?? null,
				image: null,
				emailVerified: isTrue(claims.email_verified),
			});
		}),
		options,
	}) satisfies OAuthProvider<AppleProfile, AppleOptions>;
