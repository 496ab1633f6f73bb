import { describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test-utils/oauth-server";
import { genericOAuth } from "../generic-oauth";
import { expectError, password, setupAdmin } from "./test-helpers";

describe("admin: ban-user and unban-user", () => {
	it("bans with the default reason, ends every session, and refuses sign-in with 403 BANNED_USER", async () => {
		const { call, request, user, row, sessionCount } = await setupAdmin();
		const response = await call("/admin/ban-user", { userId: user.id });
		expect(response.status).toBe(200);
		expect((await response.json()).user).toMatchObject({ banned: true, banReason: "No reason", banExpires: null });
		expect(row(user.id)).toMatchObject({ banned: 1, banReason: "No reason", banExpires: null });
		expect(sessionCount(user.id)).toBe(0);
		// The old cookie leads nowhere now.
		expect(await (await request("/get-session", { cookie: user.cookie })).json()).toBeNull();
		const signIn = await request("/sign-in/email", { body: { email: "user@x.com", password } });
		expect(signIn.status).toBe(403);
		expect(await signIn.json()).toEqual({
			code: "BANNED_USER",
			message: "You have been banned from this application. Please contact support if you believe this is an error.",
		});
		expect(signIn.headers.getSetCookie()).toEqual([]);
		// A wrong password is still the usual 401: the ban is not revealed to a guesser.
		await expectError(
			await request("/sign-in/email", { body: { email: "user@x.com", password: "wrong-password" } }),
			401,
			"INVALID_EMAIL_OR_PASSWORD",
		);
	});

	it("uses the given reason and expiry, then the configured defaults", async () => {
		const { call, user } = await setupAdmin({
			defaultBanReason: "Spam",
			defaultBanExpiresIn: 60,
			bannedUserMessage: "Go away",
		});
		const before = Date.now();
		const custom = (
			await (await call("/admin/ban-user", { userId: user.id, banReason: "Abuse", banExpiresIn: 3600 })).json()
		).user;
		expect(custom.banReason).toBe("Abuse");
		expect(new Date(custom.banExpires).getTime()).toBeGreaterThanOrEqual(before + 3600_000);
		const defaults = (await (await call("/admin/ban-user", { userId: user.id })).json()).user;
		expect(defaults.banReason).toBe("Spam");
		expect(new Date(defaults.banExpires).getTime()).toBeLessThan(before + 120_000);
	});

	it("shows the configured message on sign-in", async () => {
		const { call, request, user } = await setupAdmin({ bannedUserMessage: "Go away" });
		await call("/admin/ban-user", { userId: user.id });
		const signIn = await request("/sign-in/email", { body: { email: "user@x.com", password } });
		expect(await signIn.json()).toEqual({ code: "BANNED_USER", message: "Go away" });
	});

	it("lifts a ban whose time is up at the next sign-in", async () => {
		const { call, request, user, row } = await setupAdmin();
		await call("/admin/ban-user", { userId: user.id, banExpiresIn: -10 });
		expect(row(user.id)).toMatchObject({ banned: 1 });
		const signIn = await request("/sign-in/email", { body: { email: "user@x.com", password } });
		expect(signIn.status).toBe(200);
		expect(row(user.id)).toMatchObject({ banned: 0, banReason: null, banExpires: null });
	});

	it("refuses banning oneself, unknown users and malformed input", async () => {
		const { call, adminUser } = await setupAdmin();
		await expectError(await call("/admin/ban-user", { userId: adminUser.id }), 400, "YOU_CANNOT_BAN_YOURSELF");
		await expectError(await call("/admin/ban-user", { userId: "nope" }), 404, "USER_NOT_FOUND");
		await expectError(await call("/admin/ban-user", { userId: "x", banExpiresIn: "soon" }), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/ban-user", { userId: "x", banReason: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/ban-user", { userId: { id: 1 } }), 400, "VALIDATION_ERROR");
		await expectError(await call("/admin/ban-user", [1]), 400, "VALIDATION_ERROR");
	});

	it("unbans", async () => {
		const { call, request, user, row } = await setupAdmin();
		await call("/admin/ban-user", { userId: user.id, banReason: "x", banExpiresIn: 100 });
		const response = await call("/admin/unban-user", { userId: user.id });
		expect((await response.json()).user).toMatchObject({ banned: false, banReason: null, banExpires: null });
		expect(row(user.id)).toMatchObject({ banned: 0, banReason: null, banExpires: null });
		expect((await request("/sign-in/email", { body: { email: "user@x.com", password } })).status).toBe(200);
		await expectError(await call("/admin/unban-user", { userId: "nope" }), 404, "USER_NOT_FOUND");
	});

	it("blocks every way into a session: impersonation and created sessions alike", async () => {
		const { call, user, auth } = await setupAdmin();
		await call("/admin/ban-user", { userId: user.id });
		await expectError(await call("/admin/impersonate-user", { userId: user.id }), 403, "BANNED_USER");
		const context = (await auth.$context) as unknown as {
			internalAdapter: { createSession: (id: string, meta: object) => Promise<unknown> };
		};
		await expect(context.internalAdapter.createSession(user.id, {})).rejects.toMatchObject({ statusCode: 403 });
	});
});

describe("admin: bans on OAuth sign-in", () => {
	let fake: FakeOAuthServer;

	it("redirects a banned user's callback to the error page", async () => {
		fake = await startFakeOAuthServer();
		try {
			const instance = await setupAdmin(
				{ bannedUserMessage: "Banned here" },
				{
					plugins: [
						genericOAuth({
							config: [
								{
									providerId: "fake",
									clientId: fake.clientId,
									clientSecret: fake.clientSecret,
									discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
								},
							],
						}),
					],
				},
			);
			fake.user = { sub: "oauth-1", email: "oauth@x.com", email_verified: true, name: "OAuth" };
			const signInWithFake = async () => {
				const start = await instance.request("/sign-in/oauth2", { body: { providerId: "fake", callbackURL: "/dash" } });
				const { url } = await start.json();
				const consent = await fetch(url, { redirect: "manual" });
				const stateCookie = start.headers
					.getSetCookie()
					.map((cookie) => cookie.split(";")[0])
					.join("; ");
				return instance.auth.handler(
					new Request(consent.headers.get("location") as string, { headers: { cookie: stateCookie } }),
				);
			};
			expect((await signInWithFake()).headers.get("location")).toBe("/dash");
			const { id } = instance.database.prepare("select id from user where email = 'oauth@x.com'").get() as {
				id: string;
			};
			await instance.call("/admin/ban-user", { userId: id });
			const callback = await signInWithFake();
			expect(callback.status).toBe(302);
			const location = new URL(callback.headers.get("location") as string);
			expect(location.pathname).toBe("/api/auth/error");
			expect(location.searchParams.get("error")).toBe("BANNED_USER");
			expect(location.searchParams.get("error_description")).toBe("Banned here");
			expect(callback.headers.getSetCookie().some((cookie) => cookie.startsWith("better-auth.session_token=x"))).toBe(
				false,
			);
		} finally {
			await fake.close();
		}
	});
});
