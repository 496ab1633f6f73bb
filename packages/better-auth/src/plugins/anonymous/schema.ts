import type { AnonymousOptions } from "./types";

/**
 * `user.isAnonymous`: true for users made by `/sign-in/anonymous`, false for everyone else.
 * Not settable through the API (sign-up ignores it, update-user refuses it).
 */
export function anonymousSchema(options: AnonymousOptions) {
	return {
		user: {
			fields: {
				isAnonymous: {
					type: "boolean" as const,
					required: false as const,
					input: false,
					defaultValue: false,
					fieldName: options.schema?.user?.fields?.isAnonymous ?? "isAnonymous",
				},
			},
		},
	};
}
