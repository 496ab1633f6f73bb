/**
 * `better-auth/plugins/organization/access`: the organization plugin's default statements and
 * roles, to extend when you define your own (`{ ...defaultStatements, project: [...] }`,
 * `...adminAc.statements`).
 */
import { createAccessControl } from "../access";

/** Every action the organization endpoints check, per resource. */
export const defaultStatements = {
	organization: ["update", "delete"],
	member: ["create", "update", "delete"],
	invitation: ["create", "cancel"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
} as const;

/** The access controller over {@link defaultStatements}. */
export const defaultAc = createAccessControl(defaultStatements);

/** The `admin` role: everything except deleting the organization. */
export const adminAc = defaultAc.newRole({
	organization: ["update"],
	invitation: ["create", "cancel"],
	member: ["create", "update", "delete"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
});

/** The `owner` role: every action. */
export const ownerAc = defaultAc.newRole({
	organization: ["update", "delete"],
	member: ["create", "update", "delete"],
	invitation: ["create", "cancel"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
});

/** The `member` role: may read dynamic roles, nothing else. */
export const memberAc = defaultAc.newRole({
	organization: [],
	member: [],
	invitation: [],
	team: [],
	ac: ["read"],
});

/** The roles used when the plugin gets no `roles` option. */
export const defaultRoles = { admin: adminAc, owner: ownerAc, member: memberAc };
