/** ID-token checks with jose: signature against the provider's JWKS (fetched once, cached), issuer, audience, nonce, expiry. */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(jwksURL: string) {
	let set = keySets.get(jwksURL);
	if (!set) {
		set = createRemoteJWKSet(new URL(jwksURL), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
		keySets.set(jwksURL, set);
	}
	return set;
}

export interface ValidateIdTokenInput {
	jwksURL: string;
	/** Accepted audiences (the client ids). */
	audience: string | string[];
	/** Accepted issuers. */
	issuer?: string | string[];
	/** When given, the token's `nonce` claim must equal it. */
	nonce?: string;
	algorithms?: string[];
}

/** The verified payload, or null when the token is invalid for any reason. */
export async function validateIdToken(token: string, input: ValidateIdTokenInput): Promise<JWTPayload | null> {
	try {
		const { payload } = await jwtVerify(token, keySet(input.jwksURL), {
			audience: input.audience,
			issuer: input.issuer,
			algorithms: input.algorithms,
			maxTokenAge: "1d",
		});
		if (input.nonce !== undefined && payload.nonce !== input.nonce) return null;
		return payload;
	} catch {
		return null;
	}
}
