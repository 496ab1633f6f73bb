import { describe, expect, it } from "vitest";
import { cookieHeader } from "../../test";
import { expectError, password, setupAdmin } from "./test-helpers";

describe("admin: schema and defaults", () => {
	it("adds role, banned, banReason, banExpires to users and impersonatedBy to sessions", async () => {
		const { database } = await setupAdmin();
		const columns = (table: string) =>
			(database.prepare(`pragma table_info(${table})`).all() as { name: string; notnull: number }[]).map(
				({ name, notnull }) => `${name}:${notnull}`,
			);
		expect(columns("user")).toEqual(expect.arrayContaining(["role:0", "banned:0", "banReason:0", "banExpires:0"]));
		expect(columns("session")).toContain("impersonatedBy:0");
	});

	it("gives new users the default role and banned: false", async () => {
		const { request, row } = await setupAdmin({ defaultRole: "member" });
		const response = await request("/sign-up/email", { body: { email: "n@x.com", password, name: "N" } });
		const { user } = await response.json();
		expect(user).toMatchObject({ role: "member", banned: false, banReason: null, banExpires: null });
		expect(row(user.id)).toMatchObject({ role: "member", banned: 0 });
	});

	it("does not let sign-up or update-user set role or ban fields", async () => {
		const { request, row, user } = await setupAdmin();
		// `role` is refused with FIELD_NOT_ALLOWED and `banned` (which has a default) ignored, as 1.7 answers.
		const refused = await request("/sign-up/email", { body: { email: "n@x.com", password, name: "N", role: "admin" } });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ code: "FIELD_NOT_ALLOWED" });
		const signUp = await request("/sign-up/email", { body: { email: "n@x.com", password, name: "N", banned: true } });
		const created = (await signUp.json()).user;
		expect(row(created.id)).toMatchObject({ role: "user", banned: 0 });
		const update = await request("/update-user", { body: { name: "Still user", role: "admin" }, cookie: user.cookie });
		expect(update.status).toBe(400);
		expect(await update.json()).toMatchObject({ code: "FIELD_NOT_ALLOWED" });
		expect(row(user.id)).toMatchObject({ role: "user" });
	});
});

describe("admin: authentication and permissions", () => {
	const endpoints: [string, unknown, string][] = [
		["/admin/list-users", undefined, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS"],
		["/admin/get-user?id=x", undefined, "YOU_ARE_NOT_ALLOWED_TO_GET_USER"],
		["/admin/create-user", { email: "n@x.com", password, name: "N" }, "YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS"],
		["/admin/update-user", { userId: "x", data: { name: "x" } }, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS"],
		["/admin/set-role", { userId: "x", role: "admin" }, "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"],
		["/admin/set-user-password", { userId: "x", newPassword: password }, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD"],
		["/admin/ban-user", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"],
		["/admin/unban-user", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"],
		["/admin/list-user-sessions", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS"],
		["/admin/revoke-user-session", { sessionToken: "x" }, "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"],
		["/admin/revoke-user-sessions", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"],
		["/admin/impersonate-user", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS"],
		["/admin/remove-user", { userId: "x" }, "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS"],
	];

	it("answers 401 without a session, on every endpoint", async () => {
		const { call } = await setupAdmin();
		for (const [path, body] of [
			...endpoints,
			["/admin/stop-impersonating", {}],
			["/admin/has-permission", { permissions: { user: ["list"] } }],
		] as [string, unknown][]) {
			await expectError(await call(path, body, ""), 401, "UNAUTHORIZED");
		}
	});

	it("clears the cookies of a session that no longer exists", async () => {
		const { call, database, adminUser } = await setupAdmin();
		database.prepare("delete from session").run();
		const response = await call("/admin/list-users", undefined, adminUser.cookie);
		expect(response.status).toBe(401);
		expect(response.headers.getSetCookie().map((cookie) => cookie.split("=")[0])).toEqual([
			"better-auth.session_token",
			"better-auth.session_data",
			"better-auth.dont_remember",
		]);
	});

	it("answers 403 with the endpoint's code to a user without the permission", async () => {
		const { call, user } = await setupAdmin();
		for (const [path, body, code] of endpoints) await expectError(await call(path, body, user.cookie), 403, code);
	});

	it("validates the body before checking the session", async () => {
		const { call } = await setupAdmin();
		await expectError(await call("/admin/ban-user", {}, ""), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/get-user", undefined, ""), 400, "VALIDATION_ERROR");
	});

	it("refuses cross-site POSTs that carry the admin's cookie", async () => {
		const { request, adminUser, user } = await setupAdmin();
		const response = await request("/admin/ban-user", {
			body: { userId: user.id },
			cookie: adminUser.cookie,
			headers: { origin: "http://evil.example" },
		});
		await expectError(response, 403, "INVALID_ORIGIN");
	});

	it("lets users in adminUserIds do everything, whatever their role", async () => {
		let users = 0;
		const { call, createUser } = await setupAdmin(
			{ adminUserIds: ["user-3"] },
			{
				advanced: {
					database: {
						generateId: ({ model }: { model: string }) => (model === "user" ? `user-${++users}` : crypto.randomUUID()),
					},
				},
			},
		);
		const fixed = await createUser("fixed@x.com");
		expect(fixed.id).toBe("user-3");
		expect((await call("/admin/list-users", undefined, fixed.cookie)).status).toBe(200);
		const check = await call("/admin/has-permission", { permissions: { anything: ["at-all"] } }, fixed.cookie);
		expect(await check.json()).toEqual({ error: null, success: true });
	});
});

describe("admin: create-user", () => {
	it("creates a user with a credential account, lowercased email and the default role", async () => {
		const { call, request, database } = await setupAdmin();
		const response = await call("/admin/create-user", { email: "New@X.com", password, name: "New" });
		expect(response.status).toBe(200);
		const { user } = await response.json();
		expect(user).toMatchObject({ email: "new@x.com", name: "New", role: "user", banned: false, emailVerified: false });
		const accounts = database.prepare("select providerId from account where userId = ?").all(user.id);
		expect(accounts).toEqual([{ providerId: "credential" }]);
		const signIn = await request("/sign-in/email", { body: { email: "new@x.com", password } });
		expect(signIn.status).toBe(200);
		// The admin's own session is untouched: no cookie is set.
		expect(response.headers.getSetCookie()).toEqual([]);
	});

	it("takes roles as a string or a list, and data fields", async () => {
		const { call, row } = await setupAdmin();
		const many = await (
			await call("/admin/create-user", { email: "a@y.com", password, name: "A", role: ["admin", "sale"] })
		).json();
		expect(many.user.role).toBe("admin,sale");
		const withData = await (
			await call("/admin/create-user", {
				email: "b@y.com",
				name: "B",
				data: { emailVerified: true, role: "admin", image: "https://img", unknownField: 1 },
			})
		).json();
		expect(withData.user).toMatchObject({ emailVerified: true, role: "admin", image: "https://img" });
		expect(row(withData.user.id)).not.toHaveProperty("unknownField");
	});

	it("creates a user without a password and without an account", async () => {
		const { call, database } = await setupAdmin();
		const { user } = await (await call("/admin/create-user", { email: "np@x.com", name: "NP" })).json();
		expect(database.prepare("select count(*) as n from account where userId = ?").get(user.id)).toEqual({ n: 0 });
	});

	it("refuses duplicates, bad emails, bad passwords and bad data", async () => {
		const { call } = await setupAdmin();
		const create = (body: Record<string, unknown>) => call("/admin/create-user", { password, name: "X", ...body });
		await expectError(await create({ email: "USER@x.com" }), 400, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
		await expectError(await create({ email: "not-an-email" }), 400, "INVALID_EMAIL");
		await expectError(await create({ email: "a@x.com", password: "short" }), 400, "PASSWORD_TOO_SHORT");
		await expectError(await create({ email: "a@x.com", password: "" }), 400, "PASSWORD_TOO_SHORT");
		await expectError(await create({ email: "a@x.com", password: "x".repeat(129) }), 400, "PASSWORD_TOO_LONG");
		await expectError(await create({ email: "a@x.com", role: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await create({ email: "a@x.com", name: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await create({ email: "a@x.com", data: [1] }), 400, "VALIDATION_ERROR");
		await expectError(await create({ email: "a@x.com", data: { emailVerified: "yes" } }), 400, "VALIDATION_ERROR");
		await expectError(await create({ email: "a@x.com", data: { id: 5 } }), 400, "VALIDATION_ERROR");
		await expectError(await create({ email: 5 }), 400, "VALIDATION_ERROR");
	});

	it("can be called from the server without a session, but not over HTTP", async () => {
		const { auth, call } = await setupAdmin();
		const { user } = await auth.api.createUser({ body: { email: "srv@x.com", password, name: "Srv", role: "admin" } });
		expect(user).toMatchObject({ email: "srv@x.com", role: "admin" });
		await expectError(
			await call("/admin/create-user", { email: "http@x.com", password, name: "H" }, ""),
			401,
			"UNAUTHORIZED",
		);
		await expect(
			auth.api.createUser({ body: { email: "h2@x.com", name: "H" }, headers: new Headers({ "user-agent": "x" }) }),
		).rejects.toMatchObject({ statusCode: 401 });
	});
});

describe("admin: get-user, update-user, remove-user, set-user-password", () => {
	it("gets a user by id", async () => {
		const { call, user } = await setupAdmin();
		const response = await call(`/admin/get-user?id=${user.id}`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ id: user.id, email: "user@x.com", role: "user" });
		await expectError(await call("/admin/get-user?id=nope"), 404, "USER_NOT_FOUND");
	});

	it("updates fields, joins role lists, lowercases emails and answers the user", async () => {
		const { call, user, row } = await setupAdmin();
		const update = (data: unknown, userId: unknown = user.id) => call("/admin/update-user", { userId, data });
		const response = await update({ name: "Renamed", role: ["user", "sale"], email: "NEW@x.com", banned: false });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			id: user.id,
			name: "Renamed",
			role: "user,sale",
			email: "new@x.com",
		});
		expect(row(user.id)).toMatchObject({ name: "Renamed", role: "user,sale", email: "new@x.com" });
		const created = await update({ createdAt: "2020-01-01T00:00:00.000Z" });
		expect((await created.json()).createdAt).toBe("2020-01-01T00:00:00.000Z");
	});

	it("refuses what update-user must not do, in better-auth 1.7's order", async () => {
		const { call, user, adminUser } = await setupAdmin();
		const update = (data: unknown, userId: unknown = user.id) => call("/admin/update-user", { userId, data });
		await expectError(await update({}), 400, "NO_DATA_TO_UPDATE");
		await expectError(await update({ name: undefined }), 400, "NO_DATA_TO_UPDATE");
		await expectError(await update({}, "nope"), 400, "NO_DATA_TO_UPDATE");
		await expectError(await update({ password: "x", id: "y" }), 400, "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER");
		await expectError(await update({ id: "y" }, "nope"), 400, "USER_ID_CANNOT_BE_UPDATED");
		await expectError(await update({ role: 5 }), 400, "INVALID_ROLE_TYPE");
		await expectError(await update({ email: "bad" }), 400, "INVALID_EMAIL");
		await expectError(await update({ email: "ADMIN@x.com" }), 400, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
		await expectError(await update({ name: "x" }, "nope"), 404, "USER_NOT_FOUND");
		await expectError(await update({ name: null }), 400, "VALIDATION_ERROR");
		await expectError(await update({ banned: "yes" }), 400, "VALIDATION_ERROR");
		// Unknown keys are dropped; with nothing else the user comes back unchanged (as in 1.7).
		expect((await update({ onlyUnknown: 1 })).status).toBe(200);
		await expectError(await call("/admin/update-user", { userId: user.id }), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/update-user", { userId: user.id, data: null }), 400, "VALIDATION_ERROR");
		await expectError(await update({ name: "x" }, null), 400, "VALIDATION_ERROR");
		// Keeping one's own email is not a conflict.
		expect((await update({ email: "admin@x.com" }, adminUser.id)).status).toBe(200);
	});

	it("removes a user with sessions and accounts, never oneself", async () => {
		const { call, user, adminUser, row, database, sessionCount } = await setupAdmin();
		await expectError(await call("/admin/remove-user", { userId: adminUser.id }), 400, "YOU_CANNOT_REMOVE_YOURSELF");
		await expectError(await call("/admin/remove-user", { userId: "nope" }), 404, "USER_NOT_FOUND");
		const response = await call("/admin/remove-user", { userId: user.id });
		expect(await response.json()).toEqual({ success: true });
		expect(row(user.id)).toBeUndefined();
		expect(sessionCount(user.id)).toBe(0);
		expect(database.prepare("select count(*) as n from account where userId = ?").get(user.id)).toEqual({ n: 0 });
	});

	it("sets a password, creating the credential account when missing", async () => {
		const { call, request, user, database } = await setupAdmin();
		const set = (body: unknown) => call("/admin/set-user-password", body);
		expect(await (await set({ userId: user.id, newPassword: "new-password-1" })).json()).toEqual({ status: true });
		expect(
			(await request("/sign-in/email", { body: { email: "user@x.com", password: "new-password-1" } })).status,
		).toBe(200);
		await expectError(await set({ userId: user.id, newPassword: "" }), 400, "VALIDATION_ERROR");
		await expectError(await set({ userId: user.id, newPassword: "short" }), 400, "PASSWORD_TOO_SHORT");
		await expectError(await set({ userId: user.id, newPassword: "x".repeat(200) }), 400, "PASSWORD_TOO_LONG");
		await expectError(await set({ userId: "nope", newPassword: "new-password-1" }), 404, "USER_NOT_FOUND");
		await expectError(await set({ userId: user.id, newPassword: 12345678 }), 400, "VALIDATION_ERROR");

		const { user: bare } = await (await call("/admin/create-user", { email: "bare@x.com", name: "Bare" })).json();
		expect((await set({ userId: bare.id, newPassword: "bare-password" })).status).toBe(200);
		expect(database.prepare("select providerId from account where userId = ?").all(bare.id)).toEqual([
			{ providerId: "credential" },
		]);
		const signIn = await request("/sign-in/email", { body: { email: "bare@x.com", password: "bare-password" } });
		expect(cookieHeader(signIn)).toContain("session_token");
	});
});
