import { describe, expect, it } from "vitest";
import { createAccessControl } from "../access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "./access";
import { expectError, setupOrganization } from "./test-helpers";

const ac = createAccessControl({ ...defaultStatements, project: ["create", "delete"] });
const roles = {
	owner: ac.newRole({ ...ownerAc.statements, project: ["create", "delete"] }),
	admin: ac.newRole({ ...adminAc.statements }),
	member: ac.newRole({ ...memberAc.statements }),
};

async function withRoles(withAc = true) {
	const setup = await setupOrganization({
		dynamicAccessControl: { enabled: true, maximumRolesPerOrganization: 2 },
		...(withAc ? { ac, roles } : {}),
	});
	const a = await setup.user("a");
	const b = await setup.user("b");
	const c = await setup.user("c");
	const org = await setup.createOrg(a, "acme");
	await setup.join(a, b, org.id);
	return { ...setup, a, b, c, org };
}

describe("organization: dynamic roles", () => {
	it("creates, reads, updates and deletes roles, and honours them", async () => {
		const { call, a, b, c, org, join, rows } = await withRoles();
		const created = await call("/organization/create-role", a, { role: "sales", permission: { member: ["update"] } });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			success: true,
			roleData: { role: "sales", organizationId: org.id, permission: { member: ["update"] }, updatedAt: null },
			statements: { member: ["update"] },
		});
		expect(rows("select permission from organizationRole")[0].permission).toBe('{"member":["update"]}');
		expect((await call("/organization/list-roles", b)).body).toEqual([expect.objectContaining({ role: "sales" })]);
		expect((await call("/organization/get-role?roleName=sales", b)).body.id).toBe(created.body.roleData.id);
		expect((await call(`/organization/get-role?roleId=${created.body.roleData.id}`, a)).body.role).toBe("sales");

		const updated = await call("/organization/update-role", a, {
			roleName: "sales",
			data: { roleName: "sales2", permission: { member: ["update", "delete"] } },
		});
		expect(updated.body).toMatchObject({
			success: true,
			roleData: { role: "sales2", permission: { member: ["update", "delete"] } },
		});

		const member = await join(a, c, org.id, "sales2");
		expect(member.role).toBe("sales2");
		expect((await call("/organization/has-permission", c, { permissions: { member: ["delete"] } })).body.success).toBe(
			true,
		);
		expectError(await call("/organization/delete-role", a, { roleName: "sales2" }), 400, "ROLE_IS_ASSIGNED_TO_MEMBERS");

		const other = await call("/organization/create-role", a, { role: "spare", permission: { project: ["create"] } });
		expectError(
			await call("/organization/create-role", a, { role: "third", permission: { ac: ["read"] } }),
			400,
			"TOO_MANY_ROLES",
		);
		expect((await call("/organization/delete-role", a, { roleId: other.body.roleData.id })).body).toEqual({
			success: true,
		});
		expect(rows("select role from organizationRole")).toEqual([{ role: "sales2" }]);
	});

	it("refuses what it should", async () => {
		const { call, a, b, c, org } = await withRoles();
		await call("/organization/create-role", a, { role: "sales", permission: { member: ["update"] } });
		const body = { role: "x", permission: { ac: ["read"] } };
		expectError(
			await call("/organization/create-role", a, { ...body, role: "sales" }),
			400,
			"ROLE_NAME_IS_ALREADY_TAKEN",
		);
		expectError(
			await call("/organization/create-role", a, { ...body, role: "admin" }),
			400,
			"ROLE_NAME_IS_ALREADY_TAKEN",
		);
		expectError(
			await call("/organization/create-role", a, { role: "x", permission: { foo: ["x"] } }),
			400,
			"INVALID_RESOURCE",
		);
		const escalation = await call("/organization/create-role", a, { role: "x", permission: { member: ["fly"] } });
		expectError(escalation, 403, "YOU_ARE_NOT_ALLOWED_TO_CREATE_A_ROLE");
		expect(escalation.body.missingPermissions).toEqual(["member:fly"]);
		expectError(await call("/organization/create-role", b, body), 403, "YOU_ARE_NOT_ALLOWED_TO_CREATE_A_ROLE");
		expectError(
			await call("/organization/create-role", c, body),
			400,
			"YOU_MUST_BE_IN_AN_ORGANIZATION_TO_CREATE_A_ROLE",
		);
		expectError(
			await call("/organization/create-role", c, { ...body, organizationId: org.id }),
			403,
			"YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION",
		);
		expectError(await call("/organization/create-role", undefined, body), 401, "UNAUTHORIZED");
		expectError(await call("/organization/create-role", a, { role: 5, permission: {} }), 400, "VALIDATION_ERROR");
		expectError(await call("/organization/create-role", a, { role: "x" }), 400, "VALIDATION_ERROR");
		expectError(await call("/organization/list-roles", c), 400, "NO_ACTIVE_ORGANIZATION");
		expectError(await call("/organization/get-role?roleName=nope", a), 400, "ROLE_NOT_FOUND");
		expectError(await call("/organization/get-role", a), 400, "VALIDATION_ERROR");
		expectError(
			await call("/organization/update-role", a, { roleName: "sales", data: { roleName: "member" } }),
			400,
			"ROLE_NAME_IS_ALREADY_TAKEN",
		);
		expectError(
			await call("/organization/update-role", a, { roleName: "sales", data: { permission: { foo: ["x"] } } }),
			400,
			"INVALID_RESOURCE",
		);
		expectError(
			await call("/organization/update-role", b, { roleName: "sales", data: { roleName: "q" } }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_UPDATE_A_ROLE",
		);
		expectError(await call("/organization/update-role", a, { roleName: "nope", data: {} }), 400, "ROLE_NOT_FOUND");
		expectError(await call("/organization/update-role", a, { data: {} }), 400, "VALIDATION_ERROR");
		expectError(
			await call("/organization/delete-role", a, { roleName: "admin" }),
			400,
			"CANNOT_DELETE_A_PRE_DEFINED_ROLE",
		);
		expectError(
			await call("/organization/delete-role", b, { roleName: "sales" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_DELETE_A_ROLE",
		);
		expectError(await call("/organization/delete-role", a, { roleName: "nope" }), 400, "ROLE_NOT_FOUND");
		expectError(await call("/organization/delete-role", a, {}), 400, "VALIDATION_ERROR");
	});

	it("needs an ac instance to write roles", async () => {
		const { call, a } = await withRoles(false);
		expectError(
			await call("/organization/create-role", a, { role: "x", permission: { ac: ["read"] } }),
			501,
			"MISSING_AC_INSTANCE",
		);
		expectError(await call("/organization/update-role", a, { roleName: "x", data: {} }), 501, "MISSING_AC_INSTANCE");
		expect((await call("/organization/list-roles", a)).body).toEqual([]);
	});
});
