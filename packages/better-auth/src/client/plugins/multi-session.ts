/**
 * `multiSessionClient`: types `multiSession.listDeviceSessions()`, `multiSession.setActive()` and
 * `multiSession.revoke()`; the session refetches after switching or revoking (revoking the active
 * session makes another one active).
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { multiSession } from "../../plugins/multi-session";
import { MULTI_SESSION_ERROR_CODES } from "../../plugins/multi-session/error-codes";

export function multiSessionClient() {
	return {
		id: "multi-session",
		$InferServerPlugin: {} as ReturnType<typeof multiSession>,
		atomListeners: [
			{
				matcher: (path) => path === "/multi-session/set-active" || path === "/multi-session/revoke",
				signal: "$sessionSignal",
			},
		],
		$ERROR_CODES: MULTI_SESSION_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
