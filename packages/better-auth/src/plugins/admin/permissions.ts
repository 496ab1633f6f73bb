/**
 * The plugin's options resolved once, and the permission checks every endpoint shares: a user's
 * roles (comma-joined in `user.role`), what they grant, who counts as an admin.
 */
import { APIError, BetterAuthError, type ErrorCode } from "@better-auth/core/error";
import type { Role } from "../access";
import { defaultRoles } from "./access";
import { ADMIN_ERROR_CODES } from "./error-codes";
import type { AdminOptions } from "./types";

/** What a permission check asks for: resource → actions. */
export type Permissions = Record<string, string[]>;

export type AdminConfig = ReturnType<typeof resolveConfig>;

const DEFAULT_BANNED_MESSAGE =
	"You have been banned from this application. Please contact support if you believe this is an error.";

/** Resolves the options; throws at start-up when `adminRoles` names a role `roles` lacks. */
export function resolveConfig(options: AdminOptions) {
	const roles: Record<string, Role> = options.roles ?? defaultRoles;
	const adminRoles = [options.adminRoles ?? ["admin"]].flat();
	if (options.adminRoles !== undefined) {
		const missing = adminRoles.filter((name) => !Object.hasOwn(roles, name));
		if (missing.length > 0) {
			throw new BetterAuthError(
				`Invalid admin roles: ${missing.join(", ")}. Admin roles must be defined in the 'roles' configuration.`,
			);
		}
	}
	return {
		roles,
		adminRoles,
		/** Only roles you declared are checked: with the defaults any name may be stored. */
		checkRoleNames: options.roles !== undefined,
		defaultRole: options.defaultRole ?? "user",
		adminUserIds: options.adminUserIds ?? [],
		impersonationSessionDuration: options.impersonationSessionDuration ?? 60 * 60,
		defaultBanReason: options.defaultBanReason ?? "No reason",
		defaultBanExpiresIn: options.defaultBanExpiresIn,
		bannedUserMessage: options.bannedUserMessage ?? DEFAULT_BANNED_MESSAGE,
	};
}

/** The role names of a `user.role` value ("admin,sale" → ["admin", "sale"]); none set → the default role. */
export function roleNames(config: AdminConfig, role: string | null | undefined): string[] {
	return (role ?? config.defaultRole)
		.split(",")
		.map((name) => name.trim())
		.filter(Boolean);
}

/**
 * Whether a user (or a bare role) is granted every requested action: users in `adminUserIds`
 * always are; otherwise one of their roles must grant the whole request on its own.
 */
export function hasPermission(
	config: AdminConfig,
	subject: { userId?: string; role?: string | null },
	permissions: Permissions,
): boolean {
	if (subject.userId && config.adminUserIds.includes(subject.userId)) return true;
	return roleNames(config, subject.role).some((name) => {
		const role = Object.hasOwn(config.roles, name) ? config.roles[name] : undefined;
		return role?.authorize(permissions as never).success === true;
	});
}

/** Throws 403 with `error` unless the user is granted the permissions. */
export function requirePermission(
	config: AdminConfig,
	user: { id: string; role?: unknown },
	permissions: Permissions,
	error: ErrorCode,
) {
	const role = typeof user.role === "string" ? user.role : null;
	if (!hasPermission(config, { userId: user.id, role }, permissions)) throw new APIError("FORBIDDEN", error);
}

/** Whether a user holds one of the `adminRoles`. */
export function isAdmin(config: AdminConfig, user: object): boolean {
	const stored = (user as { role?: unknown }).role;
	const role = typeof stored === "string" ? stored : null;
	return roleNames(config, role).some((name) => config.adminRoles.includes(name));
}

/**
 * A role value as stored: a string as is, a list comma-joined. Anything else is 400
 * `INVALID_ROLE_TYPE`; names outside your `roles` are 400 `YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE`.
 */
export function roleValue(config: AdminConfig, value: unknown): string {
	const names =
		typeof value === "string"
			? [value]
			: Array.isArray(value) && value.every((name) => typeof name === "string")
				? (value as string[])
				: null;
	if (!names) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.INVALID_ROLE_TYPE);
	if (config.checkRoleNames) {
		const unknown = names.flatMap((name) => name.split(",")).some((name) => !Object.hasOwn(config.roles, name.trim()));
		if (unknown) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE);
	}
	return names.join(",");
}
