/**
 * `oneTap`: Google One Tap. The browser gets an ID token from Google Identity Services and posts
 * it to `POST /one-tap/callback`; the server checks it against Google's keys (issuer, audience =
 * your Google client id, expiry), then signs the Google account's user in, linking or creating it
 * under the usual account-linking rules.
 *
 * @example
 * betterAuth({ socialProviders: { google: { clientId, clientSecret } }, plugins: [oneTap()] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { ONE_TAP_ERROR_CODES } from "./error-codes";
import { oneTapCallback } from "./routes";
import type { OneTapOptions } from "./types";

export { ONE_TAP_ERROR_CODES } from "./error-codes";
export type { OneTapOptions } from "./types";

export function oneTap(options: OneTapOptions = {}) {
	return {
		id: "one-tap" as const,
		endpoints: { oneTapCallback: oneTapCallback(options) },
		$ERROR_CODES: ONE_TAP_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
