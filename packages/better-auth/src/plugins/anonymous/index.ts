/**
 * `anonymous`: `POST /sign-in/anonymous` makes a user with no personal data (a placeholder email,
 * `isAnonymous: true`) and signs them in. When they later sign in or up another way, the plugin
 * calls `onLinkAccount` (move their data there) and deletes the anonymous user.
 * `POST /delete-anonymous-user` lets an anonymous user delete themselves.
 *
 * @example
 * betterAuth({ plugins: [anonymous({ onLinkAccount: async ({ anonymousUser, newUser }) => moveCart(anonymousUser.user.id, newUser.user.id) })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { ANONYMOUS_ERROR_CODES } from "./error-codes";
import { linkHook } from "./link";
import { deleteAnonymousUser, signInAnonymous } from "./routes";
import { anonymousSchema } from "./schema";
import type { AnonymousOptions } from "./types";

export { ANONYMOUS_ERROR_CODES } from "./error-codes";
export type { AnonymousEndpointContext, AnonymousOptions, AnonymousSession, AnonymousUser } from "./types";

export function anonymous(options: AnonymousOptions = {}) {
	return {
		id: "anonymous" as const,
		endpoints: {
			signInAnonymous: signInAnonymous(options),
			deleteAnonymousUser: deleteAnonymousUser(options),
		},
		schema: anonymousSchema(options),
		hooks: { after: [linkHook(options)] },
		$ERROR_CODES: ANONYMOUS_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
