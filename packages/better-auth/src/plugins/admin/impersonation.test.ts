import { describe, expect, it } from "vitest";
import { cookieHeader } from "../../test";
import { createAccessControl } from "../access";
import { adminAc, defaultStatements } from "./access";
import { expectError, password, setupAdmin, withCookies } from "./test-helpers";

const names = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

describe("admin: impersonate-user and stop-impersonating", () => {
	it("opens a one-hour session for the user and parks the admin's session in admin_session", async () => {
		const { call, request, user, adminUser, database } = await setupAdmin();
		const before = Date.now();
		const response = await request("/admin/impersonate-user", {
			body: { userId: user.id },
			cookie: adminUser.cookie,
			headers: { "user-agent": "UA", "x-forwarded-for": "1.2.3.4" },
		});
		expect(response.status).toBe(200);
		const { session, user: impersonated } = await response.json();
		expect(impersonated).toMatchObject({ id: user.id, email: "user@x.com" });
		expect(session).toMatchObject({
			userId: user.id,
			impersonatedBy: adminUser.id,
			ipAddress: "1.2.3.4",
			userAgent: "UA",
		});
		const lifetime = new Date(session.expiresAt).getTime() - before;
		expect(lifetime).toBeGreaterThan(3590_000);
		expect(lifetime).toBeLessThan(3610_000);
		// Cleared first, then admin_session, then the new browser-session cookie with dont_remember.
		expect(names(response).map((pair) => pair.split("=")[0])).toEqual([
			"better-auth.session_token",
			"better-auth.session_data",
			"better-auth.dont_remember",
			"better-auth.admin_session",
			"better-auth.session_token",
			"better-auth.dont_remember",
		]);
		const sessionCookie = response.headers.getSetCookie()[4];
		expect(sessionCookie).not.toMatch(/Max-Age/i);
		expect(response.headers.getSetCookie()[3]).toMatch(/Max-Age=604800/);
		const adminToken = database
			.prepare("select token from session where userId = ? and impersonatedBy is null")
			.get(adminUser.id) as { token: string };
		const parked = decodeURIComponent(names(response)[3].split("=")[1]);
		expect(parked.startsWith(`${adminToken.token}:.`)).toBe(true);

		const cookie = withCookies(adminUser.cookie, response);
		const current = await (await request("/get-session", { cookie })).json();
		expect(current.user.id).toBe(user.id);
		expect(current.session.impersonatedBy).toBe(adminUser.id);
		// While impersonating, the admin acts as the user: no admin rights.
		await expectError(await call("/admin/list-users", undefined, cookie), 403, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");

		const stop = await request("/admin/stop-impersonating", { method: "POST", cookie });
		expect(stop.status).toBe(200);
		const restored = await stop.json();
		expect(restored.user.id).toBe(adminUser.id);
		expect(restored.session.token).toBe(adminToken.token);
		expect(names(stop).map((pair) => pair.split("=")[0])).toEqual([
			"better-auth.session_token",
			"better-auth.dont_remember",
			"better-auth.admin_session",
		]);
		expect(stop.headers.getSetCookie()[0]).toMatch(/Max-Age=604800/);
		expect(stop.headers.getSetCookie()[1]).toMatch(/Max-Age=0/);
		expect(
			database.prepare("select count(*) as n from session where impersonatedBy is not null").get() as { n: number },
		).toEqual({ n: 0 });
		const after = withCookies(cookie, stop);
		expect((await (await request("/get-session", { cookie: after })).json()).user.id).toBe(adminUser.id);
		await expectError(
			await request("/admin/stop-impersonating", { method: "POST", cookie: after }),
			400,
			"NOT_IMPERSONATING",
		);
	});

	it("restores a don't-remember-me admin session as one", async () => {
		const { request, user } = await setupAdmin();
		const signIn = await request("/sign-in/email", { body: { email: "admin@x.com", password, rememberMe: false } });
		const adminCookie = cookieHeader(signIn);
		const impersonate = await request("/admin/impersonate-user", { body: { userId: user.id }, cookie: adminCookie });
		const parked = decodeURIComponent(names(impersonate)[3].split("=")[1]);
		expect(parked).toMatch(/^[A-Za-z0-9]+:true\./);
		const stop = await request("/admin/stop-impersonating", {
			method: "POST",
			cookie: withCookies(adminCookie, impersonate),
		});
		expect(stop.status).toBe(200);
		const cookies = stop.headers.getSetCookie();
		expect(cookies[0]).not.toMatch(/Max-Age/i);
		expect(cookies[1]).toMatch(/^better-auth\.dont_remember=true\./);
		expect(cookies[2]).toMatch(/^better-auth\.admin_session=;/);
	});

	it("honours impersonationSessionDuration", async () => {
		const { call, user } = await setupAdmin({ impersonationSessionDuration: 120 });
		const before = Date.now();
		const { session } = await (await call("/admin/impersonate-user", { userId: user.id })).json();
		expect(new Date(session.expiresAt).getTime() - before).toBeLessThan(125_000);
	});

	it("refuses unknown users and admins (without impersonate-admins)", async () => {
		const { call, createUser, adminUser } = await setupAdmin();
		const other = await createUser("other-admin@x.com", "user,admin");
		await expectError(await call("/admin/impersonate-user", { userId: "nope" }), 404, "USER_NOT_FOUND");
		await expectError(
			await call("/admin/impersonate-user", { userId: adminUser.id }),
			403,
			"YOU_CANNOT_IMPERSONATE_ADMINS",
		);
		await expectError(
			await call("/admin/impersonate-user", { userId: other.id }),
			403,
			"YOU_CANNOT_IMPERSONATE_ADMINS",
		);
		await expectError(await call("/admin/impersonate-user", { userId: null }), 400, "VALIDATION_ERROR");
	});

	it("lets a role with impersonate-admins impersonate admins", async () => {
		const ac = createAccessControl(defaultStatements);
		const { call, createUser, adminUser } = await setupAdmin({
			ac,
			roles: { admin: adminAc, user: ac.newRole({}), superadmin: ac.newRole({ ...defaultStatements }) },
			adminRoles: ["admin", "superadmin"],
		});
		const superadmin = await createUser("super@x.com", "superadmin");
		expect((await call("/admin/impersonate-user", { userId: adminUser.id }, superadmin.cookie)).status).toBe(200);
		await expectError(
			await call("/admin/impersonate-user", { userId: superadmin.id }, adminUser.cookie),
			403,
			"YOU_CANNOT_IMPERSONATE_ADMINS",
		);
	});

	it("stop: 400 without admin_session, or with a forged or stale one", async () => {
		const { call, request, user, adminUser, database } = await setupAdmin();
		const impersonate = await call("/admin/impersonate-user", { userId: user.id });
		const cookie = withCookies(adminUser.cookie, impersonate);
		const stop = (sent: string) => request("/admin/stop-impersonating", { method: "POST", cookie: sent });
		const without = cookie
			.split("; ")
			.filter((pair) => !pair.startsWith("better-auth.admin_session"))
			.join("; ");
		await expectError(await stop(without), 400, "FAILED_TO_FIND_ADMIN_SESSION");
		const forged = cookie.replace(/better-auth\.admin_session=[^;]*/, "better-auth.admin_session=abc%3A.forged");
		await expectError(await stop(forged), 400, "FAILED_TO_FIND_ADMIN_SESSION");
		database.prepare("delete from session where impersonatedBy is null and userId = ?").run(adminUser.id);
		await expectError(await stop(cookie), 400, "FAILED_TO_FIND_ADMIN_SESSION");
		// Nothing was ended along the way: the impersonation session is still there.
		expect(database.prepare("select count(*) as n from session where impersonatedBy is not null").get()).toEqual({
			n: 1,
		});
		// GET is not a route.
		expect((await request("/admin/stop-impersonating", { cookie })).status).toBe(404);
	});

	it("stop: refuses an admin_session that belongs to someone else than the impersonator", async () => {
		const { call, request, user, adminUser, createUser } = await setupAdmin();
		const second = await createUser("second@x.com", "admin");
		const fromSecond = await call("/admin/impersonate-user", { userId: user.id }, second.cookie);
		const fromFirst = await call("/admin/impersonate-user", { userId: user.id }, adminUser.cookie);
		// The first admin's impersonation session with the second admin's parked session.
		const parkedBySecond = names(fromSecond)[3];
		const cookie = withCookies(adminUser.cookie, fromFirst).replace(/better-auth\.admin_session=[^;]*/, parkedBySecond);
		await expectError(
			await request("/admin/stop-impersonating", { method: "POST", cookie }),
			400,
			"FAILED_TO_FIND_ADMIN_SESSION",
		);
	});

	it("hides impersonation sessions from /list-sessions, not from the admin's list", async () => {
		const { call, request, user, adminUser } = await setupAdmin();
		const impersonate = await call("/admin/impersonate-user", { userId: user.id });
		const asUser = await (await request("/list-sessions", { cookie: user.cookie })).json();
		expect(asUser).toHaveLength(1);
		expect(asUser[0].impersonatedBy).toBeNull();
		const whileImpersonating = await (
			await request("/list-sessions", { cookie: withCookies(adminUser.cookie, impersonate) })
		).json();
		expect(whileImpersonating).toHaveLength(1);
		const { sessions } = await (await call("/admin/list-user-sessions", { userId: user.id })).json();
		expect(sessions).toHaveLength(2);
		expect(sessions.filter((session: { impersonatedBy: string | null }) => session.impersonatedBy)).toHaveLength(1);
	});
});

describe("admin: user sessions", () => {
	it("lists (expired ones included), revokes one, revokes all", async () => {
		const { call, request, user, database, sessionCount } = await setupAdmin();
		const second = await request("/sign-in/email", { body: { email: "user@x.com", password } });
		const { token } = await second.json();
		database.prepare("update session set expiresAt = ? where token = ?").run("2020-01-01T00:00:00.000Z", token);
		const listed = await (await call("/admin/list-user-sessions", { userId: user.id })).json();
		expect(listed.sessions).toHaveLength(2);
		expect(listed.sessions[0]).toMatchObject({ userId: user.id });
		expect(await (await call("/admin/list-user-sessions", { userId: "nope" })).json()).toEqual({ sessions: [] });

		expect(await (await call("/admin/revoke-user-session", { sessionToken: token })).json()).toEqual({ success: true });
		expect(sessionCount(user.id)).toBe(1);
		expect(await (await call("/admin/revoke-user-session", { sessionToken: "unknown" })).json()).toEqual({
			success: true,
		});
		expect(await (await call("/admin/revoke-user-sessions", { userId: user.id })).json()).toEqual({ success: true });
		expect(sessionCount(user.id)).toBe(0);
		expect(await (await request("/get-session", { cookie: user.cookie })).json()).toBeNull();
		await expectError(await call("/admin/revoke-user-session", { sessionToken: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/revoke-user-sessions", {}), 400, "VALIDATION_ERROR");
	});
});
