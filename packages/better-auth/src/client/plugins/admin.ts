/**
 * `adminClient`: types the admin endpoints on the client (`admin.listUsers`, `admin.banUser`,
 * `admin.impersonateUser`, ...), refreshes the session after impersonating and stopping, and adds
 * `admin.checkRolePermission`: a synchronous, local check of what a role grants.
 *
 * Pass the same `ac` and `roles` as to the server plugin when you define your own.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { AccessControl, Role } from "../../plugins/access";
import type { admin } from "../../plugins/admin";
import { defaultRoles } from "../../plugins/admin/access";
import { ADMIN_ERROR_CODES } from "../../plugins/admin/error-codes";
import type { PermissionsOf, RoleNameOf } from "../../plugins/admin/types";

export interface AdminClientOptions {
	/** Your access controller (as given to `admin()`). */
	ac?: AccessControl;
	/** Your roles (as given to `admin()`); the default `admin` and `user` roles without it. */
	roles?: Record<string, Role>;
}

export function adminClient<const O extends AdminClientOptions>(options?: O) {
	const roles: Record<string, Role> = options?.roles ?? defaultRoles;
	return {
		id: "admin-client",
		$InferServerPlugin: {} as ReturnType<typeof admin<{ ac: O["ac"]; roles: O["roles"] }>>,
		getActions: () => ({
			admin: {
				/**
				 * Whether a role (or one of several: a list, or "a,b") grants every requested action.
				 * Local only: it says nothing about the signed-in user; use `admin.hasPermission` for that.
				 */
				checkRolePermission: (data: {
					role: RoleNameOf<O> | RoleNameOf<O>[];
					permissions: PermissionsOf<O>;
				}): boolean => {
					const names = (Array.isArray(data.role) ? data.role : String(data.role).split(",")).map((name) =>
						name.trim(),
					);
					return names.some((name) => {
						const role = Object.hasOwn(roles, name) ? roles[name] : undefined;
						return role?.authorize(data.permissions as never).success === true;
					});
				},
			},
		}),
		pathMethods: {
			"/admin/list-users": "GET",
			"/admin/impersonate-user": "POST",
			"/admin/stop-impersonating": "POST",
		},
		atomListeners: [
			{
				matcher: (path) => path === "/admin/impersonate-user" || path === "/admin/stop-impersonating",
				signal: "$sessionSignal",
			},
		],
		$ERROR_CODES: ADMIN_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
