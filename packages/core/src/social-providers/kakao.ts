import {
	createAuthorizationURL,
	decodeJwtPayload,
	fetchJson,
	type OAuthProvider,
	type ProviderOptions,
	refreshAccessToken,
	validateAuthorizationCode,
	validateIdToken,
} from "../oauth2";
import { getScopes, getUserInfoWith, refreshWith, toUserInfo, verifyIdTokenWith } from "./utils";

/** `GET https://kapi.kakao.com/v2/user/me`. */
export interface KakaoProfile {
	id: number;
	has_signed_up?: boolean;
	connected_at?: string;
	properties?: { nickname?: string; profile_image?: string; thumbnail_image?: string };
	kakao_account?: {
		profile_needs_agreement?: boolean;
		profile?: {
			nickname?: string;
			thumbnail_image_url?: string;
			profile_image_url?: string;
			is_default_image?: boolean;
		};
		name?: string;
		email?: string;
		/** The address still belongs to the user (not taken over by another account). */
		is_email_valid?: boolean;
		is_email_verified?: boolean;
		age_range?: string;
		birthday?: string;
		gender?: "female" | "male";
		phone_number?: string;
	};
}

/** Options of the `kakao` provider: the common provider options. */
export interface KakaoOptions extends ProviderOptions<KakaoProfile> {}

const AUTH = "https://kauth.kakao.com";

/** ID-token sign-in without an access token: the profile the (verified) ID token carries. */
function fromIdToken(idToken: string | undefined): KakaoProfile | null {
	const claims = idToken
		? decodeJwtPayload<{ sub?: string; nickname?: string; picture?: string; email?: string }>(idToken)
		: null;
	if (!claims?.sub) return null;
	return {
		id: Number(claims.sub),
		properties: { nickname: claims.nickname, profile_image: claims.picture },
		kakao_account: { email: claims.email },
	};
}

/**
 * Kakao Login. With the `openid` scope Kakao also issues an ID token, which ID-token sign-in
 * checks against Kakao's JWKS. emailVerified needs both `is_email_valid` and `is_email_verified`.
 */
export const kakao = (options: KakaoOptions) =>
	({
		id: "kakao",
		name: "Kakao",
		createAuthorizationURL: ({ state, scopes, redirectURI }) =>
			createAuthorizationURL({
				id: "kakao",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${AUTH}/oauth/authorize`,
				scopes: getScopes(["account_email", "profile_image", "profile_nickname"], options, scopes),
				// Kakao separates scopes with commas.
				scopeJoiner: ",",
				state,
				redirectURI,
			}),
		validateAuthorizationCode: ({ code, redirectURI }) =>
			validateAuthorizationCode({ tokenEndpoint: `${AUTH}/oauth/token`, options, code, redirectURI }),
		refreshAccessToken: refreshWith(options, (refreshToken) =>
			refreshAccessToken({ tokenEndpoint: `${AUTH}/oauth/token`, options, refreshToken }),
		),
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const payload = await validateIdToken(token, {
				jwksURL: `${AUTH}/.well-known/jwks.json`,
				audience: options.clientId,
				issuer: AUTH,
				nonce,
			});
			return payload !== null;
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			const profile = token.accessToken
				? await fetchJson<KakaoProfile>("https://kapi.kakao.com/v2/user/me", { accessToken: token.accessToken })
				: fromIdToken(token.idToken);
			if (!profile?.id) return null;
			const account = profile.kakao_account ?? {};
			return toUserInfo(options, profile, {
				id: profile.id,
				name: account.name || account.profile?.nickname || profile.properties?.nickname || "",
				email: account.email ?? null,
				image: account.profile?.profile_image_url ?? profile.properties?.profile_image ?? null,
				emailVerified: account.is_email_valid === true && account.is_email_verified === true,
			});
		}),
		options,
	}) satisfies OAuthProvider<KakaoProfile, KakaoOptions>;
