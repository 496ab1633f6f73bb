import { BetterAuthError } from "@better-auth/core/error";
import { describe, expect, it } from "vitest";
import { createAccessControl } from "../access";
import { adminAc, defaultRoles, defaultStatements, userAc } from "./access";
import { admin } from "./index";
import { expectError, setupAdmin } from "./test-helpers";

const ac = createAccessControl({ ...defaultStatements, project: ["create", "delete"] });
const roles = {
	admin: ac.newRole({ ...adminAc.statements, project: ["create", "delete"] }),
	user: ac.newRole({ project: ["create"] }),
	support: ac.newRole({ user: ["list", "get", "impersonate"], session: ["list"] }),
	editor: ac.newRole({ user: ["update"] }),
};

describe("admin/access: default statements and roles", () => {
	it("admin may do everything but impersonate admins; user nothing", () => {
		expect(
			adminAc.authorize({ user: ["create", "list", "set-role", "ban", "delete", "set-password", "get", "update"] }),
		).toEqual({
			success: true,
		});
		expect(adminAc.authorize({ session: ["list", "revoke", "delete"] })).toEqual({ success: true });
		expect(adminAc.authorize({ user: ["impersonate-admins"] } as never).success).toBe(false);
		expect(userAc.authorize({ user: ["list"] } as never).success).toBe(false);
		expect(Object.keys(defaultRoles)).toEqual(["admin", "user"]);
	});
});

describe("admin: set-role", () => {
	it("sets one role or several; any name with the default roles", async () => {
		const { call, user, row } = await setupAdmin();
		const set = (role: unknown, userId: unknown = user.id) => call("/admin/set-role", { userId, role });
		expect((await (await set("admin")).json()).user.role).toBe("admin");
		expect((await (await set(["user", "sale"])).json()).user.role).toBe("user,sale");
		expect((await (await set("anything")).json()).user.role).toBe("anything");
		expect(row(user.id)).toMatchObject({ role: "anything" });
		await expectError(await set("user", "nope"), 404, "USER_NOT_FOUND");
		await expectError(await set(5), 400, "VALIDATION_ERROR");
		await expectError(await set([1]), 400, "VALIDATION_ERROR");
	});

	it("refuses role names outside custom roles, before looking the user up", async () => {
		const { call, user } = await setupAdmin({ ac, roles });
		const set = (role: unknown, userId = user.id) => call("/admin/set-role", { userId, role });
		await expectError(await set("ghost"), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
		await expectError(await set(["user", "ghost"]), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
		await expectError(await set("user,ghost"), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
		await expectError(await set("ghost", "nope"), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
		await expectError(await set("toString"), 400, "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE");
		expect((await set(["user", "support"])).status).toBe(200);
		await expectError(
			await call("/admin/create-user", { email: "g@x.com", name: "G", role: "ghost" }),
			400,
			"YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE",
		);
		await expectError(
			await call("/admin/create-user", { email: "g@x.com", name: "G", data: { role: "ghost" } }),
			400,
			"YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE",
		);
		await expectError(
			await call("/admin/update-user", { userId: user.id, data: { role: "ghost" } }),
			400,
			"YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE",
		);
	});
});

describe("admin: custom roles", () => {
	it("grants each endpoint by its permission, any of a user's roles being enough", async () => {
		const { call, createUser, user, adminUser } = await setupAdmin({ ac, roles });
		const support = await createUser("support@x.com", "support");
		const both = await createUser("both@x.com", "user,support");
		expect((await call("/admin/list-users", undefined, support.cookie)).status).toBe(200);
		expect((await call("/admin/list-users", undefined, both.cookie)).status).toBe(200);
		await expectError(
			await call("/admin/ban-user", { userId: user.id }, support.cookie),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
		);
		expect((await call("/admin/impersonate-user", { userId: user.id }, support.cookie)).status).toBe(200);
		await expectError(
			await call("/admin/impersonate-user", { userId: adminUser.id }, support.cookie),
			403,
			"YOU_CANNOT_IMPERSONATE_ADMINS",
		);
	});

	it("update-user needs set-role, ban, set-email and set-phone for those fields", async () => {
		const { call, createUser, user } = await setupAdmin({ ac, roles });
		const editor = await createUser("editor@x.com", "editor");
		const update = (data: unknown) => call("/admin/update-user", { userId: user.id, data }, editor.cookie);
		expect((await update({ name: "Renamed" })).status).toBe(200);
		await expectError(await update({ role: "admin" }), 403, "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE");
		await expectError(
			await update({ email: "z@x.com", role: "admin" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
		);
		for (const data of [{ banned: true }, { banReason: "x" }, { banExpires: null }]) {
			await expectError(await update(data), 403, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS");
		}
		for (const data of [{ email: "z@x.com" }, { emailVerified: true }]) {
			await expectError(await update(data), 403, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL");
		}
		await expectError(await update({ phoneNumber: "123" }), 403, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER");
		const plain = await createUser("plain@x.com");
		await expectError(
			await call("/admin/update-user", { userId: user.id, data: { name: "x" } }, plain.cookie),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS",
		);
	});

	it("custom roles replace the defaults entirely", async () => {
		const project = createAccessControl({ project: ["a"] });
		const { call } = await setupAdmin({ ac: project, roles: { owner: project.newRole({ project: ["a"] }) } });
		await expectError(await call("/admin/list-users"), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");
	});

	it("refuses adminRoles missing from roles at start-up", () => {
		expect(() => admin({ adminRoles: ["superuser"] })).toThrow(BetterAuthError);
		expect(() => admin({ adminRoles: "superuser" })).toThrow(
			"Invalid admin roles: superuser. Admin roles must be defined in the 'roles' configuration.",
		);
		expect(() => admin({ roles: { owner: userAc }, adminRoles: ["admin"] })).toThrow(BetterAuthError);
		// The default ["admin"] is not checked against custom roles, as in better-auth 1.7.
		expect(() => admin({ roles: { owner: userAc } })).not.toThrow();
		expect(() => admin({ adminRoles: [] })).not.toThrow();
	});
});

describe("admin: has-permission", () => {
	it("checks the signed-in user's roles over HTTP, ignoring userId and role", async () => {
		const { call, user, adminUser, createUser } = await setupAdmin({ ac, roles });
		const check = async (body: unknown, cookie?: string) => (await call("/admin/has-permission", body, cookie)).json();
		expect(await check({ permissions: { user: ["list"], session: ["list"] } })).toEqual({ error: null, success: true });
		expect(await check({ permissions: { project: ["create"] } }, user.cookie)).toEqual({ error: null, success: true });
		expect(await check({ permissions: { project: ["delete"] } }, user.cookie)).toEqual({ error: null, success: false });
		expect(await check({ permissions: { user: ["list"] }, role: "admin" }, user.cookie)).toEqual({
			error: null,
			success: false,
		});
		expect(await check({ permissions: { user: ["list"] }, userId: adminUser.id }, user.cookie)).toEqual({
			error: null,
			success: false,
		});
		expect(await check({ permissions: {} })).toEqual({ error: null, success: false });
		expect(await check({ permissions: { unknown: ["x"] } })).toEqual({ error: null, success: false });
		// Each role must grant the whole request on its own.
		const both = await createUser("both@x.com", "user,support");
		expect(await check({ permissions: { project: ["create"], user: ["list"] } }, both.cookie)).toEqual({
			error: null,
			success: false,
		});
	});

	it("validates the body", async () => {
		const { call } = await setupAdmin();
		for (const body of [
			{},
			{ permissions: { user: "list" } },
			{ permissions: ["x"] },
			{ permission: { user: ["list"] } },
			{ permission: { user: ["list"] }, permissions: { user: ["list"] } },
		]) {
			await expectError(await call("/admin/has-permission", body), 400, "VALIDATION_ERROR");
		}
	});

	it("from the server: by userId or role", async () => {
		const { auth, user, adminUser } = await setupAdmin();
		const check = (body: Record<string, unknown>) =>
			auth.api.userHasPermission({ body: { permissions: { user: ["list"] }, ...body } as never });
		expect(await check({ role: "admin" })).toEqual({ error: null, success: true });
		expect(await check({ role: "user,admin" })).toEqual({ error: null, success: true });
		expect(await check({ role: "ghost" })).toEqual({ error: null, success: false });
		expect(await check({ userId: adminUser.id })).toEqual({ error: null, success: true });
		expect(await check({ userId: user.id })).toEqual({ error: null, success: false });
		await expect(check({ userId: "nope" })).rejects.toMatchObject({
			statusCode: 400,
			body: { code: "USER_NOT_FOUND" },
		});
		await expect(check({})).rejects.toMatchObject({ statusCode: 400, body: { code: "USER_ID_OR_ROLE_REQUIRED" } });
	});
});
