/**
 * `jwtClient`: types `authClient.token()` (a JWT for the signed-in user, from `GET /token`) and
 * adds `authClient.jwks()`, which fetches the public keys from the JWKS endpoint, wherever
 * `jwks.jwksPath` put it.
 */
import type { BetterAuthClientPlugin, ClientFetchOptions } from "@better-auth/core";
import type { JWK } from "jose";
import type { jwt } from "../../plugins/jwt";

export interface JwtClientOptions {
	jwks?: {
		/**
		 * The server's `jwks.jwksPath`.
		 * @default "/jwks"
		 */
		jwksPath?: string;
	};
}

export function jwtClient(options: JwtClientOptions = {}) {
	const jwksPath = options.jwks?.jwksPath ?? "/jwks";
	return {
		id: "jwt",
		$InferServerPlugin: {} as ReturnType<typeof jwt>,
		pathMethods: { [jwksPath]: "GET" as const },
		getActions: ($fetch) => ({
			/** The JWKS: `{ keys }`, to verify tokens with (e.g. jose's `createLocalJWKSet`). */
			jwks: (fetchOptions?: ClientFetchOptions) =>
				$fetch<{ keys: JWK[] }>(jwksPath, { method: "GET", ...fetchOptions }),
		}),
	} satisfies BetterAuthClientPlugin;
}
