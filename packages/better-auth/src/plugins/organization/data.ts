/**
 * Reads and writes of the plugin's tables, through the configured adapter. Rows come back with
 * logical field names; `metadata` stays the JSON text it is stored as (better-auth 1.7 answers
 * it that way everywhere but `create`).
 */
import type { User } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import { grants, type OrganizationConfig, type Permissions, roleNames } from "./config";
import { ORGANIZATION_ERROR_CODES } from "./error-codes";
import type { Invitation, Member, Organization, Team } from "./types";

/** The part of a user shown with a member. */
export type MemberUser = Pick<User, "id" | "name" | "email" | "image">;

export type MemberWithUser = Member & { user: MemberUser };

const byId = (id: string) => [{ field: "id", value: id }];

export function findOrganization(context: FullAuthContext, by: { id?: string; slug?: string }) {
	const where = by.id !== undefined ? byId(by.id) : [{ field: "slug", value: by.slug ?? "" }];
	return context.adapter.findOne<Organization>({ model: "organization", where });
}

/** The organization or 400 `ORGANIZATION_NOT_FOUND`. */
export async function requireOrganization(context: FullAuthContext, id: string): Promise<Organization> {
	const organization = await findOrganization(context, { id });
	if (!organization) throw new APIError("BAD_REQUEST", ORGANIZATION_ERROR_CODES.ORGANIZATION_NOT_FOUND);
	return organization;
}

export function findMember(context: FullAuthContext, organizationId: string, userId: string) {
	return context.adapter.findOne<Member>({
		model: "member",
		where: [
			{ field: "organizationId", value: organizationId },
			{ field: "userId", value: userId },
		],
	});
}

export function findMemberById(context: FullAuthContext, id: string) {
	return context.adapter.findOne<Member>({ model: "member", where: byId(id) });
}

export function countMembers(context: FullAuthContext, organizationId: string) {
	return context.adapter.count({ model: "member", where: [{ field: "organizationId", value: organizationId }] });
}

/** Attaches `user: { id, name, email, image }` to each member. */
export async function withUsers(context: FullAuthContext, members: Member[]): Promise<MemberWithUser[]> {
	if (members.length === 0) return [];
	const ids = [...new Set(members.map((member) => member.userId))];
	const users = await context.adapter.findMany<User>({
		model: "user",
		where: [{ field: "id", value: ids, operator: "in" }],
	});
	const found = new Map(users.map((user) => [user.id, user]));
	return members.flatMap((member) => {
		const user = found.get(member.userId);
		if (!user) return [];
		return [{ ...member, user: { id: user.id, name: user.name, email: user.email, image: user.image ?? null } }];
	});
}

export async function memberWithUser(context: FullAuthContext, member: Member): Promise<MemberWithUser> {
	const [found] = await withUsers(context, [member]);
	return found ?? { ...member, user: null as never };
}

/** The organizations a user belongs to. */
export async function listUserOrganizations(context: FullAuthContext, userId: string): Promise<Organization[]> {
	const members = await context.adapter.findMany<Member>({
		model: "member",
		where: [{ field: "userId", value: userId }],
	});
	if (members.length === 0) return [];
	return context.adapter.findMany<Organization>({
		model: "organization",
		where: [{ field: "id", value: members.map((member) => member.organizationId), operator: "in" }],
	});
}

export function listInvitations(context: FullAuthContext, organizationId: string) {
	return context.adapter.findMany<Invitation>({
		model: "invitation",
		where: [{ field: "organizationId", value: organizationId }],
	});
}

export function findInvitation(context: FullAuthContext, id: string) {
	return context.adapter.findOne<Invitation>({ model: "invitation", where: byId(id) });
}

/** Pending, unexpired invitations of an email to an organization. */
export async function pendingInvitations(context: FullAuthContext, organizationId: string, email: string) {
	const found = await context.adapter.findMany<Invitation>({
		model: "invitation",
		where: [
			{ field: "organizationId", value: organizationId },
			{ field: "email", value: email.toLowerCase() },
			{ field: "status", value: "pending" },
		],
	});
	return found.filter((invitation) => new Date(invitation.expiresAt).getTime() > Date.now());
}

export function listTeams(context: FullAuthContext, organizationId: string) {
	return context.adapter.findMany<Team>({ model: "team", where: [{ field: "organizationId", value: organizationId }] });
}

/** The organization's dynamic roles (name → permissions), when dynamic access control is on. */
async function dynamicRoles(
	context: FullAuthContext,
	config: OrganizationConfig,
	organizationId: string,
	names: string[],
): Promise<Record<string, Permissions>> {
	const missing = names.filter((name) => !Object.hasOwn(config.roles, name));
	if (!config.dynamicAccessControl || missing.length === 0) return {};
	const rows = await context.adapter.findMany<{ role: string; permission: string }>({
		model: "organizationRole",
		where: [
			{ field: "organizationId", value: organizationId },
			{ field: "role", value: missing, operator: "in" },
		],
	});
	const roles: Record<string, Permissions> = {};
	for (const row of rows) {
		try {
			roles[row.role] = JSON.parse(row.permission) as Permissions;
		} catch {
			// A row that does not parse grants nothing.
		}
	}
	return roles;
}

/** Whether a member's role(s) grant every requested action in their organization. */
export async function memberCan(
	context: FullAuthContext,
	config: OrganizationConfig,
	member: { role: unknown; organizationId: string },
	permissions: Permissions,
): Promise<boolean> {
	const names = roleNames(member.role);
	const dynamic = await dynamicRoles(context, config, member.organizationId, names);
	return grants(config, names, permissions, dynamic);
}

/** Whether a role name is known: a static role, or a dynamic role of the organization. */
export async function roleExists(
	context: FullAuthContext,
	config: OrganizationConfig,
	organizationId: string,
	name: string,
): Promise<boolean> {
	if (Object.hasOwn(config.roles, name)) return true;
	const dynamic = await dynamicRoles(context, config, organizationId, [name]);
	return Object.hasOwn(dynamic, name);
}
