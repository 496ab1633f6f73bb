/**
 * `anonymousClient`: types `signIn.anonymous()` and `deleteAnonymousUser()` (both body-less POSTs)
 * and `user.isAnonymous`; the session refetches after either.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { anonymous } from "../../plugins/anonymous";
import { ANONYMOUS_ERROR_CODES } from "../../plugins/anonymous/error-codes";

export function anonymousClient() {
	return {
		id: "anonymous",
		$InferServerPlugin: {} as ReturnType<typeof anonymous>,
		pathMethods: { "/sign-in/anonymous": "POST", "/delete-anonymous-user": "POST" },
		atomListeners: [
			{
				matcher: (path) => path === "/sign-in/anonymous" || path === "/delete-anonymous-user",
				signal: "$sessionSignal",
			},
		],
		$ERROR_CODES: ANONYMOUS_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
