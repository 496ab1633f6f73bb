import type { AccessControl, Role } from "../access";
import type { defaultRoles, defaultStatements } from "./access";

/** The admin plugin's options. */
export interface AdminOptions {
	/**
	 * The role new users get (sign-up, OAuth, `create-user` without a role).
	 * @default "user"
	 */
	defaultRole?: string;
	/**
	 * The roles that make a user an admin: users holding one can only be impersonated by someone
	 * with the `user: ["impersonate-admins"]` permission. When set, each must be one of `roles`.
	 * @default ["admin"]
	 */
	adminRoles?: string | string[];
	/**
	 * Users allowed every admin action whatever their role.
	 * @default []
	 */
	adminUserIds?: string[];
	/**
	 * How long an impersonation session lasts, in seconds.
	 * @default 3600 (one hour)
	 */
	impersonationSessionDuration?: number;
	/**
	 * The ban reason stored when `ban-user` gets none.
	 * @default "No reason"
	 */
	defaultBanReason?: string;
	/**
	 * How long a ban lasts when `ban-user` gets no `banExpiresIn`, in seconds.
	 * @default undefined (the ban never expires)
	 */
	defaultBanExpiresIn?: number;
	/**
	 * The message of the `BANNED_USER` error a banned user gets when signing in.
	 * @default "You have been banned from this application. Please contact support if you believe this is an error."
	 */
	bannedUserMessage?: string;
	/**
	 * Your access controller, when your roles use statements of their own.
	 * @default the controller of `defaultStatements` (`user` and `session` actions)
	 */
	ac?: AccessControl;
	/**
	 * Role name → role. Replaces the default roles entirely (spread `defaultRoles` to keep them).
	 * When set, `create-user`, `set-role` and `update-user` refuse role names not in it.
	 * @default { admin: adminAc, user: userAc }
	 */
	roles?: Record<string, Role>;
	/** Column names, when yours differ. */
	schema?: {
		user?: { fields?: { role?: string; banned?: string; banReason?: string; banExpires?: string } };
		session?: { fields?: { impersonatedBy?: string } };
	};
}

/** The statements of the options' access controller (the default ones without `ac`). */
export type StatementsOf<O> = O extends { ac: AccessControl<infer S> } ? S : typeof defaultStatements;

/** A permission request over the options' statements: `{ project: ["create"] }`. */
export type PermissionsOf<O> = {
	[R in keyof StatementsOf<O>]?: StatementsOf<O>[R] extends readonly (infer A)[] ? A[] : never;
};

/** The role names of the options (`admin` and `user` without `roles`). */
export type RoleNameOf<O> = O extends { roles: infer R } ? keyof R & string : keyof typeof defaultRoles;
