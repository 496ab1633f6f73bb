/**
 * `usernameClient`: types the username endpoints on the client (`signIn.username`,
 * `isUsernameAvailable`) and the `username` / `displayUsername` fields on users, sign-up and
 * update-user. `/sign-in/*` already refreshes the session, so no listener is needed.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { username } from "../../plugins/username";

export function usernameClient() {
	return {
		id: "username",
		$InferServerPlugin: {} as ReturnType<typeof username>,
		pathMethods: { "/sign-in/username": "POST", "/is-username-available": "POST" },
	} satisfies BetterAuthClientPlugin;
}
