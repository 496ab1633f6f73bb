/**
 * The plugin's options resolved once, and the permission check every endpoint shares: a member's
 * roles (comma-joined in `member.role`) and what they grant, static roles first, then the
 * organization's dynamic roles when dynamic access control is on.
 */
import type { User } from "@better-auth/core";
import { type Role, role as roleOf } from "../access";
import { defaultRoles } from "./access";
import type { OrganizationOptions } from "./types";

export type OrganizationConfig = ReturnType<typeof resolveConfig>;

/** What a permission check asks for: resource → actions. */
export type Permissions = Record<string, string[]>;

export function resolveConfig(options: OrganizationOptions) {
	return {
		options,
		roles: (options.roles ?? defaultRoles) as Record<string, Role>,
		creatorRole: options.creatorRole ?? "owner",
		invitationExpiresIn: options.invitationExpiresIn ?? 60 * 60 * 48,
		teams: options.teams?.enabled === true,
		dynamicAccessControl: options.dynamicAccessControl?.enabled === true,
		hooks: options.organizationHooks ?? {},
	};
}

/** The role names of a `member.role` value ("admin,sale" → ["admin", "sale"]). */
export function roleNames(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? "").split(",");
	return list.map((name) => name.trim()).filter(Boolean);
}

/** Resolves a numeric-or-function limit. */
export async function limitOf<A extends unknown[]>(
	value: number | ((...args: A) => number | Promise<number>) | undefined,
	fallback: number,
	...args: A
): Promise<number> {
	if (typeof value === "function") return await value(...args);
	return value ?? fallback;
}

/** Whether a user may create an organization at all. */
export async function mayCreateOrganization(config: OrganizationConfig, user: User): Promise<boolean> {
	const { allowUserToCreateOrganization, organizationCreation } = config.options;
	if (organizationCreation?.disabled) return false;
	if (typeof allowUserToCreateOrganization === "function") return await allowUserToCreateOrganization(user);
	return allowUserToCreateOrganization ?? true;
}

/**
 * Whether one of `roles` grants every requested action on its own. `dynamicRoles` are the
 * organization's stored roles (dynamic access control), looked up only when a name is not static.
 */
export function grants(
	config: OrganizationConfig,
	roles: string[],
	permissions: Permissions,
	dynamicRoles: Record<string, Permissions> = {},
): boolean {
	return roles.some((name) => {
		const found = Object.hasOwn(config.roles, name)
			? config.roles[name]
			: Object.hasOwn(dynamicRoles, name)
				? roleOf(dynamicRoles[name])
				: undefined;
		if (!found) return false;
		try {
			return found.authorize(permissions as never).success === true;
		} catch {
			return false;
		}
	});
}
