import { describe, expect, it, vi } from "vitest";
import { expectError, setupOrganization } from "./test-helpers";

async function withTeams(teams: Record<string, unknown> = {}, hooks: Record<string, unknown> = {}) {
	const setup = await setupOrganization({ teams: { enabled: true, ...teams }, organizationHooks: hooks });
	const a = await setup.user("a");
	const b = await setup.user("b");
	const c = await setup.user("c");
	const org = await setup.createOrg(a, "acme");
	await setup.join(a, b, org.id);
	return { ...setup, a, b, c, org };
}

describe("organization: teams", () => {
	it("creates, lists, updates and removes teams", async () => {
		const afterCreateTeam = vi.fn();
		const { call, a, b, c, org, rows } = await withTeams({}, { afterCreateTeam });
		const session = await call("/get-session", a);
		const [defaultTeam] = rows("select id from team");
		expect(session.body.session.activeTeamId).toBe(defaultTeam.id);
		const created = await call("/organization/create-team", a, { name: "Sales" });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ name: "Sales", organizationId: org.id });
		expect(created.body.memberCount).toBeUndefined();
		expect(afterCreateTeam).toHaveBeenCalledOnce();
		expect((await call("/organization/list-teams", b)).body).toHaveLength(2);
		const updated = await call("/organization/update-team", a, { teamId: created.body.id, data: { name: "Sales EU" } });
		expect(updated.body.name).toBe("Sales EU");
		expectError(
			await call("/organization/create-team", b, { name: "X" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_CREATE_TEAMS_IN_THIS_ORGANIZATION",
		);
		expectError(await call("/organization/create-team", c, { name: "X" }), 400, "NO_ACTIVE_ORGANIZATION");
		expectError(
			await call("/organization/create-team", c, { name: "X", organizationId: org.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION",
		);
		expectError(await call("/organization/create-team", a, { name: 5 }), 400, "VALIDATION_ERROR");
		expectError(await call("/organization/create-team", undefined, { name: "X" }), 401, "UNAUTHORIZED");
		expectError(
			await call(`/organization/list-teams?organizationId=${org.id}`, c),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_ACCESS_THIS_ORGANIZATION",
		);
		expectError(
			await call("/organization/update-team", b, { teamId: created.body.id, data: { name: "x" } }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_TEAM",
		);
		expectError(
			await call("/organization/update-team", a, { teamId: "nope", data: { name: "x" } }),
			400,
			"TEAM_NOT_FOUND",
		);
		expectError(await call("/organization/update-team", a, { teamId: created.body.id }), 400, "VALIDATION_ERROR");
		expectError(
			await call("/organization/remove-team", b, { teamId: created.body.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_DELETE_TEAMS_IN_THIS_ORGANIZATION",
		);
		expectError(
			await call("/organization/remove-team", a, { teamId: defaultTeam.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_TEAM",
		);
		expect((await call("/organization/remove-team", a, { teamId: created.body.id })).body).toEqual({
			message: "Team removed successfully.",
		});
		expectError(await call("/organization/remove-team", a, { teamId: created.body.id }), 400, "TEAM_NOT_FOUND");
		await call("/organization/set-active-team", a, { teamId: null });
		expectError(
			await call("/organization/remove-team", a, { teamId: defaultTeam.id }),
			400,
			"UNABLE_TO_REMOVE_LAST_TEAM",
		);
	});

	it("applies maximumTeams and allowRemovingAllTeams", async () => {
		const { call, a, rows } = await withTeams({ maximumTeams: 2, allowRemovingAllTeams: true });
		expect((await call("/organization/create-team", a, { name: "Two" })).status).toBe(200);
		expectError(
			await call("/organization/create-team", a, { name: "Three" }),
			400,
			"YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_TEAMS",
		);
		await call("/organization/set-active-team", a, { teamId: null });
		for (const team of rows("select id from team")) {
			expect((await call("/organization/remove-team", a, { teamId: team.id })).status).toBe(200);
		}
		expect(rows("select * from team")).toHaveLength(0);
	});

	it("adds, lists and removes team members, and switches the active team", async () => {
		const { call, a, b, c, rows } = await withTeams({ maximumMembersPerTeam: 1 });
		const team = (await call("/organization/create-team", a, { name: "Sales" })).body;
		const added = await call("/organization/add-team-member", a, { teamId: team.id, userId: b.id });
		expect(added.body).toMatchObject({ teamId: team.id, userId: b.id });
		expect(added.body.membershipKey).toBeUndefined();
		expect((await call("/organization/add-team-member", a, { teamId: team.id, userId: b.id })).body.id).toBe(
			added.body.id,
		);
		expectError(
			await call("/organization/add-team-member", a, { teamId: team.id, userId: a.id }),
			403,
			"TEAM_MEMBER_LIMIT_REACHED",
		);
		expectError(
			await call("/organization/add-team-member", a, { teamId: team.id, userId: c.id }),
			400,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(
			await call("/organization/add-team-member", b, { teamId: team.id, userId: a.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_TEAM_MEMBER",
		);
		expectError(
			await call("/organization/add-team-member", a, { teamId: "nope", userId: b.id }),
			400,
			"TEAM_NOT_FOUND",
		);
		expectError(await call("/organization/add-team-member", a, { teamId: team.id }), 400, "VALIDATION_ERROR");
		expect(rows("select memberCount from team where id = ?", team.id)[0].memberCount).toBe(1);

		expect((await call(`/organization/list-team-members?teamId=${team.id}`, b)).body).toHaveLength(1);
		expectError(
			await call(`/organization/list-team-members?teamId=${team.id}`, a),
			400,
			"USER_IS_NOT_A_MEMBER_OF_THE_TEAM",
		);
		expectError(await call("/organization/list-team-members", b), 400, "YOU_DO_NOT_HAVE_AN_ACTIVE_TEAM");
		expectError(await call("/organization/list-team-members?teamId=nope", b), 400, "TEAM_NOT_FOUND");
		expect((await call("/organization/list-user-teams", b)).body).toEqual([expect.objectContaining({ id: team.id })]);
		expect((await call("/organization/list-user-teams", c)).body).toEqual([]);

		const active = await call("/organization/set-active-team", b, { teamId: team.id });
		expect(active.body.id).toBe(team.id);
		expect((await call("/get-session", b)).body.session.activeTeamId).toBe(team.id);
		expect((await call("/organization/list-team-members", b)).body).toHaveLength(1);
		expectError(
			await call("/organization/set-active-team", a, { teamId: team.id }),
			403,
			"USER_IS_NOT_A_MEMBER_OF_THE_TEAM",
		);
		expectError(await call("/organization/set-active-team", b, { teamId: "nope" }), 400, "TEAM_NOT_FOUND");
		expectError(await call("/organization/set-active-team", c, { teamId: team.id }), 400, "NO_ACTIVE_ORGANIZATION");
		expectError(await call("/organization/set-active-team", b, { teamId: 5 }), 400, "VALIDATION_ERROR");
		expect((await call("/organization/set-active-team", b, { teamId: null })).body).toBeNull();
		expect((await call("/get-session", b)).body.session.activeTeamId).toBeNull();

		expectError(
			await call("/organization/remove-team-member", b, { teamId: team.id, userId: b.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_REMOVE_A_TEAM_MEMBER",
		);
		expect((await call("/organization/remove-team-member", a, { teamId: team.id, userId: b.id })).body).toEqual({
			message: "Team member removed successfully.",
		});
		expectError(
			await call("/organization/remove-team-member", a, { teamId: team.id, userId: b.id }),
			400,
			"USER_IS_NOT_A_MEMBER_OF_THE_TEAM",
		);
		expect(rows("select memberCount from team where id = ?", team.id)[0].memberCount).toBe(0);
	});

	it("gets an organization without its members", async () => {
		const { call, a, c, org } = await withTeams();
		const found = await call("/organization/get-organization", a);
		expect(found.body).toMatchObject({ id: org.id, slug: "acme", metadata: null });
		expect(found.body.members).toBeUndefined();
		expect((await call("/organization/get-organization?organizationSlug=acme", a)).body.id).toBe(org.id);
		expect((await call("/organization/get-organization", c)).body).toBeNull();
		expectError(
			await call(`/organization/get-organization?organizationId=${org.id}`, c),
			403,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(await call("/organization/get-organization?organizationId=nope", a), 400, "ORGANIZATION_NOT_FOUND");
		expectError(await call("/organization/get-organization"), 401, "UNAUTHORIZED");
	});
});
