/**
 * The plugin's options resolved once: length limits, validators and normalizers, and the checks
 * every entry point (sign-up, update-user, sign-in, availability) shares.
 */
import type { User } from "@better-auth/core";
import type { ErrorCode } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import { USERNAME_ERROR_CODES } from "./error-codes";
import type { UsernameOptions } from "./types";

const DEFAULT_USERNAME = /^[a-zA-Z0-9_.]+$/;
const keep = (value: string) => value;

export type UsernameRules = ReturnType<typeof resolveRules>;

export function resolveRules(options: UsernameOptions) {
	const min = options.minUsernameLength ?? 3;
	const max = options.maxUsernameLength ?? 30;
	const validUsername = options.usernameValidator ?? ((username: string) => DEFAULT_USERNAME.test(username));
	const normalizeUsername =
		options.usernameNormalization === false
			? keep
			: (options.usernameNormalization ?? ((username: string) => username.toLowerCase()));
	const normalizeDisplay = options.displayUsernameNormalization || keep;
	const usernamePost = options.validationOrder?.username === "post-normalization";
	const displayPost = options.validationOrder?.displayUsername === "post-normalization";

	return {
		normalizeUsername,
		normalizeDisplay,

		/** The first rule a username breaks, or null. */
		async usernameError(username: string): Promise<ErrorCode | null> {
			const value = usernamePost ? normalizeUsername(username) : username;
			if (value.length < min) return USERNAME_ERROR_CODES.USERNAME_TOO_SHORT;
			if (value.length > max) return USERNAME_ERROR_CODES.USERNAME_TOO_LONG;
			if (!(await validUsername(value))) return USERNAME_ERROR_CODES.INVALID_USERNAME;
			return null;
		},

		/** Whether a display username passes `displayUsernameValidator` (always, without one). */
		async displayUsernameValid(displayUsername: string): Promise<boolean> {
			if (!options.displayUsernameValidator) return true;
			return options.displayUsernameValidator(displayPost ? normalizeDisplay(displayUsername) : displayUsername);
		},

		/** The user holding a username (compared in normalized form), or null. */
		findByUsername(context: FullAuthContext, username: string): Promise<User | null> {
			return context.adapter.findOne<User>({
				model: "user",
				where: [{ field: "username", value: normalizeUsername(username) }],
			});
		},
	};
}
