import type { UsernameOptions } from "./types";

/**
 * `user.username` (unique, stored normalized) and `user.displayUsername` (as the user wrote it).
 * The transforms normalize every write, whichever endpoint or plugin makes it.
 */
export function usernameSchema(
	options: UsernameOptions,
	normalize: { username: (value: string) => string; displayUsername: (value: string) => string },
) {
	const fields = options.schema?.user?.fields;
	const onString = (apply: (value: string) => string) => (value: unknown) =>
		typeof value === "string" ? apply(value) : value;
	return {
		user: {
			fields: {
				username: {
					type: "string" as const,
					required: false as const,
					unique: true,
					sortable: true,
					returned: true,
					fieldName: fields?.username ?? "username",
					transform: { input: onString(normalize.username) },
				},
				displayUsername: {
					type: "string" as const,
					required: false as const,
					fieldName: fields?.displayUsername ?? "displayUsername",
					transform: { input: onString(normalize.displayUsername) },
				},
			},
		},
	};
}
