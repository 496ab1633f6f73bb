import type { DBAdapter } from "@better-auth/core/db";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { memoryAdapter } from "../../adapters/memory";
import { betterAuth } from "../../auth";
import { getMigrations } from "../../db/migration";
import { BASE, memoryInstance, post } from "../../test-utils/instance";

const instance = memoryInstance;
const cookieOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");
const signUp = (auth: ReturnType<typeof instance>, email = "ada@example.com", extra: object = {}) =>
	auth.handler(post("/sign-up/email", { email, password: "password123", name: "Ada", ...extra }));

describe("sign-up and sign-in", () => {
	it("signs up, signs in with any email case, reads the session, signs out", async () => {
		const auth = instance();
		const created = await signUp(auth);
		expect(created.status).toBe(200);
		const body = await created.json();
		expect(body.user).toMatchObject({ email: "ada@example.com", name: "Ada", emailVerified: false, image: null });
		expect(body.token).toMatch(/^[A-Za-z0-9]{32}$/);
		const signIn = await auth.handler(post("/sign-in/email", { email: "ADA@example.com", password: "password123" }));
		expect(signIn.status).toBe(200);
		const cookie = cookieOf(signIn);
		expect(cookie).toMatch(/^better-auth\.session_token=/);
		const session = await (
			await auth.handler(new Request(`${BASE}/api/auth/get-session`, { headers: { cookie } }))
		).json();
		expect(session.user.email).toBe("ada@example.com");
		expect(session.session.token).toBe((await signIn.clone().json()).token);
		const out = await auth.handler(post("/sign-out", {}, { cookie }));
		expect(await out.json()).toEqual({ success: true });
		expect(out.headers.getSetCookie().every((c) => /Max-Age=0/.test(c))).toBe(true);
		const after = await auth.handler(new Request(`${BASE}/api/auth/get-session`, { headers: { cookie } }));
		expect(await after.json()).toBeNull();
	});

	it("never stores the password in the user row, and stores a verifiable hash in the account", async () => {
		const db = { user: [], account: [], session: [] } as Record<string, Record<string, unknown>[]>;
		const auth = instance({ database: memoryAdapter(db) });
		await signUp(auth);
		expect(JSON.stringify(db.user)).not.toContain("password123");
		expect(db.account[0]).toMatchObject({ providerId: "credential", accountId: db.user[0].id });
		expect(String(db.account[0].password)).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
	});

	it("refuses duplicates, weak passwords and disabled sign-up with Better Auth's codes", async () => {
		const auth = instance({ emailAndPassword: { enabled: true, minPasswordLength: 10, disableSignUp: false } });
		expect((await signUp(auth, "a@example.com", { password: "password1234" })).status).toBe(200);
		const duplicate = await signUp(auth, "A@Example.com", { password: "password1234" });
		expect([duplicate.status, (await duplicate.json()).code]).toEqual([422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"]);
		const short = await signUp(auth, "b@example.com", { password: "short12" });
		expect([short.status, (await short.json()).code]).toEqual([400, "PASSWORD_TOO_SHORT"]);
		const disabled = instance({ emailAndPassword: { enabled: true, disableSignUp: true } });
		expect((await signUp(disabled)).status).toBe(400);
	});

	it("gives the same answer for an unknown email and a wrong password", async () => {
		const auth = instance();
		await signUp(auth);
		const wrong = await auth.handler(post("/sign-in/email", { email: "ada@example.com", password: "nope-nope" }));
		const unknown = await auth.handler(post("/sign-in/email", { email: "bob@example.com", password: "nope-nope" }));
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual(await unknown.json());
		expect(unknown.status).toBe(401);
	});

	it("requireEmailVerification: no session at sign-up, 403 at sign-in", async () => {
		const auth = instance({ emailAndPassword: { enabled: true, requireEmailVerification: true } });
		const created = await signUp(auth);
		expect((await created.json()).token).toBeNull();
		expect(created.headers.getSetCookie()).toEqual([]);
		const signIn = await auth.handler(post("/sign-in/email", { email: "ada@example.com", password: "password123" }));
		expect([signIn.status, (await signIn.json()).code]).toEqual([403, "EMAIL_NOT_VERIFIED"]);
	});

	it("rememberMe: false gives a browser-session cookie and a dont_remember cookie", async () => {
		const auth = instance();
		await signUp(auth);
		const signIn = await auth.handler(
			post("/sign-in/email", { email: "ada@example.com", password: "password123", rememberMe: false }),
		);
		const [token, dontRemember] = signIn.headers.getSetCookie();
		expect(token).toMatch(/^better-auth\.session_token=/);
		expect(token).not.toMatch(/Max-Age/);
		expect(dontRemember).toMatch(/^better-auth\.dont_remember=/);
	});

	it("accepts additional fields at sign-up unless input: false", async () => {
		const auth = instance({
			user: {
				additionalFields: {
					nickname: { type: "string", required: false },
					role: { type: "string", required: false, defaultValue: "user", input: false },
					tier: { type: "string", required: false, input: false },
				},
			},
		});
		// Core fields and a server-owned field with a default are ignored, as better-auth 1.7.
		const body = await (
			await signUp(auth, "x@example.com", { nickname: "Ace", emailVerified: true, role: "admin" })
		).json();
		expect(body.user).toMatchObject({ nickname: "Ace", role: "user", emailVerified: false });
		// A server-owned field without a default refuses the sign-up when a value is sent, and nothing is written.
		const refused = await signUp(auth, "y@example.com", { nickname: "Ace", tier: "gold" });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ code: "FIELD_NOT_ALLOWED", message: "tier is not allowed to be set" });
		expect((await signUp(auth, "y@example.com", { nickname: "Ace", tier: "" })).status).toBe(200);
	});

	it("database hooks can change or veto a new user", async () => {
		const auth = instance({
			databaseHooks: {
				user: {
					create: {
						before: async (user) =>
							user.email.endsWith("@blocked.test") ? false : { data: { name: user.name.toUpperCase() } },
					},
				},
			},
		});
		expect((await (await signUp(auth)).json()).user.name).toBe("ADA");
		expect((await signUp(auth, "eve@blocked.test")).status).toBe(422);
	});

	it("expired sessions read as null and clear the cookies", async () => {
		const db = {} as Record<string, Record<string, unknown>[]>;
		const auth = instance({ database: memoryAdapter(db) });
		const cookie = cookieOf(await signUp(auth));
		(db.session[0] as { expiresAt: Date }).expiresAt = new Date(Date.now() - 1000);
		const response = await auth.handler(new Request(`${BASE}/api/auth/get-session`, { headers: { cookie } }));
		expect(await response.json()).toBeNull();
		expect(response.headers.getSetCookie()[0]).toMatch(/^better-auth\.session_token=; Max-Age=0/);
		expect(db.session).toHaveLength(0);
	});
});

describe("get-session cost", () => {
	it("is one adapter call, and one SQL statement executed on SQLite", async () => {
		const database = new Database(":memory:");
		// Count statement executions (not prepares: prepared statements are cached and reused).
		const executed: string[] = [];
		const prepare = database.prepare.bind(database);
		database.prepare = ((sql: string) => {
			const statement = prepare(sql);
			return new Proxy(statement, {
				get(target, property) {
					const value = Reflect.get(target, property, target);
					if (typeof value !== "function") return value;
					if (["all", "get", "run", "iterate"].includes(String(property))) {
						return (...args: unknown[]) => {
							executed.push(sql);
							return value.apply(target, args);
						};
					}
					return value.bind(target);
				},
			});
		}) as typeof database.prepare;
		const options = { baseURL: BASE, secret: "s".repeat(32), database, emailAndPassword: { enabled: true } };
		await (await getMigrations(options)).runMigrations();
		const auth = betterAuth(options);
		const cookie = cookieOf(await signUp(auth as ReturnType<typeof instance>));
		const context = await auth.$context;
		const calls: string[] = [];
		const adapter = context.adapter as DBAdapter & Record<string, unknown>;
		for (const method of [
			"findOne",
			"findMany",
			"create",
			"update",
			"updateMany",
			"delete",
			"deleteMany",
			"count",
		] as const) {
			const original = adapter[method].bind(adapter) as (...args: unknown[]) => unknown;
			(adapter as Record<string, unknown>)[method] = (...args: unknown[]) => {
				calls.push(method);
				return original(...args);
			};
		}
		for (let i = 0; i < 3; i++) {
			executed.length = 0;
			calls.length = 0;
			const response = await auth.handler(new Request(`${BASE}/api/auth/get-session`, { headers: { cookie } }));
			expect((await response.json()).user.email).toBe("ada@example.com");
			expect(calls).toEqual(["findOne"]);
			expect(executed).toHaveLength(1);
		}
	});
});

describe("verification emails around sign-up and sign-in", () => {
	it("sends on sign-up with sendOnSignUp, and again on a refused sign-in", async () => {
		const mails: string[] = [];
		const auth = instance({
			emailAndPassword: { enabled: true, requireEmailVerification: true },
			emailVerification: { sendOnSignUp: true, sendVerificationEmail: async ({ url }) => void mails.push(url) },
		});
		await signUp(auth, "ada@example.com", { callbackURL: "/welcome" });
		expect(mails).toHaveLength(1);
		expect(mails[0]).toMatch(
			/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=[\w-]+\.[\w-]+\.[\w-]+&callbackURL=%2Fwelcome$/,
		);
		const refused = await auth.handler(post("/sign-in/email", { email: "ada@example.com", password: "password123" }));
		expect(refused.status).toBe(403);
		expect(mails).toHaveLength(2);
		const verified = await auth.handler(new Request(mails[1].replace("&callbackURL=%2Fwelcome", "")));
		expect(await verified.json()).toEqual({ status: true, user: null });
		const signIn = await auth.handler(post("/sign-in/email", { email: "ada@example.com", password: "password123" }));
		expect(signIn.status).toBe(200);
	});

	it("sendOnSignIn: false refuses the sign-in without sending again", async () => {
		const mails: string[] = [];
		const auth = instance({
			emailAndPassword: { enabled: true, requireEmailVerification: true },
			emailVerification: { sendOnSignIn: false, sendVerificationEmail: async ({ url }) => void mails.push(url) },
		});
		await signUp(auth, "ada@example.com");
		const sent = mails.length;
		const refused = await auth.handler(post("/sign-in/email", { email: "ada@example.com", password: "password123" }));
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });
		expect(mails).toHaveLength(sent);
	});
});

describe("database hooks", () => {
	it("receive the endpoint context (path, request headers) as their second argument", async () => {
		const seen: Array<{ path?: string; agent?: string | null }> = [];
		const auth = instance({
			databaseHooks: {
				session: {
					create: {
						after: async (_session, ctx) => {
							seen.push({ path: ctx?.path, agent: ctx?.headers?.get("user-agent") });
						},
					},
				},
			},
		});
		await auth.handler(
			post(
				"/sign-up/email",
				{ email: "h@example.com", password: "password123", name: "H" },
				{ "user-agent": "hook-test" },
			),
		);
		expect(seen).toEqual([{ path: "/sign-up/email", agent: "hook-test" }]);
	});
});

describe("trusted origins", () => {
	it("can be a function of the request", async () => {
		const auth = instance({
			trustedOrigins: async (request?: Request) =>
				request?.headers.get("x-tenant") === "acme" ? ["https://acme.example.com"] : [],
		});
		const body = { email: "t@example.com", password: "password123", name: "T" };
		const foreign = await auth.handler(post("/sign-up/email", body, { origin: "https://acme.example.com" }));
		expect((await foreign.json()).code).toBe("INVALID_ORIGIN");
		const tenant = await auth.handler(
			post("/sign-up/email", body, { origin: "https://acme.example.com", "x-tenant": "acme" }),
		);
		expect(tenant.status).toBe(200);
	});

	it("accept wildcards and refuse look-alike hosts", async () => {
		const auth = instance({ trustedOrigins: ["*.example.com", "myapp://"] });
		const body = (n: number) => ({ email: `w${n}@example.com`, password: "password123", name: "W" });
		expect((await auth.handler(post("/sign-up/email", body(1), { origin: "https://app.example.com" }))).status).toBe(
			200,
		);
		expect(
			(await auth.handler(post("/sign-up/email", body(2), { origin: "https://example.com.evil.io" }))).status,
		).toBe(403);
		const callback = await auth.handler(
			post("/sign-in/email", { email: "w1@example.com", password: "password123", callbackURL: "myapp://done" }),
		);
		expect(callback.status).toBe(200);
	});
});

describe("sign-up is all or nothing", () => {
	const vetoAccount = { databaseHooks: { account: { create: { before: async () => false as const } } } };

	it("on SQLite: a refused credential account leaves no user behind", async () => {
		const { getTestInstance } = await import("../../test");
		const { request, database } = await getTestInstance({ emailAndPassword: { enabled: true }, ...vetoAccount });
		const response = await request("/sign-up/email", {
			body: { email: "half@example.com", password: "password123", name: "Half" },
		});
		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({ code: "FAILED_TO_CREATE_USER" });
		expect(database.prepare("select count(*) as n from user").get()).toEqual({ n: 0 });
	});

	it("on the memory adapter too", async () => {
		const db: Record<string, Record<string, unknown>[]> = {};
		const auth = betterAuth({
			baseURL: BASE,
			secret: "s".repeat(32),
			database: memoryAdapter(db),
			emailAndPassword: { enabled: true },
			...vetoAccount,
		});
		await expect(
			auth.api.signUpEmail({ body: { email: "half@example.com", password: "password123", name: "Half" } }),
		).rejects.toMatchObject({ body: { code: "FAILED_TO_CREATE_USER" } });
		expect(db.user ?? []).toEqual([]);
	});
});
