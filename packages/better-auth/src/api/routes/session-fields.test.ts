import { describe, expect, it } from "vitest";
import { getTestInstance } from "../../test";

async function setup() {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		session: {
			additionalFields: {
				theme: { type: "string", required: false },
				risk: { type: "number", required: false, input: false },
			},
		},
	});
	const { cookie } = await instance.signUp();
	return { ...instance, cookie };
}

describe("update-session", () => {
	it("sets an additional session field, answers the session and keeps it in get-session", async () => {
		const { request, cookie, database } = await setup();
		const response = await request("/update-session", { body: { theme: "dark" }, cookie });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.session).toMatchObject({ theme: "dark" });
		expect(response.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
		expect(database.prepare("select theme from session").get()).toEqual({ theme: "dark" });
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.session.theme).toBe("dark");
	});

	it("ignores core fields and refuses server-owned ones", async () => {
		const { request, cookie, database } = await setup();
		const before = database.prepare("select token, expiresAt from session").get();
		const core = await request("/update-session", { body: { token: "stolen", expiresAt: "2099-01-01" }, cookie });
		expect(core.status).toBe(400);
		expect(await core.json()).toMatchObject({ code: "NO_FIELDS_TO_UPDATE" });
		const owned = await request("/update-session", { body: { theme: "x", risk: 0 }, cookie });
		expect(owned.status).toBe(400);
		expect(await owned.json()).toMatchObject({ code: "FIELD_NOT_ALLOWED" });
		expect(database.prepare("select token, expiresAt from session").get()).toEqual(before);
		expect(database.prepare("select theme from session").get()).toEqual({ theme: null });
	});

	it("needs a session and a JSON object", async () => {
		const { request, cookie } = await setup();
		expect((await request("/update-session", { body: { theme: "x" } })).status).toBe(401);
		const bad = await request("/update-session", { body: ["theme"], cookie });
		expect(bad.status).toBe(400);
	});
});

describe("verify-password", () => {
	it("answers status true for the right password and INVALID_PASSWORD otherwise", async () => {
		const { request, cookie } = await setup();
		const ok = await request("/verify-password", { body: { password: "test-password-123" }, cookie });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ status: true });
		const wrong = await request("/verify-password", { body: { password: "nope-nope-nope" }, cookie });
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ code: "INVALID_PASSWORD" });
		const missing = await request("/verify-password", { body: {}, cookie });
		expect(missing.status).toBe(400);
		expect((await request("/verify-password", { body: { password: "test-password-123" } })).status).toBe(401);
	});
});

describe("auth.api without headers", () => {
	it("answers 400 VALIDATION_ERROR where the endpoint needs the caller's headers, as 1.7", async () => {
		const { auth, cookie } = await setup();
		for (const call of [() => auth.api.getSession(), () => auth.api.listSessions(), () => auth.api.signOut()]) {
			await expect(call()).rejects.toMatchObject({
				body: { code: "VALIDATION_ERROR", message: "Headers is required" },
			});
		}
		// Given headers (even without a session) the endpoint runs.
		expect(await auth.api.getSession({ headers: new Headers() })).toBeNull();
		expect(await auth.api.getSession({ headers: { cookie } })).toMatchObject({ user: { email: "test@example.com" } });
		// Endpoints behind the session middleware alone answer 401, as 1.7.
		await expect(auth.api.updateUser({ body: { name: "x" } })).rejects.toMatchObject({
			body: { code: "UNAUTHORIZED" },
		});
	});

	it("exposes listUserAccounts as in 1.7", async () => {
		const { auth, cookie } = await setup();
		const accounts = await auth.api.listUserAccounts({ headers: { cookie } });
		expect(accounts.map((a: { providerId: string }) => a.providerId)).toEqual(["credential"]);
	});
});

describe("session.deferSessionRefresh", () => {
	const rows = (database: { prepare: (sql: string) => { get: () => unknown } }) =>
		database.prepare("select expiresAt, updatedAt from session").get() as { expiresAt: number; updatedAt: number };

	it("without it, POST /get-session answers 405", async () => {
		const { request, cookie } = await setup();
		const response = await request("/get-session", { method: "POST", cookie });
		expect(response.status).toBe(405);
		expect(await response.json()).toMatchObject({ code: "METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED" });
	});

	it("GET reports needsRefresh without writing; POST refreshes, behind the Origin check", async () => {
		const instance = await getTestInstance({
			emailAndPassword: { enabled: true },
			session: { deferSessionRefresh: true, updateAge: 0 },
		});
		const { cookie } = await instance.signUp();
		const before = rows(instance.database);
		await new Promise((resolve) => setTimeout(resolve, 5));
		const get = await instance.request("/get-session", { cookie });
		expect(await get.json()).toMatchObject({ user: { email: "test@example.com" }, needsRefresh: true });
		expect(get.headers.getSetCookie()).toEqual([]);
		expect(rows(instance.database)).toEqual(before);
		const forged = await instance.request("/get-session", {
			method: "POST",
			cookie,
			headers: { origin: "http://evil.example" },
		});
		expect(forged.status).toBe(403);
		expect(rows(instance.database)).toEqual(before);
		const post = await instance.request("/get-session", { method: "POST", cookie });
		expect(post.status).toBe(200);
		const body = await post.json();
		expect(body).toMatchObject({ user: { email: "test@example.com" } });
		expect(body.needsRefresh).toBeUndefined();
		expect(Date.parse(String(rows(instance.database).expiresAt))).toBeGreaterThan(Date.parse(String(before.expiresAt)));
		expect(post.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
	});

	it("GET says needsRefresh: false while the session is young", async () => {
		const instance = await getTestInstance({
			emailAndPassword: { enabled: true },
			session: { deferSessionRefresh: true },
		});
		const { cookie } = await instance.signUp();
		expect(await (await instance.request("/get-session", { cookie })).json()).toMatchObject({ needsRefresh: false });
		expect(await (await instance.request("/get-session")).json()).toBeNull();
	});
});
