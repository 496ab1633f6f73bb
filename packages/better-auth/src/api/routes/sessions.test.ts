import { describe, expect, it } from "vitest";
import { memoryAdapter } from "../../adapters/memory";
import { betterAuth } from "../../auth";

const BASE = "http://localhost:3000";
type Row = Record<string, unknown>;

async function signedIn(extra: object = {}) {
	const db = {} as Record<string, Row[]>;
	const auth = betterAuth({
		baseURL: BASE,
		secret: "s".repeat(32),
		database: memoryAdapter(db),
		emailAndPassword: { enabled: true },
		...extra,
	});
	const response = await auth.handler(
		new Request(`${BASE}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ email: "s@example.com", password: "password123", name: "S" }),
		}),
	);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(";")[0])
		.join("; ");
	const getSession = (query = "") =>
		auth.handler(new Request(`${BASE}/api/auth/get-session${query}`, { headers: { cookie } }));
	return { auth, db, cookie, getSession };
}

describe("session refresh", () => {
	it("writes nothing while updateAge has not passed", async () => {
		const { db, getSession } = await signedIn();
		const before = { ...(db.session[0] as Row) };
		const response = await getSession();
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(db.session[0]).toEqual(before);
	});

	it("extends the expiry and re-issues the cookie once updateAge has passed", async () => {
		const { db, getSession } = await signedIn();
		const session = db.session[0] as { expiresAt: Date };
		// As if the session was created two days ago: 5 days left of 7, refresh due after 1 day.
		session.expiresAt = new Date(Date.now() + 5 * 24 * 3600 * 1000);
		const response = await getSession();
		expect(response.headers.getSetCookie()[0]).toMatch(/^better-auth\.session_token=.*Max-Age=604800/);
		expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);
	});

	it("disableRefresh and disableSessionRefresh leave the session alone", async () => {
		const { db, getSession } = await signedIn();
		const session = db.session[0] as { expiresAt: Date };
		const stale = new Date(Date.now() + 5 * 24 * 3600 * 1000);
		session.expiresAt = stale;
		await getSession("?disableRefresh=true");
		expect(session.expiresAt).toEqual(stale);
		await getSession("?disableRefresh=false");
		expect(session.expiresAt.getTime()).toBeGreaterThan(stale.getTime());

		const other = await signedIn({ session: { disableSessionRefresh: true } });
		const otherSession = other.db.session[0] as { expiresAt: Date };
		otherSession.expiresAt = stale;
		await other.getSession();
		expect(otherSession.expiresAt).toEqual(stale);
	});
});

describe("server-only and user endpoints", () => {
	it("setPassword works through auth.api but is not routed over HTTP", async () => {
		const { auth, cookie, db } = await signedIn();
		db.account.length = 0;
		const http = await auth.handler(
			new Request(`${BASE}/api/auth/set-password`, {
				method: "POST",
				headers: { "content-type": "application/json", cookie, origin: BASE },
				body: JSON.stringify({ newPassword: "another-password" }),
			}),
		);
		expect(http.status).toBe(404);
		expect(await auth.api.setPassword({ body: { newPassword: "another-password" }, headers: { cookie } })).toEqual({
			status: true,
		});
		await expect(
			auth.api.setPassword({ body: { newPassword: "third-password" }, headers: { cookie } }),
		).rejects.toMatchObject({
			body: { code: "PASSWORD_ALREADY_SET" },
		});
	});

	it("revoke-session never ends another user's session", async () => {
		const a = await signedIn();
		const other = await a.auth.api.signUpEmail({
			body: { email: "o@example.com", password: "password123", name: "O" },
		});
		await a.auth.api.revokeSession({ body: { token: other.token as string }, headers: { cookie: a.cookie } });
		expect(a.db.session.some((s) => s.token === other.token)).toBe(true);
	});

	it("update-user ignores fields the client may not set", async () => {
		const { auth, cookie, db } = await signedIn({
			user: {
				additionalFields: {
					role: { type: "string", required: false, input: false },
					bio: { type: "string", required: false },
				},
			},
		});
		await auth.api.updateUser({
			body: { name: "New", bio: "hi", emailVerified: true, createdAt: "2020-01-01" },
			headers: { cookie },
		});
		expect(db.user[0]).toMatchObject({ name: "New", bio: "hi", emailVerified: false });
		expect((db.user[0].createdAt as Date).getFullYear()).toBeGreaterThan(2020);
		// A server-owned additional field refuses the whole update, as in better-auth 1.7.
		await expect(
			auth.api.updateUser({ body: { name: "Other", role: "admin" }, headers: { cookie } }),
		).rejects.toMatchObject({ status: "BAD_REQUEST", body: { code: "FIELD_NOT_ALLOWED" } });
		expect(db.user[0]).toMatchObject({ name: "New" });
		expect(db.user[0].role).toBeUndefined();
	});
});
