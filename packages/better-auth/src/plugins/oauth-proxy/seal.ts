/**
 * What travels between the deployments, encrypted with the shared secret (Better Auth's symmetric
 * format) and tagged with its purpose, so a sealed state cannot be passed off as a profile.
 */
import type { OAuth2Tokens, OAuth2UserInfo } from "@better-auth/core/oauth2";
import type { FullAuthContext } from "../../context/full-context";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric";

/** The preview's OAuth state, sealed into the provider's `state` parameter for production. */
export interface SealedState {
	purpose: "oauth-proxy-state";
	providerId: string;
	oauthState: string;
	codeVerifier: string;
	/** The preview's completion URL (absolute). */
	callbackURL: string;
	errorURL: string;
	expiresAt: number;
}

/** Who the provider says the user is, sealed by production for the preview's completion endpoint. */
export interface SealedProfile {
	purpose: "oauth-proxy-profile";
	providerId: string;
	oauthState: string;
	userInfo: OAuth2UserInfo & { email: string };
	tokens: Omit<OAuth2Tokens, "accessTokenExpiresAt" | "refreshTokenExpiresAt"> & {
		accessTokenExpiresAt?: string;
		refreshTokenExpiresAt?: string;
	};
	expiresAt: number;
}

type Sealed = SealedState | SealedProfile;

export function seal(context: FullAuthContext, value: Sealed): Promise<string> {
	return symmetricEncrypt({ key: context.secret, data: JSON.stringify(value) });
}

/** Whether `data` has the shape of a sealed value (hex, nonce and tag included). */
export function looksSealed(data: string): boolean {
	return data.length >= 82 && /^[0-9a-f]+$/i.test(data);
}

/** The sealed value, when `data` is one of ours for `purpose` and unexpired; else null. */
export async function unseal<P extends Sealed["purpose"]>(
	context: FullAuthContext,
	data: string,
	purpose: P,
): Promise<Extract<Sealed, { purpose: P }> | null> {
	if (!looksSealed(data)) return null;
	try {
		const value = JSON.parse(await symmetricDecrypt({ key: context.secret, data })) as Sealed;
		if (value?.purpose !== purpose || typeof value.expiresAt !== "number" || value.expiresAt < Date.now()) return null;
		return value as Extract<Sealed, { purpose: P }>;
	} catch {
		return null;
	}
}
