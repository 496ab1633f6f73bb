/**
 * `oneTimeToken`: hand a session to another place (another domain, a native app) with a short,
 * single-use token. `GET /one-time-token/generate` (signed in) returns a token bound to the
 * current session; `POST /one-time-token/verify` exchanges it, once, for that session and sets
 * the session cookie.
 *
 * @example
 * betterAuth({ plugins: [oneTimeToken({ expiresIn: 5, storeToken: "hashed" })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { ONE_TIME_TOKEN_ERROR_CODES } from "./error-codes";
import { oneTimeTokenHooks } from "./hooks";
import { generateOneTimeToken, verifyOneTimeToken } from "./routes";
import type { OneTimeTokenOptions } from "./types";

export { ONE_TIME_TOKEN_ERROR_CODES } from "./error-codes";
export type { OneTimeTokenOptions, OneTimeTokenSession } from "./types";

export function oneTimeToken(options: OneTimeTokenOptions = {}) {
	if (options.expiresIn !== undefined && !(Number.isFinite(options.expiresIn) && options.expiresIn > 0)) {
		throw new BetterAuthError("oneTimeToken: options.expiresIn must be a positive number of minutes.");
	}
	return {
		id: "one-time-token" as const,
		endpoints: {
			generateOneTimeToken: generateOneTimeToken(options),
			verifyOneTimeToken: verifyOneTimeToken(options),
		},
		hooks: { after: options.setOttHeaderOnNewSession ? oneTimeTokenHooks(options) : [] },
		$ERROR_CODES: ONE_TIME_TOKEN_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
