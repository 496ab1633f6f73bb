/**
 * `POST /organization/add-member` (server only), `/organization/remove-member`,
 * `/organization/update-member-role`, `/organization/leave`; `GET /organization/get-active-member`,
 * `/organization/get-active-member-role` and `/organization/list-members`.
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx, sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { limitOf, type OrganizationConfig, roleNames } from "../config";
import {
	countMembers,
	findMember,
	findMemberById,
	memberCan,
	memberWithUser,
	requireOrganization,
	roleExists,
	withUsers,
} from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { type OrgSession, orgSession, updateActive } from "../session";
import { addTeamMemberRow } from "../teams";
import type { Member, Team } from "../types";

const roleInput = z.union([z.string(), z.array(z.string())]);

const addMemberBody = z.object({
	userId: z.string(),
	role: roleInput,
	organizationId: z.string().optional(),
	teamId: z.string().optional(),
});

const removeMemberBody = z.object({ memberIdOrEmail: z.string(), organizationId: z.string().optional() });

const updateRoleBody = z.object({ role: roleInput, memberId: z.string(), organizationId: z.string().optional() });

const leaveBody = z.object({ organizationId: z.string() });

const activeRoleQuery = z.object({ userId: z.string().optional(), organizationId: z.string().optional() });

/** Numbers in a query string; anything unparsable is ignored, as better-auth 1.7 does. */
const lenientNumber = z
	.union([z.string(), z.number()])
	.optional()
	.transform((value) => {
		const number = value === undefined ? Number.NaN : Number(value);
		return Number.isFinite(number) && number >= 0 ? Math.floor(number) : undefined;
	});

const OPERATORS = [
	"eq",
	"ne",
	"lt",
	"lte",
	"gt",
	"gte",
	"in",
	"not_in",
	"contains",
	"starts_with",
	"ends_with",
] as const;

const listMembersQuery = z.object({
	limit: lenientNumber,
	offset: lenientNumber,
	sortBy: z.string().optional(),
	sortDirection: z.enum(["asc", "desc"]).optional(),
	filterField: z.string().optional(),
	filterValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
	filterOperator: z.enum(OPERATORS).optional(),
	organizationId: z.string().optional(),
	organizationSlug: z.string().optional(),
});

/** The organization a call is about: the one named, else the session's active one (400 without). */
export function targetOrganization(session: OrgSession | null, organizationId: string | undefined): string {
	const id = organizationId ?? session?.session.activeOrganizationId;
	if (!id) throw new APIError("BAD_REQUEST", CODES.NO_ACTIVE_ORGANIZATION);
	return id;
}

/** Whether a member holds the creator role (`owner` by default). */
export const isCreator = (config: OrganizationConfig, member: { role: unknown }) =>
	roleNames(member.role).includes(config.creatorRole);

/** How many members of the organization hold the creator role. */
async function countCreators(context: FullAuthContext, config: OrganizationConfig, organizationId: string) {
	const members = await context.adapter.findMany<Member>({
		model: "member",
		where: [{ field: "organizationId", value: organizationId }],
	});
	return members.filter((member) => isCreator(config, member)).length;
}

/** A role value as stored: known names only (400 `ROLE_NOT_FOUND`), comma-joined. */
export async function storedRole(
	context: FullAuthContext,
	config: OrganizationConfig,
	organizationId: string,
	role: string | string[],
): Promise<string> {
	const names = roleNames(role);
	for (const name of names) {
		if (!(await roleExists(context, config, organizationId, name))) {
			throw new APIError("BAD_REQUEST", { code: "ROLE_NOT_FOUND", message: `ROLE_NOT_FOUND: ${name}` });
		}
	}
	return names.join(",");
}

/** Adds a member, with the membership limit and the member hooks. */
export async function addMemberRow(
	context: FullAuthContext,
	config: OrganizationConfig,
	data: { organizationId: string; user: User; role: string; teamId?: string },
): Promise<Member> {
	const organization = await requireOrganization(context, data.organizationId);
	const limit = await limitOf(config.options.membershipLimit, 100, data.user, organization);
	if ((await countMembers(context, organization.id)) >= limit) {
		throw new APIError("FORBIDDEN", CODES.ORGANIZATION_MEMBERSHIP_LIMIT_REACHED);
	}
	let row: Record<string, unknown> = {
		organizationId: organization.id,
		userId: data.user.id,
		role: data.role,
		createdAt: new Date(),
	};
	const changed = await config.hooks.beforeAddMember?.({ member: row, user: data.user, organization });
	if (changed?.data) row = { ...row, ...changed.data };
	const member = await context.adapter.create<Record<string, unknown>, Member>({ model: "member", data: row });
	if (data.teamId && config.teams) {
		const team = await context.adapter.findOne<Team>({
			model: "team",
			where: [
				{ field: "id", value: data.teamId },
				{ field: "organizationId", value: organization.id },
			],
		});
		if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
		await addTeamMemberRow(context, team, data.user.id);
	}
	await config.hooks.afterAddMember?.({ member, user: data.user, organization });
	return member;
}

export function addMember(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/add-member",
		{ method: "POST", body: addMemberBody, metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = (await getSessionFromCtx(ctx)) as OrgSession | null;
			const organizationId = targetOrganization(session, ctx.body.organizationId);
			const user = await context.internalAdapter.findUserById(ctx.body.userId);
			if (!user) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
			await requireOrganization(context, organizationId);
			if (await findMember(context, organizationId, user.id)) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION);
			}
			if (session) {
				const caller = await findMember(context, organizationId, session.user.id);
				if (!caller || !(await memberCan(context, config, caller, { member: ["create"] }))) {
					throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION);
				}
			}
			// Server calls are trusted with any role name, as in better-auth 1.7.
			const role = roleNames(ctx.body.role).join(",");
			const member = await addMemberRow(context, config, { organizationId, user, role, teamId: ctx.body.teamId });
			return ctx.json(member);
		},
	);
}

/** The member a remove-member call names: by id, or by the email of its user. */
async function findTarget(context: FullAuthContext, organizationId: string, idOrEmail: string) {
	if (idOrEmail.includes("@")) {
		const user = await context.internalAdapter.findUserByEmail(idOrEmail);
		return user ? findMember(context, organizationId, user.user.id) : null;
	}
	const member = await findMemberById(context, idOrEmail);
	return member?.organizationId === organizationId ? member : null;
}

export function removeMember(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/remove-member",
		{ method: "POST", body: removeMemberBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = targetOrganization(session, ctx.body.organizationId);
			const caller = await findMember(context, organizationId, session.user.id);
			if (!caller) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			const target = await findTarget(context, organizationId, ctx.body.memberIdOrEmail);
			if (!target) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			// Only an owner may remove an owner, and never the last one. better-auth 1.7 answers both
			// refusals with the same code, which we keep.
			if (
				isCreator(config, target) &&
				(!isCreator(config, caller) || (await countCreators(context, config, organizationId)) <= 1)
			) {
				throw new APIError("BAD_REQUEST", CODES.YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER);
			}
			if (!(await memberCan(context, config, caller, { member: ["delete"] }))) {
				throw new APIError("UNAUTHORIZED", CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER);
			}
			const organization = await requireOrganization(context, organizationId);
			const withUser = await memberWithUser(context, target);
			const user = (await context.internalAdapter.findUserById(target.userId)) as User;
			await config.hooks.beforeRemoveMember?.({ member: target, user, organization });
			await deleteMembership(context, config, target);
			if (target.userId === session.user.id && session.session.activeOrganizationId === organizationId) {
				await updateActive(ctx, session, { activeOrganizationId: null });
			}
			await config.hooks.afterRemoveMember?.({ member: target, user, organization });
			return ctx.json({ member: withUser });
		},
	);
}

/** Deletes a membership and the user's team memberships in that organization. */
async function deleteMembership(context: FullAuthContext, config: OrganizationConfig, member: Member) {
	await context.adapter.delete({ model: "member", where: [{ field: "id", value: member.id }] });
	if (!config.teams) return;
	const teams = await context.adapter.findMany<Team>({
		model: "team",
		where: [{ field: "organizationId", value: member.organizationId }],
	});
	for (const team of teams) {
		await context.adapter.deleteMany({
			model: "teamMember",
			where: [
				{ field: "teamId", value: team.id },
				{ field: "userId", value: member.userId },
			],
		});
	}
}

export function updateMemberRole(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/update-member-role",
		{ method: "POST", body: updateRoleBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = targetOrganization(session, ctx.body.organizationId);
			const caller = await findMember(context, organizationId, session.user.id);
			if (!caller) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			const target = await findMemberById(context, ctx.body.memberId);
			if (!target || target.organizationId !== organizationId) {
				throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			}
			if (!(await memberCan(context, config, caller, { member: ["update"] }))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER);
			}
			const role = await storedRole(context, config, organizationId, ctx.body.role);
			const callerIsCreator = isCreator(config, caller);
			const becomesCreator = roleNames(role).includes(config.creatorRole);
			if (!callerIsCreator && (isCreator(config, target) || becomesCreator)) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER);
			}
			if (isCreator(config, target) && !becomesCreator && (await countCreators(context, config, organizationId)) <= 1) {
				throw new APIError("BAD_REQUEST", CODES.YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER);
			}
			const organization = await requireOrganization(context, organizationId);
			const user = (await context.internalAdapter.findUserById(target.userId)) as User;
			const changed = await config.hooks.beforeUpdateMemberRole?.({
				member: target,
				newRole: role,
				user,
				organization,
			});
			const updated = await context.adapter.update<Member>({
				model: "member",
				where: [{ field: "id", value: target.id }],
				update: { role: changed?.data?.role ?? role },
			});
			if (!updated) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			await config.hooks.afterUpdateMemberRole?.({ member: updated, previousRole: target.role, user, organization });
			return ctx.json(updated);
		},
	);
}

export function getActiveMember() {
	return createAuthEndpoint(
		"/organization/get-active-member",
		{ method: "GET", use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = targetOrganization(session, undefined);
			const member = await findMember(context, organizationId, session.user.id);
			if (!member) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			return ctx.json(await memberWithUser(context, member));
		},
	);
}

export function getActiveMemberRole() {
	return createAuthEndpoint(
		"/organization/get-active-member-role",
		{ method: "GET", query: activeRoleQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = targetOrganization(session, ctx.query?.organizationId);
			const caller = await findMember(context, organizationId, session.user.id);
			if (!caller) throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION);
			const userId = ctx.query?.userId;
			if (userId === undefined || userId === session.user.id) return ctx.json({ role: caller.role });
			const member = await findMember(context, organizationId, userId);
			if (!member) throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION);
			return ctx.json({ role: member.role });
		},
	);
}

export function listMembers(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/list-members",
		{ method: "GET", query: listMembersQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const query = ctx.query ?? {};
			let organizationId = query.organizationId;
			if (organizationId === undefined && query.organizationSlug !== undefined) {
				const found = await context.adapter.findOne<{ id: string }>({
					model: "organization",
					where: [{ field: "slug", value: query.organizationSlug }],
				});
				if (!found) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
				organizationId = found.id;
			}
			const id = targetOrganization(session, organizationId);
			if (!(await findMember(context, id, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION);
			}
			assertMemberField(context, query.filterField, "filterField");
			assertMemberField(context, query.sortBy, "sortBy");
			const where = [{ field: "organizationId", value: id }] as { field: string; value: never; operator?: never }[];
			if (query.filterField !== undefined && query.filterValue !== undefined) {
				where.push({
					field: query.filterField,
					value: query.filterValue as never,
					operator: (query.filterOperator ?? "eq") as never,
				});
			}
			const limit = query.limit ?? (await limitOf(config.options.membershipLimit, 100, session.user, { id } as never));
			const [members, total] = await Promise.all([
				context.adapter.findMany<Member>({
					model: "member",
					where,
					limit,
					offset: query.offset,
					sortBy: query.sortBy ? { field: query.sortBy, direction: query.sortDirection ?? "asc" } : undefined,
				}),
				context.adapter.count({ model: "member", where }),
			]);
			return ctx.json({ members: await withUsers(context, members), total });
		},
	);
}

/**
 * Filtering or sorting on a field the member table lacks is a 400 here (better-auth 1.7 answers 500).
 */
function assertMemberField(context: FullAuthContext, field: string | undefined, name: string) {
	if (field === undefined || field === "id") return;
	const fields = context.tables.member?.fields ?? {};
	if (!Object.hasOwn(fields, field)) {
		throw new APIError("BAD_REQUEST", {
			message: `[query.${name}] Unknown member field: ${field}`,
			code: "VALIDATION_ERROR",
		});
	}
}

export function leaveOrganization(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/leave",
		{ method: "POST", body: leaveBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const { organizationId } = ctx.body;
			const member = await findMember(context, organizationId, session.user.id);
			if (!member) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			if (isCreator(config, member) && (await countCreators(context, config, organizationId)) <= 1) {
				throw new APIError("BAD_REQUEST", CODES.YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER);
			}
			const withUser = await memberWithUser(context, member);
			await deleteMembership(context, config, member);
			if (session.session.activeOrganizationId === organizationId) {
				await updateActive(ctx, session, { activeOrganizationId: null });
			}
			return ctx.json(withUser);
		},
	);
}
