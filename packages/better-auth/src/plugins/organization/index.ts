/**
 * `organization`: organizations with members, roles and invitations — create, update, delete,
 * switch the active one, invite by email, accept/reject/cancel, change roles, leave — with
 * role-based permissions (`better-auth/plugins/access`), optional teams and optional
 * per-organization roles created at runtime (dynamic access control).
 *
 * @example
 * betterAuth({ plugins: [organization({ sendInvitationEmail: async ({ email, id }) => mail(email, id) })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { resolveConfig } from "./config";
import { ORGANIZATION_ERROR_CODES } from "./error-codes";
import { hasPermission } from "./routes/access";
import {
	acceptInvitation,
	cancelInvitation,
	createInvitation,
	getInvitation,
	listOrganizationInvitations,
	listUserInvitations,
	rejectInvitation,
} from "./routes/invitations";
import {
	addMember,
	getActiveMember,
	getActiveMemberRole,
	leaveOrganization,
	listMembers,
	removeMember,
	updateMemberRole,
} from "./routes/members";
import {
	checkOrganizationSlug,
	createOrganization,
	deleteOrganization,
	getFullOrganization,
	getOrganization,
	listOrganizations,
	setActiveOrganization,
	updateOrganization,
} from "./routes/organization";
import { createOrgRole, deleteOrgRole, getOrgRole, listOrgRoles, updateOrgRole } from "./routes/roles";
import {
	addTeamMember,
	createTeam,
	listOrganizationTeams,
	listTeamMembers,
	listUserTeams,
	removeTeam,
	removeTeamMember,
	setActiveTeam,
	updateTeam,
} from "./routes/teams";
import { organizationSchema } from "./schema";
import type { Invitation, Member, Organization, OrganizationOptions, Team, TeamMember } from "./types";

export { adminAc, defaultAc, defaultRoles, defaultStatements, memberAc, ownerAc } from "./access";
export { ORGANIZATION_ERROR_CODES } from "./error-codes";
export type {
	Invitation,
	InvitationEmailData,
	Member,
	Organization,
	OrganizationHooks,
	OrganizationOptions,
	PermissionsOf,
	RoleNameOf,
	StatementsOf,
	Team,
	TeamMember,
} from "./types";

export function organization<const O extends OrganizationOptions>(options: O = {} as O) {
	const config = resolveConfig(options);
	const endpoints = {
		createOrganization: createOrganization(config),
		updateOrganization: updateOrganization(config),
		deleteOrganization: deleteOrganization(config),
		setActiveOrganization: setActiveOrganization(),
		getOrganization: getOrganization(),
		getFullOrganization: getFullOrganization(config),
		listOrganizations: listOrganizations(),
		createInvitation: createInvitation(config),
		cancelInvitation: cancelInvitation(config),
		acceptInvitation: acceptInvitation(config),
		getInvitation: getInvitation(),
		rejectInvitation: rejectInvitation(config),
		listInvitations: listOrganizationInvitations(),
		getActiveMember: getActiveMember(),
		checkOrganizationSlug: checkOrganizationSlug(),
		addMember: addMember(config),
		removeMember: removeMember(config),
		updateMemberRole: updateMemberRole(config),
		leaveOrganization: leaveOrganization(config),
		listUserInvitations: listUserInvitations(),
		listMembers: listMembers(config),
		getActiveMemberRole: getActiveMemberRole(),
		hasPermission: hasPermission<O>(config),
	};
	const teamEndpoints = {
		createTeam: createTeam(config),
		listOrganizationTeams: listOrganizationTeams(),
		removeTeam: removeTeam(config),
		updateTeam: updateTeam(config),
		setActiveTeam: setActiveTeam(),
		listUserTeams: listUserTeams(),
		listTeamMembers: listTeamMembers(),
		addTeamMember: addTeamMember(config),
		removeTeamMember: removeTeamMember(config),
	};
	const roleEndpoints = {
		createOrgRole: createOrgRole(config),
		deleteOrgRole: deleteOrgRole(config),
		listOrgRoles: listOrgRoles(config),
		getOrgRole: getOrgRole(config),
		updateOrgRole: updateOrgRole(config),
	};
	type Enabled<K extends "teams" | "dynamicAccessControl", E> = O[K] extends { enabled: true }
		? E
		: Record<never, never>;
	const all = {
		...endpoints,
		...(config.teams ? teamEndpoints : {}),
		...(config.dynamicAccessControl ? roleEndpoints : {}),
	} as typeof endpoints &
		Enabled<"teams", typeof teamEndpoints> &
		Enabled<"dynamicAccessControl", typeof roleEndpoints>;
	return {
		id: "organization" as const,
		endpoints: all,
		schema: organizationSchema(options),
		$Infer: {
			Organization: {} as Organization,
			Invitation: {} as Invitation,
			Member: {} as Member,
			Team: {} as Team,
			TeamMember: {} as TeamMember,
			ActiveOrganization: {} as Organization & {
				members: (Member & { user: { id: string; name: string; email: string; image?: string | null } })[];
				invitations: Invitation[];
			},
		},
		$ERROR_CODES: ORGANIZATION_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
