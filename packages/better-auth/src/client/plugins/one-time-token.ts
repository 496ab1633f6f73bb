/**
 * `oneTimeTokenClient`: types `authClient.oneTimeToken.generate()` and
 * `authClient.oneTimeToken.verify({ token })`. A verification signs the browser in (it sets the
 * session cookie), so it refreshes the session atom.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { oneTimeToken } from "../../plugins/one-time-token";

export function oneTimeTokenClient() {
	return {
		id: "one-time-token",
		$InferServerPlugin: {} as ReturnType<typeof oneTimeToken>,
		atomListeners: [{ matcher: (path) => path === "/one-time-token/verify", signal: "$sessionSignal" }],
	} satisfies BetterAuthClientPlugin;
}
