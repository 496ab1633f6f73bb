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

/** The session table's own fields: a client never sets them through update-session. */
export const CORE_SESSION_FIELDS: ReadonlySet<string> = new Set([
	"id",
	"token",
	"userId",
	"expiresAt",
	"createdAt",
	"updatedAt",
	"ipAddress",
	"userAgent",
]);

type InputField = { input?: boolean; defaultValue?: unknown };

/**
 * The additional (and plugin) fields of a table that a client sends in `body`, as better-auth 1.7
 * takes them: unknown keys and the table's own `core` fields are ignored, and a field the server
 * owns (`input: false`) refuses the whole request with FIELD_NOT_ALLOWED, unless
 * `ignoreOwned(field, value)` says to drop it silently.
 */
export function clientFields(
	fields: Record<string, InputField>,
	core: ReadonlySet<string>,
	body: Record<string, unknown>,
	ignoreOwned: (field: InputField, value: unknown) => boolean = () => false,
): Record<string, unknown> {
	const picked: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		const field = fields[key];
		if (!field || core.has(key)) continue;
		if (field.input === false) {
			if (ignoreOwned(field, value)) continue;
			throw new APIError("BAD_REQUEST", { message: `${key} is not allowed to be set`, code: "FIELD_NOT_ALLOWED" });
		}
		picked[key] = value;
	}
	return picked;
}
