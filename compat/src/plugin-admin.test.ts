/**
 * The admin plugin (and the access library) against better-auth 1.7.24: every endpoint's success
 * and error answers (status, error code, body shape, cookie names), bans at sign-in (email and
 * OAuth), impersonation cookies, custom roles, has-permission, list-users queries.
 *
 * Not compared here (deliberate differences, see docs/plugins/admin.md): 401 bodies (1.7 sends
 * none), codes on answers 1.7 sends without one, stop-impersonating with a forged or stale
 * admin_session (1.7: 500), stricter validation (create-user passwords, `data` types, list-users
 * limit/offset and unknown fields, non-string user ids).
 */

import { adminClient } from "better-auth/client/plugins";
import { type AdminOptions, admin, genericOAuth } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import { adminClient as referenceAdminClient } from "better-auth-reference/client/plugins";
import { admin as referenceAdmin, genericOAuth as referenceGenericOAuth } from "better-auth-reference/plugins";
import { createAccessControl as referenceCreateAccessControl } from "better-auth-reference/plugins/access";
import {
	adminAc as referenceAdminAc,
	defaultStatements as referenceDefaultStatements,
} from "better-auth-reference/plugins/admin/access";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOAuthServer, startFakeOAuthServer } from "../../packages/better-auth/src/test-utils/oauth-server";
import { BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read, shapeOf } from "./harness";

const password = "password123";

interface Account {
	id: string;
	cookie: string;
}

/** One side of a pair with an admin and a user signed in. */
interface World {
	side: Pair["ours"];
	admin: Account;
	user: Account;
	signUp(email: string, role?: string): Promise<Account>;
}

type Build = (world: World) => { path: string; init?: RequestInit };

const json = (body: unknown, cookie = "", headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...(cookie ? { cookie } : {}), ...headers },
	body: JSON.stringify(body),
});
const get = (cookie = ""): RequestInit => ({ headers: { origin: BASE_URL, ...(cookie ? { cookie } : {}) } });

async function world(side: Pair["ours"]): Promise<World> {
	const send = (path: string, init?: RequestInit) => side.handler(new Request(`${BASE_URL}/api/auth${path}`, init));
	const signUp = async (email: string, role?: string) => {
		const response = await send("/sign-up/email", json({ email, password, name: email.split("@")[0] }));
		const body = (await response.json()) as { user: { id: string } };
		if (role !== undefined) side.database.prepare("update user set role = ? where id = ?").run(role, body.user.id);
		return { id: body.user.id, cookie: cookieOf(response) };
	};
	return { side, admin: await signUp("admin@x.com", "admin"), user: await signUp("user@x.com"), signUp };
}

async function setup(options: Options = {}, referenceOptions: Options = options, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	const pair = await createPair(
		{ ...base, plugins: [admin(options as AdminOptions), ...(extra.ourPlugins ?? [])] },
		{ ...base, plugins: [referenceAdmin(referenceOptions as never), ...(extra.referencePlugins ?? [])] },
	);
	const ours = await world(pair.ours);
	const reference = await world(pair.reference);

	/** Sends a request built for each side and checks both answer alike; returns both answers. */
	const same = async (
		label: string,
		build: Build,
		compare: { body?: boolean; statusOnly?: boolean; skip?: boolean } = {},
	) => {
		const send = async (w: World) => {
			const { path, init } = build(w);
			const response = await w.side.handler(new Request(`${BASE_URL}/api/auth${path}`, init));
			return { response, ...(await read(response)) };
		};
		const [a, b] = [await send(ours), await send(reference)];
		if (compare.skip) return { ours: a, reference: b };
		expect(a.status, `${label}: status (ours ${JSON.stringify(a.body)}, 1.7 ${JSON.stringify(b.body)})`).toBe(b.status);
		if (!compare.statusOnly) {
			expect(shapeOf(a.body), `${label}: body shape`).toEqual(shapeOf(b.body));
			const code = (value: unknown) =>
				value && typeof value === "object" ? (value as { code?: string }).code : undefined;
			expect(code(a.body), `${label}: code`).toBe(code(b.body));
			expect(cookieNames(a.response), `${label}: cookies`).toEqual(cookieNames(b.response));
			if (compare.body) expect(a.body, `${label}: body`).toEqual(b.body);
		}
		return { ours: a, reference: b };
	};
	return { pair, ours, reference, same };
}

/** A user row without ids and timestamps, for comparing rows across sides. */
const userRows = (w: World) =>
	w.side.database
		.prepare(
			"select email, name, role, banned, banReason, banExpires is not null as banExpires from user order by email",
		)
		.all();

describe("compat: admin plugin", () => {
	it("adds the same columns", async () => {
		const { ours, reference } = await setup();
		const columns = (w: World, table: string) =>
			w.side.database.prepare(`pragma table_info(${table})`).all() as { name: string; type: string; notnull: number }[];
		for (const table of ["user", "session"]) expect(columns(ours, table)).toEqual(columns(reference, table));
		expect(userRows(ours)).toEqual(userRows(reference));
	});

	it("answers alike without a session (status) and without the permission (code)", async () => {
		const { same } = await setup();
		const endpoints: [string, unknown][] = [
			["/admin/create-user", { email: "n@x.com", password, name: "N" }],
			["/admin/update-user", { userId: "x", data: { name: "x" } }],
			["/admin/set-role", { userId: "x", role: "admin" }],
			["/admin/set-user-password", { userId: "x", newPassword: password }],
			["/admin/ban-user", { userId: "x" }],
			["/admin/unban-user", { userId: "x" }],
			["/admin/list-user-sessions", { userId: "x" }],
			["/admin/revoke-user-session", { sessionToken: "x" }],
			["/admin/revoke-user-sessions", { userId: "x" }],
			["/admin/impersonate-user", { userId: "x" }],
			["/admin/remove-user", { userId: "x" }],
			["/admin/has-permission", { permissions: { user: ["list"] } }],
			["/admin/stop-impersonating", {}],
		];
		for (const [path, body] of endpoints) {
			await same(`${path} signed out`, () => ({ path, init: json(body) }), { statusOnly: true });
			// 1.7 answers stop-impersonating's 400 without a code; ours has NOT_IMPERSONATING.
			await same(`${path} as user`, (w) => ({ path, init: json(body, w.user.cookie) }), {
				statusOnly: path === "/admin/stop-impersonating",
			});
			await same(`${path} empty body`, () => ({ path, init: json({}) }), {
				statusOnly: path === "/admin/stop-impersonating",
			});
		}
		for (const path of ["/admin/list-users", "/admin/get-user?id=x"]) {
			await same(`${path} signed out`, () => ({ path, init: get() }), { statusOnly: true });
			await same(`${path} as user`, (w) => ({ path, init: get(w.user.cookie) }));
		}
		await same("get-user without id", () => ({ path: "/admin/get-user", init: get() }));
		await same("cross-site admin POST", (w) => ({
			path: "/admin/ban-user",
			init: json({ userId: w.user.id }, w.admin.cookie, { origin: "http://evil.example" }),
		}));
		await same("list-users POST", (w) => ({ path: "/admin/list-users", init: json({}, w.admin.cookie) }));
		await same("stop-impersonating GET", (w) => ({ path: "/admin/stop-impersonating", init: get(w.admin.cookie) }));
	});

	it("clears the cookies of a session that is gone", async () => {
		const { same, ours, reference } = await setup();
		for (const w of [ours, reference]) w.side.database.prepare("delete from session").run();
		const { ours: a, reference: b } = await same(
			"stale session",
			(w) => ({ path: "/admin/list-users", init: get(w.admin.cookie) }),
			{ statusOnly: true },
		);
		expect(cookieNames(a.response)).toEqual(cookieNames(b.response));
	});

	it("create-user", async () => {
		const { same, ours, reference } = await setup();
		const create = (label: string, body: Options) =>
			same(label, (w) => ({ path: "/admin/create-user", init: json(body, w.admin.cookie) }));
		await create("plain", { email: "New@X.com", password, name: "New" });
		await create("duplicate", { email: "new@x.com", password, name: "New" });
		await create("roles list", { email: "r@x.com", password, name: "R", role: ["admin", "sale"] });
		await create("any role name", { email: "r2@x.com", password, name: "R", role: "superman" });
		await create("no password", { email: "np@x.com", name: "NP" });
		await create("long password", { email: "lp@x.com", password: "x".repeat(200), name: "LP" });
		await create("bad email", { email: "notanemail", password, name: "BE" });
		await create("data", {
			email: "d@x.com",
			password,
			name: "D",
			data: { emailVerified: true, role: "admin", foo: 1 },
		});
		await create("name not a string", { email: "d3@x.com", password, name: 5 });
		await create("role not a string", { email: "d4@x.com", password, name: "D", role: 5 });
		await create("data not a record", { email: "d5@x.com", password, name: "D", data: [1] });
		await create("password not a string", { email: "d6@x.com", password: 12345678, name: "D" });
		expect(userRows(ours)).toEqual(userRows(reference));
		const accounts = (w: World) =>
			w.side.database
				.prepare("select u.email, a.providerId from account a join user u on u.id = a.userId order by u.email")
				.all();
		expect(accounts(ours)).toEqual(accounts(reference));
		const fromServer = async (w: World) =>
			(await w.side.api.createUser({ body: { email: "srv@x.com", password, name: "Srv", role: "admin" } })).user.role;
		expect(await fromServer(ours)).toBe(await fromServer(reference));
	});

	it("get-user, update-user, set-role, set-user-password, remove-user", async () => {
		const { same, ours, reference } = await setup();
		await same("get", (w) => ({ path: `/admin/get-user?id=${w.user.id}`, init: get(w.admin.cookie) }));
		await same("get unknown", (w) => ({ path: "/admin/get-user?id=nope", init: get(w.admin.cookie) }));
		const update = (label: string, data: unknown, target: "user" | "nope" = "user") =>
			same(label, (w) => ({
				path: "/admin/update-user",
				init: json({ userId: target === "user" ? w.user.id : "nope", data }, w.admin.cookie),
			}));
		await update("update", { name: "U2", role: "admin,x", banned: false });
		await update("update role list", { role: ["user", "sale"] });
		await update("update email", { email: "NEW@x.com" });
		await update("update unknown field only", { foo: 1 });
		await update("empty", {});
		await update("undefined only", { name: undefined });
		await update("unknown user", { name: "Z" }, "nope");
		await update("password", { password: "x", id: "y" });
		await update("id", { id: "y" }, "nope");
		await update("role type", { role: 5 });
		await update("email invalid", { email: "notanemail" });
		await update("email taken", { email: "admin@x.com" });
		await same("numeric userId (serial ids)", (w) => ({
			path: "/admin/update-user",
			init: json({ userId: 123, data: { name: "Z" } }, w.admin.cookie),
		}));
		await same("data missing", (w) => ({
			path: "/admin/update-user",
			init: json({ userId: w.user.id }, w.admin.cookie),
		}));
		await same("data null", (w) => ({
			path: "/admin/update-user",
			init: json({ userId: w.user.id, data: null }, w.admin.cookie),
		}));
		expect(userRows(ours)).toEqual(userRows(reference));

		const setRole = (label: string, role: unknown, target: "user" | "nope" = "user") =>
			same(label, (w) => ({
				path: "/admin/set-role",
				init: json({ userId: target === "user" ? w.user.id : "nope", role }, w.admin.cookie),
			}));
		await setRole("set-role", "user");
		await setRole("set-role list", ["user", "admin"]);
		await setRole("set-role any name", "superman");
		await setRole("set-role unknown user", "user", "nope");
		await setRole("set-role number", 5);
		await setRole("set-role empty list", []);
		await setRole("set-role empty string", "");
		await setRole("set-role back", "user");
		expect(userRows(ours)).toEqual(userRows(reference));

		const setPassword = (label: string, newPassword: unknown, target: "user" | "nope" = "user") =>
			same(label, (w) => ({
				path: "/admin/set-user-password",
				init: json({ userId: target === "user" ? w.user.id : "nope", newPassword }, w.admin.cookie),
			}));
		await setPassword("set-password", "newpassword1");
		await setPassword("set-password empty", "");
		await setPassword("set-password short", "short");
		await setPassword("set-password long", "x".repeat(200));
		await setPassword("set-password unknown user", "newpassword1", "nope");
		await setPassword("set-password number", 12345678);
		await same("sign in with it", () => ({
			path: "/sign-in/email",
			init: json({ email: "new@x.com", password: "newpassword1" }),
		}));

		await same("remove self", (w) => ({
			path: "/admin/remove-user",
			init: json({ userId: w.admin.id }, w.admin.cookie),
		}));
		await same("remove unknown", (w) => ({
			path: "/admin/remove-user",
			init: json({ userId: "nope" }, w.admin.cookie),
		}));
		await same("remove", (w) => ({ path: "/admin/remove-user", init: json({ userId: w.user.id }, w.admin.cookie) }));
		expect(userRows(ours)).toEqual(userRows(reference));
	});

	it("ban-user, unban-user, and bans at sign-in", async () => {
		const { same, ours, reference } = await setup();
		const ban = (label: string, body: (w: World) => Options) =>
			same(label, (w) => ({ path: "/admin/ban-user", init: json(body(w), w.admin.cookie) }));
		await ban("ban self", (w) => ({ userId: w.admin.id }));
		await ban("ban unknown", () => ({ userId: "nope" }));
		await ban("ban", (w) => ({ userId: w.user.id }));
		const sessions = (w: World) =>
			w.side.database.prepare("select count(*) as n from session where userId = ?").get(w.user.id);
		expect(sessions(ours)).toEqual(sessions(reference));
		await same("banned get-session", (w) => ({ path: "/get-session", init: get(w.user.cookie) }));
		const signIn = (label: string, pw = password) =>
			same(label, () => ({ path: "/sign-in/email", init: json({ email: "user@x.com", password: pw }) }), {
				body: true,
			});
		await signIn("banned sign-in");
		await signIn("banned sign-in, wrong password", "wrong-password");
		await ban("ban with reason and expiry", (w) => ({ userId: w.user.id, banReason: "Spam", banExpiresIn: 10 }));
		expect(userRows(ours)).toEqual(userRows(reference));
		await ban("ban expiry not a number", (w) => ({ userId: w.user.id, banExpiresIn: "abc" }));
		await ban("ban reason not a string", (w) => ({ userId: w.user.id, banReason: 5 }));
		await ban("ban already expired", (w) => ({ userId: w.user.id, banExpiresIn: -10 }));
		await same("sign-in lifts an expired ban", () => ({
			path: "/sign-in/email",
			init: json({ email: "user@x.com", password }),
		}));
		expect(userRows(ours)).toEqual(userRows(reference));
		await ban("ban without expiry (0)", (w) => ({ userId: w.user.id, banExpiresIn: 0 }));
		await same("unban", (w) => ({ path: "/admin/unban-user", init: json({ userId: w.user.id }, w.admin.cookie) }));
		await same("unban unknown", (w) => ({ path: "/admin/unban-user", init: json({ userId: "nope" }, w.admin.cookie) }));
		expect(userRows(ours)).toEqual(userRows(reference));
		await same("sign-in after unban", () => ({
			path: "/sign-in/email",
			init: json({ email: "user@x.com", password }),
		}));
	});

	it("ban options: reason, expiry, message", async () => {
		const options = { defaultBanReason: "Spamming", defaultBanExpiresIn: 3600, bannedUserMessage: "Go away" };
		const { same, ours, reference } = await setup(options);
		await same("ban", (w) => ({ path: "/admin/ban-user", init: json({ userId: w.user.id }, w.admin.cookie) }));
		expect(userRows(ours)).toEqual(userRows(reference));
		await same("banned sign-in", () => ({ path: "/sign-in/email", init: json({ email: "user@x.com", password }) }), {
			body: true,
		});
	});

	it("user sessions: list, revoke one, revoke all", async () => {
		const { same, ours, reference } = await setup();
		const tokens: Record<string, string> = {};
		for (const w of [ours, reference]) {
			const signIn = await w.side.handler(
				new Request(`${BASE_URL}/api/auth/sign-in/email`, json({ email: "user@x.com", password })),
			);
			tokens[w === ours ? "ours" : "reference"] = ((await signIn.json()) as { token: string }).token;
			w.side.database
				.prepare("update session set expiresAt = ? where token = ?")
				.run("2020-01-01T00:00:00.000Z", tokens[w === ours ? "ours" : "reference"]);
		}
		const { ours: listed, reference: listedRef } = await same("list", (w) => ({
			path: "/admin/list-user-sessions",
			init: json({ userId: w.user.id }, w.admin.cookie),
		}));
		expect((listed.body as { sessions: unknown[] }).sessions.length).toBe(
			(listedRef.body as { sessions: unknown[] }).sessions.length,
		);
		await same(
			"list unknown",
			(w) => ({ path: "/admin/list-user-sessions", init: json({ userId: "nope" }, w.admin.cookie) }),
			{
				body: true,
			},
		);
		await same("revoke one", (w) => ({
			path: "/admin/revoke-user-session",
			init: json({ sessionToken: tokens[w === ours ? "ours" : "reference"] }, w.admin.cookie),
		}));
		await same("revoke unknown", (w) => ({
			path: "/admin/revoke-user-session",
			init: json({ sessionToken: "nope" }, w.admin.cookie),
		}));
		await same("revoke token not a string", (w) => ({
			path: "/admin/revoke-user-session",
			init: json({ sessionToken: 5 }, w.admin.cookie),
		}));
		await same("revoke all", (w) => ({
			path: "/admin/revoke-user-sessions",
			init: json({ userId: w.user.id }, w.admin.cookie),
		}));
		await same("revoke all unknown", (w) => ({
			path: "/admin/revoke-user-sessions",
			init: json({ userId: "nope" }, w.admin.cookie),
		}));
		await same(
			"list after",
			(w) => ({ path: "/admin/list-user-sessions", init: json({ userId: w.user.id }, w.admin.cookie) }),
			{
				body: true,
			},
		);
	});

	it("impersonation: cookies, session, stop, list-sessions", async () => {
		const { same, ours, reference } = await setup({ impersonationSessionDuration: 120 });
		await same("impersonate unknown", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: "nope" }, w.admin.cookie),
		}));
		await same("impersonate self (an admin)", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.admin.id }, w.admin.cookie),
		}));
		const headers = { "user-agent": "UA", "x-forwarded-for": "1.2.3.4" };
		const started = await same("impersonate", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.user.id }, w.admin.cookie, headers),
		}));
		const cookieAttributes = (response: Response) =>
			response.headers.getSetCookie().map((cookie) => cookie.replace(/=[^;]*/, "=<value>"));
		expect(cookieAttributes(started.ours.response)).toEqual(cookieAttributes(started.reference.response));
		const session = (answer: { body: unknown }) => (answer.body as { session: Record<string, unknown> }).session;
		expect(session(started.ours)).toMatchObject({ ipAddress: "1.2.3.4", userAgent: "UA" });
		expect(session(started.reference)).toMatchObject({ ipAddress: "1.2.3.4", userAgent: "UA" });
		const lifetime = (answer: { body: unknown }) =>
			Math.round((new Date(session(answer).expiresAt as string).getTime() - Date.now()) / 10_000);
		expect(lifetime(started.ours)).toBe(lifetime(started.reference));

		const jar = (w: World) => {
			const response = w === ours ? started.ours.response : started.reference.response;
			const cookies = new Map(w.admin.cookie.split("; ").map((pair) => [pair.split("=")[0], pair] as const));
			for (const set of response.headers.getSetCookie()) {
				const pair = set.split(";")[0];
				if (pair.endsWith("=")) cookies.delete(pair.split("=")[0]);
				else cookies.set(pair.split("=")[0], pair);
			}
			return [...cookies.values()].join("; ");
		};
		// Cookies differ: our core get-session refreshes don't-remember sessions (1.7 does not); the
		// admin plugin keeps the impersonation session's expiry, so only the cookies are re-sent.
		await same("get-session while impersonating", (w) => ({ path: "/get-session", init: get(jar(w)) }), {
			statusOnly: true,
		});
		await same("list-sessions while impersonating", (w) => ({ path: "/list-sessions", init: get(jar(w)) }));
		await same("list-sessions as the user", (w) => ({ path: "/list-sessions", init: get(w.user.cookie) }));
		await same("admin action while impersonating", (w) => ({ path: "/admin/list-users", init: get(jar(w)) }));
		await same("impersonate while impersonating", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.admin.id }, jar(w)),
		}));
		const withoutParked = (w: World) =>
			jar(w)
				.split("; ")
				.filter((pair) => !pair.startsWith("better-auth.admin_session"))
				.join("; ");
		// Deliberate difference: 1.7 answers 500 "Failed to find admin session"; ours is a 400 with a code.
		const missing = await same(
			"stop without admin_session",
			(w) => ({ path: "/admin/stop-impersonating", init: json({}, withoutParked(w)) }),
			{ skip: true },
		);
		expect(missing.reference.status).toBe(500);
		expect(missing.ours).toMatchObject({ status: 400, body: { code: "FAILED_TO_FIND_ADMIN_SESSION" } });
		const stopped = await same("stop", (w) => ({ path: "/admin/stop-impersonating", init: json({}, jar(w)) }));
		expect(cookieAttributes(stopped.ours.response)).toEqual(cookieAttributes(stopped.reference.response));
		await same(
			"stop again (admin session back)",
			(w) => ({ path: "/admin/stop-impersonating", init: json({}, w.admin.cookie) }),
			{ statusOnly: true },
		);
		const impersonations = (w: World) =>
			w.side.database.prepare("select count(*) as n from session where impersonatedBy is not null").get();
		expect(impersonations(ours)).toEqual(impersonations(reference));
	});

	it("impersonation from a don't-remember-me session", async () => {
		const { same, ours, reference } = await setup();
		const cookies = new Map<World, string>();
		const merge = (cookie: string, response: Response) => {
			const jar = new Map(
				cookie
					.split("; ")
					.filter(Boolean)
					.map((pair) => [pair.split("=")[0], pair] as const),
			);
			for (const set of response.headers.getSetCookie()) {
				const pair = set.split(";")[0];
				if (pair.endsWith("=")) jar.delete(pair.split("=")[0]);
				else jar.set(pair.split("=")[0], pair);
			}
			return [...jar.values()].join("; ");
		};
		const signedIn = await same("sign in without remember me", () => ({
			path: "/sign-in/email",
			init: json({ email: "admin@x.com", password, rememberMe: false }),
		}));
		cookies.set(ours, cookieOf(signedIn.ours.response));
		cookies.set(reference, cookieOf(signedIn.reference.response));
		const attributes = (response: Response) =>
			response.headers.getSetCookie().map((cookie) => cookie.replace(/=[^;]*/, "=<value>"));
		const started = await same("impersonate", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.user.id }, cookies.get(w)),
		}));
		expect(attributes(started.ours.response)).toEqual(attributes(started.reference.response));
		cookies.set(ours, merge(cookies.get(ours) as string, started.ours.response));
		cookies.set(reference, merge(cookies.get(reference) as string, started.reference.response));
		const stopped = await same("stop", (w) => ({ path: "/admin/stop-impersonating", init: json({}, cookies.get(w)) }));
		expect(attributes(stopped.ours.response)).toEqual(attributes(stopped.reference.response));
	});

	it("custom roles: permissions, role names, impersonating admins, start-up check", async () => {
		const make = (
			create: typeof createAccessControl,
			statements: typeof defaultStatements,
			adminRole: typeof adminAc,
		) => {
			const ac = create({ ...statements, project: ["create", "delete"] });
			return {
				ac,
				roles: {
					admin: ac.newRole({ ...adminRole.statements, project: ["create", "delete"] }),
					user: ac.newRole({ project: ["create"] }),
					support: ac.newRole({ user: ["list", "get", "impersonate"], session: ["list"] }),
					editor: ac.newRole({ user: ["update"] }),
					superadmin: ac.newRole({ ...statements }),
				},
				adminRoles: ["admin", "superadmin"],
			};
		};
		const { same, ours, reference } = await setup(
			make(createAccessControl, defaultStatements, adminAc),
			make(referenceCreateAccessControl as never, referenceDefaultStatements as never, referenceAdminAc as never),
		);
		const accounts = async (w: World) => ({
			support: await w.signUp("support@x.com", "support"),
			editor: await w.signUp("editor@x.com", "editor"),
			superadmin: await w.signUp("super@x.com", "superadmin"),
			both: await w.signUp("both@x.com", "support,user"),
		});
		const extra = new Map([
			[ours, await accounts(ours)],
			[reference, await accounts(reference)],
		]);
		const as = (w: World, who: "support" | "editor" | "superadmin" | "both") => (extra.get(w) ?? ({} as never))[who];
		await same("support lists users", (w) => ({
			path: "/admin/list-users?limit=1",
			init: get(as(w, "support").cookie),
		}));
		await same("both lists users", (w) => ({ path: "/admin/list-users?limit=1", init: get(as(w, "both").cookie) }));
		await same("support bans", (w) => ({
			path: "/admin/ban-user",
			init: json({ userId: w.user.id }, as(w, "support").cookie),
		}));
		await same("support impersonates an admin", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.admin.id }, as(w, "support").cookie),
		}));
		await same("admin impersonates a superadmin", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: as(w, "superadmin").id }, w.admin.cookie),
		}));
		await same("superadmin impersonates an admin", (w) => ({
			path: "/admin/impersonate-user",
			init: json({ userId: w.admin.id }, as(w, "superadmin").cookie),
		}));
		const update = (label: string, data: unknown, who: "editor" | "admin" = "editor") =>
			same(label, (w) => ({
				path: "/admin/update-user",
				init: json({ userId: w.user.id, data }, who === "admin" ? w.admin.cookie : as(w, who).cookie),
			}));
		await update("editor: name", { name: "New" });
		await update("editor: role", { role: "admin" });
		await update("editor: banned", { banned: true });
		await update("editor: banReason", { banReason: "x" });
		await update("editor: email", { email: "z@x.com" });
		await update("editor: emailVerified", { emailVerified: true });
		await update("editor: phoneNumber", { phoneNumber: "123" });
		await update("editor: email and role", { email: "z@x.com", role: "admin" });
		await update("admin: unknown role", { role: "ghost" }, "admin");
		const setRole = (label: string, role: unknown) =>
			same(label, (w) => ({ path: "/admin/set-role", init: json({ userId: w.user.id, role }, w.admin.cookie) }));
		await setRole("set-role ghost", "ghost");
		await setRole("set-role with ghost", ["user", "ghost"]);
		await setRole("set-role known", ["user", "support"]);
		await same("create-user ghost", (w) => ({
			path: "/admin/create-user",
			init: json({ email: "admin@x.com", password, name: "Q", role: "ghost" }, w.admin.cookie),
		}));
		await same("create-user data.role ghost", (w) => ({
			path: "/admin/create-user",
			init: json({ email: "q@x.com", password, name: "Q", data: { role: "ghost" } }, w.admin.cookie),
		}));
		const check = (label: string, permissions: unknown, who: (w: World) => string) =>
			same(label, (w) => ({ path: "/admin/has-permission", init: json({ permissions }, who(w)) }), { body: true });
		await check("user: project create", { project: ["create"] }, (w) => w.user.cookie);
		await check("user: project delete", { project: ["delete"] }, (w) => w.user.cookie);
		await check("both: two roles, one request", { project: ["create"], user: ["list"] }, (w) => as(w, "both").cookie);
		await check("admin: unknown resource", { foo: ["bar"] }, (w) => w.admin.cookie);
		await check("admin: empty", {}, (w) => w.admin.cookie);
		expect(userRows(ours)).toEqual(userRows(reference));

		const startUp = (factory: (options: never) => unknown, options: Options) => {
			try {
				factory(options as never);
				return "ok";
			} catch (error) {
				return `${(error as Error).name}: ${(error as Error).message}`;
			}
		};
		for (const options of [
			{ adminRoles: ["superuser"] },
			{ adminRoles: "superuser" },
			{ adminRoles: [] },
			{ roles: { owner: adminAc } },
		]) {
			expect(startUp(admin as never, options)).toBe(startUp(referenceAdmin as never, options));
		}
		expect(startUp(admin as never, { roles: { owner: adminAc }, adminRoles: ["admin"] })).toBe(
			startUp(referenceAdmin as never, { roles: { owner: referenceAdminAc }, adminRoles: ["admin"] }),
		);
	});

	it("has-permission over HTTP and from the server", async () => {
		const { same, ours, reference } = await setup();
		const check = (label: string, body: unknown, cookie: (w: World) => string = (w) => w.admin.cookie) =>
			same(label, (w) => ({ path: "/admin/has-permission", init: json(body, cookie(w)) }), { body: true });
		await check("granted", { permissions: { user: ["list"], session: ["revoke"] } });
		await check("not an action", { permissions: { user: ["fly"] } });
		await check("as user", { permissions: { user: ["list"] } }, (w) => w.user.cookie);
		await check(
			"role in the body is ignored",
			{ role: "admin", permissions: { user: ["list"] } },
			(w) => w.user.cookie,
		);
		await same("no permissions", (w) => ({ path: "/admin/has-permission", init: json({}, w.admin.cookie) }));
		// 1.7 answers the removed `permission` field with a 400 without a code; ours is VALIDATION_ERROR.
		await same(
			"removed permission field",
			(w) => ({ path: "/admin/has-permission", init: json({ permission: { user: ["list"] } }, w.admin.cookie) }),
			{ statusOnly: true },
		);
		await same("permissions not lists", (w) => ({
			path: "/admin/has-permission",
			init: json({ permissions: { user: "list" } }, w.admin.cookie),
		}));
		await same("both permission and permissions", (w) => ({
			path: "/admin/has-permission",
			init: json({ permission: { user: ["list"] }, permissions: { user: ["list"] } }, w.admin.cookie),
		}));
		const server = async (w: World, body: Options) =>
			w.side.api.userHasPermission({ body: { permissions: { user: ["list"] }, ...body } }).then(
				(answer: unknown) => answer,
				(error: { statusCode: number }) => error.statusCode,
			);
		for (const body of [{ role: "admin" }, { role: "user,admin" }, { role: "ghost" }, { userId: "nope" }, {}]) {
			expect(await server(ours, body), JSON.stringify(body)).toEqual(await server(reference, body));
		}
		expect(await server(ours, { userId: ours.admin.id })).toEqual(
			await server(reference, { userId: reference.admin.id }),
		);
		expect(await server(ours, { userId: ours.user.id })).toEqual(
			await server(reference, { userId: reference.user.id }),
		);
	});

	it("list-users: search, filter, sort, paging", async () => {
		const { same, ours, reference } = await setup();
		for (const w of [ours, reference]) {
			await w.signUp("carol@example.com");
			await w.signUp("dave@other.org", "admin,sale");
		}
		const emails = (answer: { body: unknown }) =>
			((answer.body as { users: { email: string }[] }).users ?? []).map((user) => user.email);
		for (const query of [
			"",
			"limit=2&offset=1&sortBy=email&sortDirection=desc",
			"limit=0",
			"offset=0",
			"limit=",
			"sortBy=name",
			"sortBy=name&sortDirection=desc",
			"searchValue=EXAMPLE",
			"searchValue=car&searchField=name&searchOperator=starts_with",
			"searchValue=.org&searchField=email&searchOperator=ends_with",
			"searchValue=zzz",
			"searchValue=",
			"filterField=role&filterValue=admin",
			"filterField=role&filterValue=admin&filterOperator=ne",
			"filterField=email&filterValue=x.com&filterOperator=contains",
			"filterField=email&filterValue=ad&filterOperator=starts_with",
			"filterField=emailVerified&filterValue=false",
			"filterField=createdAt&filterValue=2000-01-01&filterOperator=gt",
			"filterField=role",
			"searchValue=x.com&filterField=role&filterValue=user",
			"sortDirection=up",
			"searchField=foo&searchValue=x",
			"searchOperator=like&searchValue=x",
			"filterField=name&filterValue=x&filterOperator=like",
		]) {
			const answer = await same(`list-users?${query}`, (w) => ({
				path: `/admin/list-users${query ? `?${query}` : ""}`,
				init: get(w.admin.cookie),
			}));
			expect(emails(answer.ours), query).toEqual(emails(answer.reference));
			expect((answer.ours.body as { total?: number }).total, query).toBe(
				(answer.reference.body as { total?: number }).total,
			);
		}
	});

	it("exposes the same error codes and client plugin", () => {
		const ours = admin().$ERROR_CODES as Record<string, { code: string; message: string }>;
		const reference = referenceAdmin().$ERROR_CODES as Record<string, { code: string; message: string }>;
		for (const [key, value] of Object.entries(reference)) {
			expect(ours[key], key).toEqual({ code: value.code, message: value.message });
		}
		const client = adminClient();
		const referenceClient = referenceAdminClient();
		expect(client.id).toBe(referenceClient.id);
		expect(client.pathMethods).toEqual(referenceClient.pathMethods);
		for (const path of [
			"/admin/impersonate-user",
			"/admin/stop-impersonating",
			"/admin/list-users",
			"/sign-in/email",
		]) {
			const listens = (plugin: { atomListeners?: { matcher: (path: string) => boolean }[] }) =>
				plugin.atomListeners?.some((listener) => listener.matcher(path));
			expect(listens(client), path).toBe(listens(referenceClient as never));
		}
		const check = client.getActions().admin.checkRolePermission;
		const referenceCheck = (
			(referenceClient.getActions as () => unknown)() as {
				admin: { checkRolePermission: (data: unknown) => boolean };
			}
		).admin.checkRolePermission;
		for (const data of [
			{ role: "admin", permissions: { user: ["delete"] } },
			{ role: "user", permissions: { user: ["delete"] } },
			{ role: "ghost", permissions: { user: ["delete"] } },
			{ role: "user,admin", permissions: { user: ["delete"] } },
			{ role: "admin", permissions: { user: ["impersonate-admins"] } },
			{ role: "admin", permissions: {} },
		]) {
			expect(check(data as never), JSON.stringify(data)).toBe(referenceCheck(data));
		}
	});
});

describe("compat: admin bans on OAuth sign-in", () => {
	let fake: FakeOAuthServer;
	beforeAll(async () => {
		fake = await startFakeOAuthServer();
	});
	afterAll(() => fake.close());

	it("redirects a banned user's callback to the same error URL", async () => {
		const provider = () => ({
			providerId: "fake",
			clientId: fake.clientId,
			clientSecret: fake.clientSecret,
			discoveryUrl: `${fake.url}/.well-known/openid-configuration`,
			scopes: ["openid", "email", "profile"],
		});
		const { ours, reference } = await setup({ bannedUserMessage: "Banned here" }, undefined, {
			ourPlugins: [genericOAuth({ config: [provider()] })],
			referencePlugins: [referenceGenericOAuth({ config: [provider() as never] })],
		});
		fake.user = { sub: "oauth-1", email: "oauth@x.com", email_verified: true, name: "OAuth" };
		const signIn = async (w: World) => {
			const start = await w.side.handler(
				new Request(`${BASE_URL}/api/auth/sign-in/social`, json({ provider: "fake", callbackURL: "/dash" })),
			);
			const { url } = (await start.json()) as { url: string };
			const consent = await fetch(url, { redirect: "manual" });
			const cookie = start.headers
				.getSetCookie()
				.map((set) => set.split(";")[0])
				.join("; ");
			return w.side.handler(new Request(consent.headers.get("location") as string, { headers: { cookie } }));
		};
		const locations: string[] = [];
		for (const w of [ours, reference]) {
			expect((await signIn(w)).status).toBe(302);
			const { id } = w.side.database.prepare("select id from user where email = 'oauth@x.com'").get() as { id: string };
			await w.side.handler(new Request(`${BASE_URL}/api/auth/admin/ban-user`, json({ userId: id }, w.admin.cookie)));
			const banned = await signIn(w);
			expect(banned.status).toBe(302);
			locations.push(banned.headers.get("location") as string);
		}
		const parse = (location: string) => {
			const url = new URL(location);
			return {
				path: url.pathname,
				error: url.searchParams.get("error"),
				description: url.searchParams.get("error_description"),
			};
		};
		expect(parse(locations[0])).toEqual(parse(locations[1]));
		expect(locations[0]).toBe(locations[1]);
	});
});
