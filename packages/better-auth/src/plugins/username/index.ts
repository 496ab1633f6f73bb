/**
 * `username`: users get a unique `username` (stored normalized, lowercase by default) and a
 * `displayUsername` (as written). Sign-up and update-user accept both; the plugin adds
 * `POST /sign-in/username` and `POST /is-username-available`.
 *
 * @example
 * betterAuth({ emailAndPassword: { enabled: true }, plugins: [username({ minUsernameLength: 4 })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { USERNAME_ERROR_CODES } from "./error-codes";
import { usernameHooks } from "./hooks";
import { isUsernameAvailable, signInUsername } from "./routes";
import { resolveRules } from "./rules";
import { usernameSchema } from "./schema";
import type { UsernameOptions } from "./types";

export { USERNAME_ERROR_CODES } from "./error-codes";
export type { UsernameOptions, ValidationOrder } from "./types";

export function username(options: UsernameOptions = {}) {
	const rules = resolveRules(options);
	return {
		id: "username" as const,
		endpoints: {
			signInUsername: signInUsername(rules),
			isUsernameAvailable: isUsernameAvailable(rules),
		},
		schema: usernameSchema(options, { username: rules.normalizeUsername, displayUsername: rules.normalizeDisplay }),
		hooks: { before: usernameHooks(rules) },
		$ERROR_CODES: USERNAME_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
