/**
 * `jwt`: JSON Web Tokens for services that cannot use the session. `GET /token` returns a token
 * for the signed-in user, `/get-session` answers carry one in `set-auth-jwt`, and `GET /jwks`
 * publishes the public keys to verify them with (jose's `createRemoteJWKSet`). Key pairs live in
 * the `jwks` table, private keys encrypted with the secret; keys may rotate. Server-side:
 * `auth.api.signJWT` and `auth.api.verifyJWT`.
 *
 * @example
 * betterAuth({ plugins: [jwt({ jwt: { expirationTime: "1h" } })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { checkJwtOptions } from "./config";
import { jwtHooks } from "./hooks";
import { getJwks, getToken, signJwtEndpoint, verifyJwtEndpoint } from "./routes";
import { jwtSchema } from "./schema";
import type { JwtOptions } from "./types";

export { createJwk, generateExportedKeyPair, resolveSigningKey } from "./keys";
export { getJwtToken, signJWT, toExpJWT, verifyJWT } from "./sign";
export type { Jwk, JwkAlgorithm, JwtOptions, JwtSession, KeyPairConfig } from "./types";

export function jwt(options: JwtOptions = {}) {
	checkJwtOptions(options);
	return {
		id: "jwt" as const,
		endpoints: {
			getJwks: getJwks(options),
			getToken: getToken(options),
			signJWT: signJwtEndpoint(options),
			verifyJWT: verifyJwtEndpoint(options),
		},
		hooks: { after: options.disableSettingJwtHeader ? [] : jwtHooks(options) },
		schema: jwtSchema(options),
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
