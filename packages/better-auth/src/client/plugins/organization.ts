/**
 * `organizationClient`: types the organization endpoints on the client (`organization.create`,
 * `organization.inviteMember`, `organization.setActive`, ...), adds the `listOrganizations`,
 * `activeOrganization`, `activeMember` and `activeMemberRole` atoms (hooks `useListOrganizations`,
 * `useActiveOrganization`, ...), refreshes them after the calls that change them, and adds
 * `organization.checkRolePermission`: a synchronous, local check of what a role grants.
 *
 * Pass the same `ac` and `roles` as to the server plugin when you define your own.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import { atom } from "nanostores";
import type { AccessControl, Role } from "../../plugins/access";
import type { Invitation, Member, Organization, organization, Team } from "../../plugins/organization";
import { defaultRoles } from "../../plugins/organization/access";
import { ORGANIZATION_ERROR_CODES } from "../../plugins/organization/error-codes";
import type { PermissionsOf, RoleNameOf } from "../../plugins/organization/types";
import { createAuthQuery, type QueryFetch } from "../query-atom";

export interface OrganizationClientOptions {
	/** Your access controller (as given to `organization()`). */
	ac?: AccessControl;
	/** Your roles (as given to `organization()`); the default `owner`, `admin` and `member` without it. */
	roles?: Record<string, Role>;
	/** Types the team endpoints (turn teams on on the server too). */
	teams?: { enabled: boolean };
	/** Types the dynamic role endpoints (turn them on on the server too). */
	dynamicAccessControl?: { enabled: boolean };
}

/** The active organization as `get-full-organization` answers it. */
export type ActiveOrganization = Organization & {
	members: (Member & { user: { id: string; name: string; email: string; image?: string | null } })[];
	invitations: Invitation[];
	teams?: Team[];
};

const LIST_CHANGING = new Set([
	"/organization/create",
	"/organization/update",
	"/organization/delete",
	"/organization/leave",
	"/organization/accept-invitation",
]);

export function organizationClient<const O extends OrganizationClientOptions>(options?: O) {
	const roles: Record<string, Role> = options?.roles ?? defaultRoles;
	return {
		id: "organization",
		$InferServerPlugin: {} as ReturnType<
			typeof organization<{
				ac: O["ac"];
				roles: O["roles"];
				teams: O["teams"];
				dynamicAccessControl: O["dynamicAccessControl"];
			}>
		>,
		getActions: () => ({
			organization: {
				/**
				 * Whether a role (or one of several: a list, or "a,b") grants every requested action.
				 * Local only: says nothing about the signed-in member; use `organization.hasPermission` for that.
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
						try {
							return role?.authorize(data.permissions as never).success === true;
						} catch {
							return false;
						}
					});
				},
			},
		}),
		getAtoms: ($fetch) => {
			const query = $fetch as unknown as QueryFetch;
			const $listOrg = atom(false);
			const $activeOrgSignal = atom(false);
			const $activeMemberSignal = atom(false);
			const $activeMemberRoleSignal = atom(false);
			return {
				$listOrg,
				$activeOrgSignal,
				$activeMemberSignal,
				$activeMemberRoleSignal,
				listOrganizations: createAuthQuery<Organization[]>(query, "/organization/list", { signals: [$listOrg] }),
				activeOrganization: createAuthQuery<ActiveOrganization>(query, "/organization/get-full-organization", {
					signals: [$activeOrgSignal],
				}),
				activeMember: createAuthQuery<Member>(query, "/organization/get-active-member", {
					signals: [$activeMemberSignal, $activeOrgSignal],
				}),
				activeMemberRole: createAuthQuery<{ role: string }>(query, "/organization/get-active-member-role", {
					signals: [$activeMemberRoleSignal, $activeOrgSignal],
				}),
			};
		},
		atomListeners: [
			{ matcher: (path) => LIST_CHANGING.has(path), signal: "$listOrg" },
			{ matcher: (path) => path.startsWith("/organization"), signal: "$activeOrgSignal" },
			{ matcher: (path) => path.startsWith("/organization/set-active"), signal: "$sessionSignal" },
			{ matcher: (path) => path === "/organization/update-member-role", signal: "$activeMemberSignal" },
			{ matcher: (path) => path === "/organization/update-member-role", signal: "$activeMemberRoleSignal" },
		],
		$ERROR_CODES: ORGANIZATION_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
