import type { BetterAuthOptions } from "@better-auth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../test-utils/oauth-server";
import { genericOAuth } from "../generic-oauth";
import { type AnonymousOptions, anonymous } from "./index";

const password = "password123";

async function setup(options: AnonymousOptions = {}, extra: Partial<BetterAuthOptions> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [anonymous(options), ...(extra.plugins ?? [])],
	});
	/** Signs in anonymously: the answer and its session cookie. */
	const signInAnonymous = async (cookie?: string) => {
		const response = await instance.request("/sign-in/anonymous", { method: "POST", cookie });
		return { response, cookie: cookieHeader(response), body: await response.clone().json() };
	};
	const users = () =>
		instance.database.prepare("select name, email, isAnonymous from user order by createdAt").all() as {
			name: string;
			email: string;
			isAnonymous: number | null;
		}[];
	const count = (table: string) =>
		(instance.database.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	return { ...instance, signInAnonymous, users, count };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("anonymous: schema", () => {
	it("adds a nullable isAnonymous column that defaults to false for everyone else", async () => {
		const { database, signUp, users } = await setup();
		const column = (database.prepare("pragma table_info(user)").all() as { name: string; notnull: number }[]).find(
			(candidate) => candidate.name === "isAnonymous",
		);
		expect(column).toMatchObject({ notnull: 0 });
		// Ignored at sign-up (a server-owned field with a default), as better-auth 1.7.
		const { response } = await signUp({ email: "a@x.com", password, name: "A", isAnonymous: true });
		expect((await response.json()).user.isAnonymous).toBe(false);
		expect(users()).toEqual([{ name: "A", email: "a@x.com", isAnonymous: 0 }]);
	});

	it("honours a custom column name", async () => {
		const { database, signInAnonymous } = await setup({ schema: { user: { fields: { isAnonymous: "is_anon" } } } });
		expect((await signInAnonymous()).body.user.isAnonymous).toBe(true);
		expect(database.prepare("select is_anon from user").get()).toEqual({ is_anon: 1 });
	});
});

describe("anonymous: POST /sign-in/anonymous", () => {
	it("creates an anonymous user and signs them in", async () => {
		const { signInAnonymous, request, users } = await setup();
		const { response, cookie, body } = await signInAnonymous();
		expect(response.status).toBe(200);
		expect(Object.keys(body).sort()).toEqual(["token", "user"]);
		expect(body.user).toMatchObject({ name: "Anonymous", isAnonymous: true, emailVerified: false });
		expect(body.user.email).toMatch(/^[a-z0-9]{32}@anonymous\.placeholder\.invalid$/);
		expect(cookie).toMatch(/^better-auth\.session_token=/);
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user).toMatchObject({ id: body.user.id, isAnonymous: true });
		expect(session.session.token).toBe(body.token);
		expect(users()).toEqual([{ name: "Anonymous", email: body.user.email, isAnonymous: 1 }]);
	});

	it("gives every anonymous user a different email", async () => {
		const { signInAnonymous } = await setup();
		const emails = new Set<string>();
		for (let i = 0; i < 5; i++) emails.add((await signInAnonymous()).body.user.email);
		expect(emails.size).toBe(5);
	});

	it("ignores whatever body is sent", async () => {
		const { request, users } = await setup();
		for (const body of [{}, { name: "Mallory", email: "m@x.com", isAnonymous: false }, [1, 2], "text"]) {
			const response = await request("/sign-in/anonymous", { body });
			expect(response.status).toBe(200);
		}
		expect(users().every((user) => user.name === "Anonymous" && user.isAnonymous === 1)).toBe(true);
		expect((await request("/sign-in/anonymous")).status).toBe(404);
	});

	it("refuses an anonymous user signing in anonymously again", async () => {
		const { signInAnonymous, count } = await setup();
		const { cookie } = await signInAnonymous();
		const again = await signInAnonymous(cookie);
		await expectError(again.response, 400, "ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY");
		expect(again.response.headers.getSetCookie()).toEqual([]);
		expect(count("user")).toBe(1);
	});

	it("lets a signed-in real user (or a dead cookie) start an anonymous session", async () => {
		const { signInAnonymous, signUp, users } = await setup();
		const { cookie } = await signUp({ email: "a@x.com", password, name: "A" });
		expect((await signInAnonymous(cookie)).response.status).toBe(200);
		expect((await signInAnonymous("better-auth.session_token=forged.value")).response.status).toBe(200);
		expect(users().map((user) => user.isAnonymous)).toEqual([0, 1, 1]);
	});

	it("emailDomainName and generateName", async () => {
		const seen: { path: string; body: unknown }[] = [];
		const { request } = await setup({
			emailDomainName: "guests.example.com",
			generateName: (ctx) => {
				seen.push({ path: ctx.path, body: ctx.body });
				return "Guest 42";
			},
		});
		const body = await (await request("/sign-in/anonymous", { body: { hint: 1 } })).json();
		expect(body.user.name).toBe("Guest 42");
		expect(body.user.email).toMatch(/^temp-[a-z0-9]{32}@guests\.example\.com$/);
		expect(seen).toEqual([{ path: "/sign-in/anonymous", body: { hint: 1 } }]);
	});

	it("an empty generated name falls back to Anonymous", async () => {
		const { signInAnonymous } = await setup({ generateName: async () => "" });
		expect((await signInAnonymous()).body.user.name).toBe("Anonymous");
	});

	it("generateRandomEmail: used as is, validated, empty falls back", async () => {
		let next: string | undefined = "Custom@Example.com";
		const { signInAnonymous } = await setup({ generateRandomEmail: () => next, emailDomainName: "d.com" });
		expect((await signInAnonymous()).body.user.email).toBe("custom@example.com");
		next = undefined;
		expect((await signInAnonymous()).body.user.email).toMatch(/^temp-[a-z0-9]{32}@d\.com$/);
		next = "not an email";
		await expectError((await signInAnonymous()).response, 400, "INVALID_EMAIL_FORMAT");
	});

	it("a generated email that is taken fails with FAILED_TO_CREATE_USER, not a bare 500", async () => {
		const { signInAnonymous, count } = await setup({ generateRandomEmail: () => "same@x.com" });
		expect((await signInAnonymous()).response.status).toBe(200);
		await expectError((await signInAnonymous()).response, 500, "FAILED_TO_CREATE_USER");
		expect(count("user")).toBe(1);
	});

	it("database hooks that refuse the user or the session", async () => {
		const noUser = await setup({}, { databaseHooks: { user: { create: { before: async () => false } } } });
		await expectError((await noUser.signInAnonymous()).response, 500, "FAILED_TO_CREATE_USER");
		const noSession = await setup({}, { databaseHooks: { session: { create: { before: async () => false } } } });
		await expectError((await noSession.signInAnonymous()).response, 400, "COULD_NOT_CREATE_SESSION");
		// The user that would have had no way in is not left behind.
		expect(noSession.count("user")).toBe(0);
	});

	it("refuses a foreign origin when the browser sends cookies", async () => {
		const { signInAnonymous, request } = await setup();
		const { cookie } = await signInAnonymous();
		const response = await request("/sign-in/anonymous", {
			method: "POST",
			cookie,
			headers: { origin: "http://evil.com" },
		});
		await expectError(response, 403, "INVALID_ORIGIN");
	});

	it("works through auth.api", async () => {
		const { auth } = await setup();
		const result = await auth.api.signInAnonymous({ headers: new Headers() });
		expect(result.user).toMatchObject({ isAnonymous: true, name: "Anonymous" });
		expect(typeof result.token).toBe("string");
		// Server-side, without any request headers.
		expect((await auth.api.signInAnonymous()).user.isAnonymous).toBe(true);
	});
});

describe("anonymous: linking", () => {
	it("on sign-up: onLinkAccount sees both users, then the anonymous user is deleted", async () => {
		const calls: unknown[] = [];
		const { signInAnonymous, request, users, count } = await setup({
			onLinkAccount: async ({ anonymousUser, newUser, ctx }) => {
				calls.push({
					anonymous: anonymousUser.user.isAnonymous,
					anonymousSession: anonymousUser.session.userId === anonymousUser.user.id,
					email: newUser.user.email,
					newSession: newUser.session.userId === newUser.user.id,
					path: ctx.path,
				});
			},
		});
		const anon = await signInAnonymous();
		const signedUp = await request("/sign-up/email", {
			body: { email: "a@x.com", password, name: "A" },
			cookie: anon.cookie,
		});
		expect(signedUp.status).toBe(200);
		expect(calls).toEqual([
			{ anonymous: true, anonymousSession: true, email: "a@x.com", newSession: true, path: "/sign-up/email" },
		]);
		expect(users()).toEqual([{ name: "A", email: "a@x.com", isAnonymous: 0 }]);
		expect(count("session")).toBe(1);
		// The anonymous cookie is dead; the new one works.
		expect(await (await request("/get-session", { cookie: anon.cookie })).json()).toBeNull();
		const session = await (await request("/get-session", { cookie: cookieHeader(signedUp) })).json();
		expect(session.user.email).toBe("a@x.com");
	});

	it("on sign-in to an existing account, without an onLinkAccount callback", async () => {
		const { signInAnonymous, signUp, request, users } = await setup();
		await signUp({ email: "b@x.com", password, name: "B" });
		const anon = await signInAnonymous();
		const response = await request("/sign-in/email", {
			body: { email: "b@x.com", password, rememberMe: false },
			cookie: anon.cookie,
		});
		expect(response.status).toBe(200);
		expect(users().map((user) => user.email)).toEqual(["b@x.com"]);
	});

	it("nothing happens on a failed sign-in, or when the previous session was not anonymous", async () => {
		let calls = 0;
		const { signInAnonymous, signUp, request, users } = await setup({ onLinkAccount: () => void calls++ });
		const anon = await signInAnonymous();
		const failed = await request("/sign-in/email", { body: { email: "nobody@x.com", password }, cookie: anon.cookie });
		expect(failed.status).toBe(401);
		const real = await signUp({ email: "a@x.com", password, name: "A" });
		await request("/sign-up/email", { body: { email: "b@x.com", password, name: "B" }, cookie: real.cookie });
		expect(calls).toBe(0);
		expect(users().map((user) => user.isAnonymous)).toEqual([1, 0, 0]);
	});

	it("an error in onLinkAccount fails the request and keeps the anonymous user", async () => {
		const { signInAnonymous, request, users } = await setup({
			onLinkAccount: () => {
				throw new Error("cart service down");
			},
		});
		const anon = await signInAnonymous();
		const response = await request("/sign-up/email", {
			body: { email: "a@x.com", password, name: "A" },
			cookie: anon.cookie,
		});
		expect(response.status).toBe(500);
		expect(users().map((user) => user.isAnonymous)).toEqual([1, 0]);
	});

	it("disableDeleteAnonymousUser keeps the anonymous user and its session", async () => {
		let calls = 0;
		const { signInAnonymous, request, users } = await setup({
			disableDeleteAnonymousUser: true,
			onLinkAccount: () => void calls++,
		});
		const anon = await signInAnonymous();
		await request("/sign-up/email", { body: { email: "a@x.com", password, name: "A" }, cookie: anon.cookie });
		expect(calls).toBe(1);
		expect(users().map((user) => user.isAnonymous)).toEqual([1, 0]);
		const old = await (await request("/get-session", { cookie: anon.cookie })).json();
		expect(old.user.isAnonymous).toBe(true);
	});

	it("does not run on endpoints that only reissue the same session", async () => {
		let calls = 0;
		const { signInAnonymous, request, users } = await setup({ onLinkAccount: () => void calls++ });
		const anon = await signInAnonymous();
		const updated = await request("/update-user", { body: { name: "Renamed" }, cookie: anon.cookie });
		expect(updated.status).toBe(200);
		expect(calls).toBe(0);
		expect(users()).toHaveLength(1);
	});
});

describe("anonymous: linking through an OAuth callback", () => {
	let fake: FakeOAuthServer;
	beforeAll(async () => {
		fake = await startFakeOAuthServer();
	});
	afterAll(() => fake.close());

	it("links when the provider's callback signs the user in", async () => {
		fake.user = { sub: "oauth-1", email: "oauth@example.com", email_verified: true, name: "OAuth User" };
		const linked: string[] = [];
		const { signInAnonymous, request, auth, users } = await setup(
			{ onLinkAccount: ({ newUser }) => void linked.push(newUser.user.email) },
			{
				plugins: [
					genericOAuth({
						config: [
							{
								providerId: "fake",
								clientId: fake.clientId,
								clientSecret: fake.clientSecret,
								discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
								scopes: ["openid", "email", "profile"],
								pkce: true,
							},
						],
					}),
				],
			},
		);
		const anon = await signInAnonymous();
		const started = await request("/sign-in/oauth2", {
			body: { providerId: "fake", callbackURL: "/dash" },
			cookie: anon.cookie,
		});
		const { url } = (await started.json()) as { url: string };
		const consent = await fetch(url, { redirect: "manual" });
		const callbackURL = consent.headers.get("location") as string;
		const cookie = [anon.cookie, cookieHeader(started)].filter(Boolean).join("; ");
		const callback = await auth.handler(new Request(callbackURL, { headers: { cookie } }));
		expect(callback.status).toBe(302);
		expect(linked).toEqual(["oauth@example.com"]);
		expect(users().map((user) => user.email)).toEqual(["oauth@example.com"]);
	});
});

describe("anonymous: POST /delete-anonymous-user", () => {
	it("deletes the anonymous user, their sessions, and clears the cookies", async () => {
		const { signInAnonymous, request, users, count } = await setup();
		const anon = await signInAnonymous();
		const response = await request("/delete-anonymous-user", { method: "POST", cookie: anon.cookie });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ success: true });
		expect(
			response.headers.getSetCookie().some((cookie) => /^better-auth\.session_token=;.*Max-Age=0/.test(cookie)),
		).toBe(true);
		expect(users()).toEqual([]);
		expect(count("session")).toBe(0);
		await expectError(
			await request("/delete-anonymous-user", { method: "POST", cookie: anon.cookie }),
			401,
			"UNAUTHORIZED",
		);
	});

	it("refuses without a session, for a real user, from a foreign origin, and when disabled", async () => {
		const { signInAnonymous, signUp, request, users } = await setup();
		await expectError(await request("/delete-anonymous-user", { method: "POST" }), 401, "UNAUTHORIZED");
		const real = await signUp({ email: "a@x.com", password, name: "A" });
		await expectError(
			await request("/delete-anonymous-user", { method: "POST", cookie: real.cookie }),
			403,
			"USER_IS_NOT_ANONYMOUS",
		);
		const anon = await signInAnonymous();
		await expectError(
			await request("/delete-anonymous-user", {
				method: "POST",
				cookie: anon.cookie,
				headers: { origin: "http://evil.com" },
			}),
			403,
			"INVALID_ORIGIN",
		);
		expect(users()).toHaveLength(2);

		const disabled = await setup({ disableDeleteAnonymousUser: true });
		const kept = await disabled.signInAnonymous();
		await expectError(
			await disabled.request("/delete-anonymous-user", { method: "POST", cookie: kept.cookie }),
			400,
			"DELETE_ANONYMOUS_USER_DISABLED",
		);
		expect(disabled.users()).toHaveLength(1);
	});
});
