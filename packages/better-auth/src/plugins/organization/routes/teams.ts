/**
 * Team endpoints (with `teams.enabled`): `POST /organization/create-team`, `/update-team`,
 * `/remove-team`, `/set-active-team`, `/add-team-member`, `/remove-team-member`; `GET
 * /organization/list-teams`, `/list-user-teams`, `/list-team-members`. Statuses and codes follow
 * better-auth 1.7, including its less obvious choices (noted where they occur).
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx, sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { limitOf, type OrganizationConfig } from "../config";
import { findMember, listTeams, memberCan, requireOrganization } from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { type OrgSession, orgSession, updateActive } from "../session";
import { addTeamMemberRow, createTeamRow, findTeamMember, removeTeamMemberRow } from "../teams";
import type { Team, TeamMember } from "../types";

const createTeamBody = z.object({ name: z.string(), organizationId: z.string().optional() });
const updateTeamBody = z.object({
	teamId: z.string(),
	data: z.object({ name: z.string().optional(), organizationId: z.string().optional() }),
});
const removeTeamBody = z.object({ teamId: z.string(), organizationId: z.string().optional() });
const setActiveTeamBody = z.object({ teamId: z.string().nullable().optional() });
const teamMemberBody = z.object({ teamId: z.string(), userId: z.string(), organizationId: z.string().optional() });
const listTeamsQuery = z.object({ organizationId: z.string().optional() });
const listTeamMembersQuery = z.object({ teamId: z.string().optional() });

/** A team as the endpoints answer it (without the internal `memberCount`). */
export function publicTeam(team: Team): Team {
	const { memberCount: _count, ...rest } = team;
	return { ...rest, updatedAt: rest.updatedAt ?? null };
}

/** A team membership as the endpoints answer it (without the internal `membershipKey`). */
export function publicTeamMember(row: TeamMember): TeamMember {
	const { membershipKey: _key, ...rest } = row;
	return rest;
}

function findTeam(context: FullAuthContext, teamId: string, organizationId?: string) {
	const where = [{ field: "id", value: teamId }];
	if (organizationId !== undefined) where.push({ field: "organizationId", value: organizationId });
	return context.adapter.findOne<Team>({ model: "team", where });
}

/** The organization of a team call: the one named, else the active one (400 without). */
function orgOf(session: OrgSession | null, organizationId: string | undefined): string {
	const id = organizationId ?? session?.session.activeOrganizationId;
	if (!id) throw new APIError("BAD_REQUEST", CODES.NO_ACTIVE_ORGANIZATION);
	return id;
}

/** The caller's membership with a permission, or `status` `code`. */
async function requireMemberWith(
	context: FullAuthContext,
	config: OrganizationConfig,
	organizationId: string,
	userId: string,
	permissions: Record<string, string[]>,
	notMember: [ConstructorParameters<typeof APIError>[0], { message: string; code: string }],
	notAllowed: { message: string; code: string },
) {
	const member = await findMember(context, organizationId, userId);
	if (!member) throw new APIError(notMember[0], notMember[1]);
	if (!(await memberCan(context, config, member, permissions))) throw new APIError("FORBIDDEN", notAllowed);
	return member;
}

export function createTeam(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/create-team",
		{ method: "POST", body: createTeamBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = (await getSessionFromCtx(ctx)) as OrgSession | null;
			// Server calls (no request, no headers) may create teams without a session.
			const serverCall = !ctx.request && [...(ctx.headers?.keys() ?? [])].length === 0;
			// 1.7 answers an empty body here; we answer a code, as `create` does.
			if (!session && !serverCall)
				throw new APIError("UNAUTHORIZED", { message: "Unauthorized", code: "UNAUTHORIZED" });
			const organizationId = orgOf(session, ctx.body.organizationId);
			if (session) {
				// 1.7 answers a non-member with the invitation code; kept for compatibility.
				await requireMemberWith(
					context,
					config,
					organizationId,
					session.user.id,
					{ team: ["create"] },
					["FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION],
					CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_TEAMS_IN_THIS_ORGANIZATION,
				);
			}
			const organization = await requireOrganization(context, organizationId);
			const maximum = config.options.teams?.maximumTeams;
			if (maximum !== undefined) {
				const limit =
					typeof maximum === "function"
						? await maximum({ organizationId, session: session as never }, ctx.request)
						: maximum;
				const count = await context.adapter.count({
					model: "team",
					where: [{ field: "organizationId", value: organizationId }],
				});
				if (count >= limit) throw new APIError("BAD_REQUEST", CODES.YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_TEAMS);
			}
			const user = (session?.user ?? null) as User | null;
			let data: Record<string, unknown> = { name: ctx.body.name, organizationId };
			const changed = await config.hooks.beforeCreateTeam?.({ team: { ...data }, user, organization });
			if (changed?.data) data = { ...data, ...changed.data };
			const now = new Date();
			const team = await createTeamRow(context, {
				...data,
				name: String(data.name),
				organizationId,
				updatedAt: now,
			});
			await config.hooks.afterCreateTeam?.({ team, user, organization });
			return ctx.json(publicTeam(team));
		},
	);
}

export function listOrganizationTeams() {
	return createAuthEndpoint(
		"/organization/list-teams",
		{ method: "GET", query: listTeamsQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = orgOf(session, ctx.query?.organizationId);
			if (!(await findMember(context, organizationId, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_ACCESS_THIS_ORGANIZATION);
			}
			return ctx.json((await listTeams(context, organizationId)).map(publicTeam));
		},
	);
}

export function updateTeam(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/update-team",
		{ method: "POST", body: updateTeamBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = orgOf(session, ctx.body.data.organizationId);
			await requireMemberWith(
				context,
				config,
				organizationId,
				session.user.id,
				{ team: ["update"] },
				["FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_TEAM],
				CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_TEAM,
			);
			const team = await findTeam(context, ctx.body.teamId, organizationId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			const organization = await requireOrganization(context, organizationId);
			let updates: Record<string, unknown> = {};
			if (ctx.body.data.name !== undefined) updates.name = ctx.body.data.name;
			const changed = await config.hooks.beforeUpdateTeam?.({
				team,
				updates: { ...updates },
				user: session.user,
				organization,
			});
			if (changed?.data) updates = { ...updates, ...changed.data };
			const updated = await context.adapter.update<Team>({
				model: "team",
				where: [{ field: "id", value: team.id }],
				update: { ...updates, updatedAt: new Date() },
			});
			await config.hooks.afterUpdateTeam?.({ team: updated, user: session.user, organization });
			return ctx.json(updated ? publicTeam(updated) : null);
		},
	);
}

export function removeTeam(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/remove-team",
		{ method: "POST", body: removeTeamBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = orgOf(session, ctx.body.organizationId);
			await requireMemberWith(
				context,
				config,
				organizationId,
				session.user.id,
				{ team: ["delete"] },
				["FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_TEAM],
				CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_TEAMS_IN_THIS_ORGANIZATION,
			);
			const team = await findTeam(context, ctx.body.teamId, organizationId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			// 1.7 refuses to remove the caller's active team.
			if (session.session.activeTeamId === team.id) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_TEAM);
			}
			if (!config.options.teams?.allowRemovingAllTeams) {
				const count = await context.adapter.count({
					model: "team",
					where: [{ field: "organizationId", value: organizationId }],
				});
				if (count <= 1) throw new APIError("BAD_REQUEST", CODES.UNABLE_TO_REMOVE_LAST_TEAM);
			}
			const organization = await requireOrganization(context, organizationId);
			await config.hooks.beforeDeleteTeam?.({ team, user: session.user, organization });
			await context.adapter.deleteMany({ model: "teamMember", where: [{ field: "teamId", value: team.id }] });
			await context.adapter.delete({ model: "team", where: [{ field: "id", value: team.id }] });
			await config.hooks.afterDeleteTeam?.({ team, user: session.user, organization });
			return ctx.json({ message: "Team removed successfully." });
		},
	);
}

export function setActiveTeam() {
	return createAuthEndpoint(
		"/organization/set-active-team",
		{ method: "POST", body: setActiveTeamBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			if (ctx.body.teamId === null) {
				await updateActive(ctx, session, { activeTeamId: null }, true);
				return ctx.json(null);
			}
			const teamId = ctx.body.teamId ?? session.session.activeTeamId;
			if (!teamId) return ctx.json(null);
			const organizationId = orgOf(session, undefined);
			const team = await findTeam(context, teamId, organizationId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			if (!(await findTeamMember(context, team.id, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.USER_IS_NOT_A_MEMBER_OF_THE_TEAM);
			}
			await updateActive(ctx, session, { activeTeamId: team.id }, true);
			return ctx.json(publicTeam(team));
		},
	);
}

export function listUserTeams() {
	return createAuthEndpoint(
		"/organization/list-user-teams",
		{ method: "GET", use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const rows = await context.adapter.findMany<TeamMember>({
				model: "teamMember",
				where: [{ field: "userId", value: session.user.id }],
			});
			if (rows.length === 0) return ctx.json([]);
			const teams = await context.adapter.findMany<Team>({
				model: "team",
				where: [{ field: "id", value: rows.map((row) => row.teamId), operator: "in" }],
			});
			return ctx.json(teams.map(publicTeam));
		},
	);
}

export function listTeamMembers() {
	return createAuthEndpoint(
		"/organization/list-team-members",
		{ method: "GET", query: listTeamMembersQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const teamId = ctx.query?.teamId ?? session.session.activeTeamId;
			if (!teamId) throw new APIError("BAD_REQUEST", CODES.YOU_DO_NOT_HAVE_AN_ACTIVE_TEAM);
			const team = await findTeam(context, teamId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			// As in 1.7, only members of the team may list it (organization owners included).
			if (!(await findTeamMember(context, team.id, session.user.id))) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_TEAM);
			}
			const rows = await context.adapter.findMany<TeamMember>({
				model: "teamMember",
				where: [{ field: "teamId", value: team.id }],
			});
			return ctx.json(rows.map(publicTeamMember));
		},
	);
}

export function addTeamMember(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/add-team-member",
		{ method: "POST", body: teamMemberBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = orgOf(session, ctx.body.organizationId);
			await requireMemberWith(
				context,
				config,
				organizationId,
				session.user.id,
				{ team: ["update"] },
				["BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION],
				CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_TEAM_MEMBER,
			);
			if (!(await findMember(context, organizationId, ctx.body.userId))) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			}
			const team = await findTeam(context, ctx.body.teamId, organizationId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			const existing = await findTeamMember(context, team.id, ctx.body.userId);
			if (existing) return ctx.json(publicTeamMember(existing));
			const maximum = config.options.teams?.maximumMembersPerTeam;
			if (maximum !== undefined) {
				const limit = await limitOf(maximum, Number.POSITIVE_INFINITY, {
					teamId: team.id,
					session: session as never,
					organizationId,
				});
				const count = await context.adapter.count({
					model: "teamMember",
					where: [{ field: "teamId", value: team.id }],
				});
				if (count >= limit) throw new APIError("FORBIDDEN", CODES.TEAM_MEMBER_LIMIT_REACHED);
			}
			const organization = await requireOrganization(context, organizationId);
			const user = (await context.internalAdapter.findUserById(ctx.body.userId)) as User;
			await config.hooks.beforeAddTeamMember?.({
				teamMember: { teamId: team.id, userId: ctx.body.userId },
				team,
				user,
				organization,
			});
			const row = await addTeamMemberRow(context, team, ctx.body.userId);
			await config.hooks.afterAddTeamMember?.({ teamMember: row, team, user, organization });
			return ctx.json(publicTeamMember(row));
		},
	);
}

export function removeTeamMember(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/remove-team-member",
		{ method: "POST", body: teamMemberBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = orgOf(session, ctx.body.organizationId);
			await requireMemberWith(
				context,
				config,
				organizationId,
				session.user.id,
				{ team: ["update"] },
				["BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION],
				CODES.YOU_ARE_NOT_ALLOWED_TO_REMOVE_A_TEAM_MEMBER,
			);
			const team = await findTeam(context, ctx.body.teamId, organizationId);
			if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
			if (!(await findMember(context, organizationId, ctx.body.userId))) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			}
			const row = await findTeamMember(context, team.id, ctx.body.userId);
			if (!row) throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_TEAM);
			const organization = await requireOrganization(context, organizationId);
			const user = (await context.internalAdapter.findUserById(ctx.body.userId)) as User;
			await config.hooks.beforeRemoveTeamMember?.({ teamMember: row, team, user, organization });
			await removeTeamMemberRow(context, team.id, ctx.body.userId);
			await config.hooks.afterRemoveTeamMember?.({ teamMember: row, team, user, organization });
			return ctx.json({ message: "Team member removed successfully." });
		},
	);
}
