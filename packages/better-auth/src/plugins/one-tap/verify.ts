/** Verifying a Google ID token against Google's published keys. */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";

export const GOOGLE_JWKS_URL = "https://www.googleapis.com/oauth2/v3/certs";
const GOOGLE_ISSUERS = ["https://accounts.google.com", "accounts.google.com"];

/** The claims of a Google ID token this plugin reads. */
export interface GoogleIdTokenClaims extends JWTPayload {
	sub: string;
	email?: string;
	email_verified?: boolean;
	name?: string;
	picture?: string;
}

/** A verifier bound to one key set (jose caches the keys and refetches on an unknown `kid`). */
export function googleIdTokenVerifier(jwksURL: string = GOOGLE_JWKS_URL) {
	let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
	return async (idToken: string, audience: string | string[]): Promise<GoogleIdTokenClaims | null> => {
		keys ??= createRemoteJWKSet(new URL(jwksURL));
		try {
			const { payload } = await jwtVerify(idToken, keys, { issuer: GOOGLE_ISSUERS, audience });
			return typeof payload.sub === "string" && payload.sub ? (payload as GoogleIdTokenClaims) : null;
		} catch {
			return null;
		}
	};
}
