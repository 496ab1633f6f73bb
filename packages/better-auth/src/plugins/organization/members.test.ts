import { describe, expect, it, vi } from "vitest";
import { expectError, setupOrganization } from "./test-helpers";

describe("organization members", () => {
	it("adds members from the server only, with the membership limit", async () => {
		const { auth, user, call, createOrg } = await setupOrganization({ membershipLimit: 2 });
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		expect(
			(await call("/organization/add-member", a, { userId: b.id, role: "member", organizationId: org.id })).status,
		).toBe(404);
		const member = await auth.api.addMember({
			body: { userId: b.id, role: ["admin", "member"], organizationId: org.id },
		});
		expect(member).toMatchObject({ userId: b.id, role: "admin,member", organizationId: org.id });
		const fail = (body: Record<string, unknown>) =>
			auth.api.addMember({ body: body as never }).catch((error: { body: { code: string } }) => error.body.code);
		expect(await fail({ userId: b.id, role: "member", organizationId: org.id })).toBe(
			"USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION",
		);
		expect(await fail({ userId: "nope", role: "member", organizationId: org.id })).toBe("USER_NOT_FOUND");
		expect(await fail({ userId: c.id, role: "member", organizationId: "nope" })).toBe("ORGANIZATION_NOT_FOUND");
		expect(await fail({ userId: c.id, role: "member" })).toBe("NO_ACTIVE_ORGANIZATION");
		expect(await fail({ userId: c.id, role: "member", organizationId: org.id })).toBe(
			"ORGANIZATION_MEMBERSHIP_LIMIT_REACHED",
		);
	});

	it("lists members with paging, sorting and filters; only for members", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		await join(a, b, org.id);
		const all = await call("/organization/list-members", a);
		expect(all.body.total).toBe(2);
		expect(all.body.members[0]).toMatchObject({ role: "owner", user: { email: "a@x.com", name: "a" } });
		const page = await call("/organization/list-members?limit=1&offset=1&sortBy=createdAt&sortDirection=asc", a);
		expect(page.body).toMatchObject({ total: 2, members: [{ userId: b.id }] });
		const owners = await call("/organization/list-members?filterField=role&filterValue=owner", a);
		expect(owners.body).toMatchObject({ total: 1, members: [{ userId: a.id }] });
		expect((await call("/organization/list-members?limit=abc", a)).body.total).toBe(2);
		expectError(await call("/organization/list-members?filterField=nope&filterValue=x", a), 400, "VALIDATION_ERROR");
		expectError(await call("/organization/list-members", c), 400, "NO_ACTIVE_ORGANIZATION");
		expectError(
			await call(`/organization/list-members?organizationId=${org.id}`, c),
			403,
			"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION",
		);
	});

	it("answers the active member and roles", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		await join(a, b, org.id, "admin");
		expect((await call("/organization/get-active-member", b)).body).toMatchObject({
			role: "admin",
			user: { email: "b@x.com" },
		});
		expectError(await call("/organization/get-active-member", c), 400, "NO_ACTIVE_ORGANIZATION");
		expect((await call("/organization/get-active-member-role", a)).body).toEqual({ role: "owner" });
		expect((await call(`/organization/get-active-member-role?userId=${b.id}`, a)).body).toEqual({ role: "admin" });
		expectError(
			await call(`/organization/get-active-member-role?organizationId=${org.id}`, c),
			403,
			"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION",
		);
	});

	it("checks permissions of the signed-in member", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		await join(a, b, org.id);
		const check = (who: { cookie: string }, body: unknown) => call("/organization/has-permission", who, body);
		expect((await check(a, { permissions: { organization: ["delete"], member: ["create"] } })).body).toEqual({
			error: null,
			success: true,
		});
		expect((await check(b, { permissions: { member: ["create"] } })).body.success).toBe(false);
		expect((await check(b, { permissions: { ac: ["read"] } })).body.success).toBe(true);
		expect((await check(a, { permission: { member: ["create"] } })).body.success).toBe(false);
		expectError(await check(a, {}), 400, "VALIDATION_ERROR");
		expectError(await check(a, { permissions: { member: "create" } }), 400, "VALIDATION_ERROR");
		expectError(
			await check(c, { permissions: { member: ["create"] }, organizationId: org.id }),
			401,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(await check(c, { permissions: { member: ["create"] } }), 400, "NO_ACTIVE_ORGANIZATION");
	});

	it("updates roles by the owner/admin rules", async () => {
		const afterUpdateMemberRole = vi.fn();
		const { user, call, createOrg, join } = await setupOrganization({ organizationHooks: { afterUpdateMemberRole } });
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		const owner = org.members[0];
		const mb = await join(a, b, org.id);
		const mc = await join(a, c, org.id);
		const update = (who: { cookie: string }, memberId: string, role: unknown) =>
			call("/organization/update-member-role", who, { memberId, role, organizationId: org.id });
		expectError(await update(b, mc.id, "admin"), 403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		expect((await update(a, mb.id, "admin")).body).toMatchObject({ id: mb.id, role: "admin" });
		expect(afterUpdateMemberRole.mock.calls[0][0]).toMatchObject({ previousRole: "member", member: { role: "admin" } });
		expect((await update(a, mc.id, ["admin", "member"])).body.role).toBe("admin,member");
		const unknown = await update(a, mc.id, "ghost");
		expect(unknown.status).toBe(400);
		expect(unknown.body).toEqual({ code: "ROLE_NOT_FOUND", message: "ROLE_NOT_FOUND: ghost" });
		expectError(await update(a, "nope", "admin"), 400, "MEMBER_NOT_FOUND");
		expectError(await update(a, owner.id, "admin"), 400, "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER");
		expectError(await update(b, owner.id, "member"), 403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		expectError(await update(b, mb.id, "owner"), 403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		expect((await update(b, mc.id, "member")).body.role).toBe("member");
		expectError(await update(a, mb.id, 5), 400, "VALIDATION_ERROR");
		expect((await update(a, mb.id, "owner")).body.role).toBe("owner");
		expect((await update(a, owner.id, "admin")).body.role).toBe("admin");
	});

	it("removes members: never the last owner, owners only by owners", async () => {
		const { user, call, createOrg, join, rows } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		const owner = org.members[0];
		const mb = await join(a, b, org.id, "admin");
		await join(a, c, org.id);
		const remove = (who: { cookie: string }, memberIdOrEmail: unknown) =>
			call("/organization/remove-member", who, { memberIdOrEmail, organizationId: org.id });
		expectError(await remove(a, owner.id), 400, "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER");
		expectError(await remove(b, owner.id), 400, "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER");
		expectError(await remove(c, mb.id), 401, "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER");
		expectError(await remove(a, "nope"), 400, "MEMBER_NOT_FOUND");
		expectError(await remove(a, "nobody@x.com"), 400, "MEMBER_NOT_FOUND");
		expectError(await remove(a, 5), 400, "VALIDATION_ERROR");
		const removed = await remove(b, "c@x.com");
		expect(removed.body.member).toMatchObject({ userId: c.id, user: { email: "c@x.com" } });
		expect(rows("select userId from member where userId = ?", c.id)).toEqual([]);
	});

	it("lets members leave, except the last owner", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const org = await createOrg(a, "one");
		await join(a, b, org.id);
		expectError(
			await call("/organization/leave", a, { organizationId: org.id }),
			400,
			"YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER",
		);
		expectError(await call("/organization/leave", a, { organizationId: "nope" }), 400, "MEMBER_NOT_FOUND");
		expectError(await call("/organization/leave", a, {}), 400, "VALIDATION_ERROR");
		const left = await call("/organization/leave", b, { organizationId: org.id });
		expect(left.body).toMatchObject({ userId: b.id, user: { email: "b@x.com" } });
		expect((await call("/get-session", b)).body.session.activeOrganizationId).toBeNull();
		expect((await call("/organization/list", b)).body).toEqual([]);
	});

	it("uses a custom creatorRole and custom roles", async () => {
		const { createAccessControl } = await import("../access");
		const { defaultStatements, ownerAc } = await import("./access");
		const ac = createAccessControl({ ...defaultStatements, project: ["create"] });
		const roles = { boss: ac.newRole({ ...ownerAc.statements, project: ["create"] }), viewer: ac.newRole({}) };
		const { user, call, createOrg } = await setupOrganization({ ac, roles, creatorRole: "boss" });
		const a = await user("a");
		const org = await createOrg(a, "one");
		expect(org.members[0]).toMatchObject({ role: "boss" });
		expect((await call("/organization/has-permission", a, { permissions: { project: ["create"] } })).body.success).toBe(
			true,
		);
		const invited = await call("/organization/invite-member", a, { email: "v@x.com", role: "member" });
		expect(invited.body).toEqual({ message: "ROLE_NOT_FOUND: member" });
		expect((await call("/organization/invite-member", a, { email: "v@x.com", role: "viewer" })).status).toBe(200);
	});
});
