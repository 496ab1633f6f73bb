/**
 * `multiSession`: one browser keeps several signed-in accounts and switches between them. Each
 * session issued to the browser is also kept in its own cookie
 * (`<session cookie>_multi-<token>`, up to `maximumSessions`); the endpoints list those sessions,
 * make one active, or revoke one. Signing out ends all of them.
 *
 * @example
 * betterAuth({ plugins: [multiSession({ maximumSessions: 3 })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { MULTI_SESSION_ERROR_CODES } from "./error-codes";
import { multiSessionHooks } from "./hooks";
import { listDeviceSessions, revokeDeviceSession, setActiveSession } from "./routes";
import type { MultiSessionOptions } from "./types";

export { MULTI_SESSION_ERROR_CODES } from "./error-codes";
export type { MultiSessionOptions } from "./types";

export function multiSession(options: MultiSessionOptions = {}) {
	const maximumSessions = options.maximumSessions ?? 5;
	if (!Number.isInteger(maximumSessions) || maximumSessions < 1) {
		throw new BetterAuthError(
			`multiSession: maximumSessions must be a whole number of at least 1, got ${maximumSessions}`,
		);
	}
	return {
		id: "multi-session" as const,
		endpoints: { listDeviceSessions, setActiveSession, revokeDeviceSession },
		hooks: { after: multiSessionHooks(maximumSessions) },
		$ERROR_CODES: MULTI_SESSION_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
