/** Team rows: a team, and the memberships that keep `team.memberCount` in step. */
import type { FullAuthContext } from "../../context/full-context";
import type { Team, TeamMember } from "./types";

/** The unique key of a membership: one row per user and team, even under concurrent adds. */
export const membershipKey = (teamId: string, userId: string) => `${teamId}:${userId}`;

/** Creates a team; with `userId`, that user is its first member. */
export async function createTeamRow(
	context: FullAuthContext,
	data: Record<string, unknown> & { name: string; organizationId: string },
	userId?: string,
): Promise<Team> {
	const now = new Date();
	const team = await context.adapter.create<Record<string, unknown>, Team>({
		model: "team",
		data: { ...data, memberCount: 0, createdAt: now },
	});
	if (userId) await addTeamMemberRow(context, team, userId);
	return team;
}

export function findTeamMember(context: FullAuthContext, teamId: string, userId: string) {
	return context.adapter.findOne<TeamMember>({
		model: "teamMember",
		where: [
			{ field: "teamId", value: teamId },
			{ field: "userId", value: userId },
		],
	});
}

/** Adds a user to a team (no-op when already in it) and counts them. */
export async function addTeamMemberRow(context: FullAuthContext, team: Team, userId: string): Promise<TeamMember> {
	const existing = await findTeamMember(context, team.id, userId);
	if (existing) return existing;
	const row = await context.adapter.create<Record<string, unknown>, TeamMember>({
		model: "teamMember",
		data: { teamId: team.id, userId, membershipKey: membershipKey(team.id, userId), createdAt: new Date() },
	});
	await recount(context, team.id);
	return row;
}

export async function removeTeamMemberRow(context: FullAuthContext, teamId: string, userId: string) {
	await context.adapter.deleteMany({
		model: "teamMember",
		where: [
			{ field: "teamId", value: teamId },
			{ field: "userId", value: userId },
		],
	});
	await recount(context, teamId);
}

async function recount(context: FullAuthContext, teamId: string) {
	const memberCount = await context.adapter.count({ model: "teamMember", where: [{ field: "teamId", value: teamId }] });
	await context.adapter.update({ model: "team", where: [{ field: "id", value: teamId }], update: { memberCount } });
}
