/**
 * `better-auth/plugins/admin/access`: the admin plugin's default statements and roles, to extend
 * when you define your own (`{ ...defaultStatements, project: [...] }`, `...adminAc.statements`).
 */
import { createAccessControl } from "../access";

/** Every action the admin endpoints check, per resource. */
export const defaultStatements = {
	user: [
		"create",
		"list",
		"set-role",
		"ban",
		"impersonate",
		"impersonate-admins",
		"delete",
		"set-password",
		"set-email",
		"set-phone",
		"get",
		"update",
	],
	session: ["list", "revoke", "delete"],
} as const;

/** The access controller over {@link defaultStatements}. */
export const defaultAc = createAccessControl(defaultStatements);

/** The `admin` role: everything except impersonating other admins. */
export const adminAc = defaultAc.newRole({
	user: [
		"create",
		"list",
		"set-role",
		"ban",
		"impersonate",
		"delete",
		"set-password",
		"set-email",
		"set-phone",
		"get",
		"update",
	],
	session: ["list", "revoke", "delete"],
});

/** The `user` role: no admin action at all. */
export const userAc = defaultAc.newRole({ user: [], session: [] });

/** The roles used when the plugin gets no `roles` option. */
export const defaultRoles = { admin: adminAc, user: userAc };
