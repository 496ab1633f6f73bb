import { base64url } from "jose";

const encoder = new TextEncoder();

/** PKCE S256: base64url(SHA-256(verifier)). */
export async function generateCodeChallenge(codeVerifier: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", encoder.encode(codeVerifier));
	return base64url.encode(new Uint8Array(digest));
}

/** Normalises a token endpoint's JSON (snake_case, expires_in seconds) into OAuth2Tokens. */
export function getOAuth2Tokens(data: Record<string, unknown>): import("./types").OAuth2Tokens {
	const seconds = (value: unknown) => (typeof value === "number" ? value : Number(value));
	const expiresAt = (value: unknown) =>
		value === undefined || value === null || Number.isNaN(seconds(value))
			? undefined
			: new Date(Date.now() + seconds(value) * 1000);
	const scope = data.scope;
	return {
		tokenType: data.token_type as string | undefined,
		accessToken: data.access_token as string | undefined,
		refreshToken: data.refresh_token as string | undefined,
		accessTokenExpiresAt: expiresAt(data.expires_in),
		refreshTokenExpiresAt: expiresAt(data.refresh_token_expires_in),
		scopes:
			typeof scope === "string"
				? scope.split(/[\s,]+/).filter(Boolean)
				: Array.isArray(scope)
					? (scope as string[])
					: undefined,
		idToken: data.id_token as string | undefined,
		raw: data,
	};
}

/** Decodes a JWT's payload without verifying it (the caller has verified it, or trusts the channel). */
export function decodeJwtPayload<T = Record<string, unknown>>(token: string): T | null {
	const part = token.split(".")[1];
	if (!part) return null;
	try {
		return JSON.parse(new TextDecoder().decode(base64url.decode(part))) as T;
	} catch {
		return null;
	}
}
