/**
 * `magicLinkClient`: types the magic-link endpoints on the client (`signIn.magicLink`,
 * `magicLink.verify`). `/sign-in/*` already refreshes the session; a link is usually followed
 * by the browser itself.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { magicLink } from "../../plugins/magic-link";

export function magicLinkClient() {
	return {
		id: "magic-link",
		$InferServerPlugin: {} as ReturnType<typeof magicLink>,
		// Verifying by hand (`magicLink.verify({ query: { token } })`) signs in too.
		atomListeners: [{ matcher: (path) => path === "/magic-link/verify", signal: "$sessionSignal" }],
	} satisfies BetterAuthClientPlugin;
}
