/**
 * `genericOAuthClient`: types the genericOAuth endpoints on the client (`signIn.oauth2`,
 * `oauth2.link`) and refreshes the session after an ID-token style sign-in.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { genericOAuth } from "../../plugins/generic-oauth";

export function genericOAuthClient() {
	return {
		id: "generic-oauth-client",
		$InferServerPlugin: {} as ReturnType<typeof genericOAuth>,
		pathMethods: { "/sign-in/oauth2": "POST", "/oauth2/link": "POST" },
		atomListeners: [{ matcher: (path) => path === "/sign-in/oauth2", signal: "$sessionSignal" }],
	} satisfies BetterAuthClientPlugin;
}
