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

/** Microsoft identity platform v2.0 ID-token claims. */
export interface MicrosoftEntraIDProfile {
	aud?: string;
	iss?: string;
	iat?: number;
	nbf?: number;
	exp?: number;
	/** Pairwise subject: stable per user and application. */
	sub: string;
	/** The user's object id in the tenant. */
	oid?: string;
	/** The tenant that signed the user in. */
	tid?: string;
	name?: string;
	preferred_username?: string;
	email?: string;
	/** Optional claim: the email's domain is verified by the tenant. */
	xms_edov?: boolean;
	email_verified?: boolean;
	given_name?: string;
	family_name?: string;
	nonce?: string;
	ver?: string;
	/** The profile photo as a data URL, when it was fetched. */
	picture?: string;
}

/** Options of the `microsoft` provider: the common provider options, and its own. */
export interface MicrosoftOptions extends ProviderOptions<MicrosoftEntraIDProfile> {
	/**
	 * `common`, `organizations`, `consumers`, or a tenant id or domain.
	 * @default "common"
	 */
	tenantId?: string;
	/**
	 * The cloud's login host, e.g. https://login.microsoftonline.us for US Government.
	 * @default "https://login.microsoftonline.com"
	 */
	authority?: string;
	/**
	 * Side of the square profile photo fetched from Microsoft Graph.
	 * @default 48
	 */
	profilePhotoSize?: 48 | 64 | 96 | 120 | 240 | 360 | 432 | 504 | 648;
	/** Skip the Microsoft Graph photo request (no `User.Read` needed for it). */
	disableProfilePhoto?: boolean;
}

/** The tenant every personal Microsoft account signs in through. */
const CONSUMERS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const GRAPH = "https://graph.microsoft.com/v1.0";

/** Accepts the token's issuer only if it is this cloud's issuer for the token's own tenant, and the tenant fits `tenantId`. */
function issuerMatches(payload: MicrosoftEntraIDProfile, authority: string, tenantId: string): boolean {
	if (!payload.tid || payload.iss !== `${authority}/${payload.tid}/v2.0`) return false;
	if (tenantId === "common") return true;
	if (tenantId === "consumers") return payload.tid === CONSUMERS_TENANT;
	if (tenantId === "organizations") return payload.tid !== CONSUMERS_TENANT;
	// A tenant given by domain name cannot be compared with `tid`; its key set already scopes it.
	return /^[0-9a-f-]{36}$/i.test(tenantId) ? payload.tid.toLowerCase() === tenantId.toLowerCase() : true;
}

async function fetchPhoto(accessToken: string, size: number): Promise<string | undefined> {
	try {
		const response = await fetch(`${GRAPH}/me/photos/${size}x${size}/$value`, {
			headers: { authorization: `Bearer ${accessToken}` },
		});
		if (!response.ok) return undefined;
		const bytes = new Uint8Array(await response.arrayBuffer());
		let binary = "";
		for (const byte of bytes) binary += String.fromCharCode(byte);
		return `data:${response.headers.get("content-type") ?? "image/jpeg"};base64,${btoa(binary)}`;
	} catch {
		return undefined;
	}
}

/**
 * Microsoft Entra ID (work, school and personal accounts). The `email` claim is not verified by
 * Microsoft in general, so emailVerified is true only when the token says so (`email_verified`, or
 * the optional `xms_edov` claim).
 */
export const microsoft = (options: MicrosoftOptions) => {
	const tenantId = options.tenantId ?? "common";
	const authority = (options.authority ?? "https://login.microsoftonline.com").replace(/\/$/, "");
	const tokenEndpoint = `${authority}/${tenantId}/oauth2/v2.0/token`;
	return {
		id: "microsoft",
		name: "Microsoft EntraID",
		createAuthorizationURL: ({ state, scopes, codeVerifier, redirectURI, loginHint }) =>
			createAuthorizationURL({
				id: "microsoft",
				options,
				authorizationEndpoint: options.authorizationEndpoint ?? `${authority}/${tenantId}/oauth2/v2.0/authorize`,
				scopes: getScopes(["openid", "profile", "email", "User.Read", "offline_access"], options, scopes),
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
		verifyIdToken: verifyIdTokenWith(options, async (token, nonce) => {
			if (!options.clientId) return false;
			const payload = await validateIdToken(token, {
				jwksURL: `${authority}/${tenantId}/discovery/v2.0/keys`,
				audience: options.clientId,
				nonce,
			});
			return payload !== null && issuerMatches(payload as MicrosoftEntraIDProfile, authority, tenantId);
		}),
		getUserInfo: getUserInfoWith(options, async (token) => {
			if (!token.idToken) return null;
			const claims = decodeJwtPayload<MicrosoftEntraIDProfile>(token.idToken);
			if (!claims?.sub) return null;
			const picture =
				options.disableProfilePhoto || !token.accessToken
					? undefined
					: await fetchPhoto(token.accessToken, options.profilePhotoSize ?? 48);
			const profile: MicrosoftEntraIDProfile = picture ? { ...claims, picture } : claims;
			return toUserInfo(options, profile, {
				id: claims.sub,
				name: claims.name ?? "",
				email: claims.email ?? claims.preferred_username ?? null,
				image: picture ?? null,
				emailVerified: claims.email_verified === true || claims.xms_edov === true,
			});
		}),
		options,
	} satisfies OAuthProvider<MicrosoftEntraIDProfile, MicrosoftOptions>;
};
