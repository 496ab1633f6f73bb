/**
 * `admin`: user management for admins — create, list, update, ban and remove users, set roles and
 * passwords, list and revoke their sessions, impersonate them — with role-based permissions
 * (`better-auth/plugins/access`). Adds `role`, `banned`, `banReason`, `banExpires` to users and
 * `impersonatedBy` to sessions; banned users cannot sign in.
 *
 * @example
 * betterAuth({ plugins: [admin({ adminUserIds: ["user_1"], impersonationSessionDuration: 60 * 30 })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { ADMIN_ERROR_CODES } from "./error-codes";
import { guardSessions, hideImpersonationSessions } from "./hooks";
import { resolveConfig } from "./permissions";
import { banUser, unbanUser } from "./routes/bans";
import { impersonateUser, stopImpersonating } from "./routes/impersonation";
import { listUsers } from "./routes/list-users";
import { setRole, userHasPermission } from "./routes/roles";
import { listUserSessions, revokeUserSession, revokeUserSessions } from "./routes/sessions";
import { adminUpdateUser, createUser, getUser, removeUser, setUserPassword } from "./routes/users";
import { adminSchema } from "./schema";
import type { AdminOptions } from "./types";

export { adminAc, defaultAc, defaultRoles, defaultStatements, userAc } from "./access";
export { ADMIN_ERROR_CODES } from "./error-codes";
export type { AdminOptions, PermissionsOf, RoleNameOf, StatementsOf } from "./types";

export function admin<const O extends AdminOptions>(options: O = {} as O) {
	const config = resolveConfig(options);
	return {
		id: "admin" as const,
		init: guardSessions(config),
		endpoints: {
			setRole: setRole(config),
			getUser: getUser(config),
			createUser: createUser(config),
			adminUpdateUser: adminUpdateUser(config),
			listUsers: listUsers(config),
			listUserSessions: listUserSessions(config),
			unbanUser: unbanUser(config),
			banUser: banUser(config),
			impersonateUser: impersonateUser(config),
			stopImpersonating: stopImpersonating(),
			revokeUserSession: revokeUserSession(config),
			revokeUserSessions: revokeUserSessions(config),
			removeUser: removeUser(config),
			setUserPassword: setUserPassword(config),
			userHasPermission: userHasPermission<O>(config),
		},
		hooks: { after: [hideImpersonationSessions] },
		schema: adminSchema(options),
		$ERROR_CODES: ADMIN_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
