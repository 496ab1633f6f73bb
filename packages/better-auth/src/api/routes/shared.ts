import type { User } from "@better-auth/core";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";

export function checkPasswordLength(
	password: string,
	config: { minPasswordLength: number; maxPasswordLength: number },
) {
	if (password.length < config.minPasswordLength)
		throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_TOO_SHORT);
	if (password.length > config.maxPasswordLength) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_TOO_LONG);
}

/** A user as clients see it: fields marked `returned: false` are left out. */
export function userOutput(context: FullAuthContext, user: User): User {
	const output: Record<string, unknown> = {};
	const fields = context.tables.user.fields;
	for (const [key, value] of Object.entries(user)) {
		if (fields[key]?.returned === false) continue;
		output[key] = value;
	}
	return output as unknown as User;
}

/** The user table's own fields: a client never sets them through sign-up or update-user. */
export const CORE_USER_FIELDS: ReadonlySet<string> = new Set([
	"id",
	"email",
	"emailVerified",
	"name",
	"image",
	"createdAt",
	"updatedAt",
]);
