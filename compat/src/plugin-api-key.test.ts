/**
 * The api-key plugin against better-auth 1.7.24 with its api-key plugin, @better-auth/api-key 1.7.5
 * (the newest release for 1.7; better-auth 1.7 itself no longer ships `apiKey`). Same statuses,
 * error codes, body shapes and table; keys created by either side verify on the other.
 *
 * The reference plugin comes from compat/reference-plugins, a workspace package that installs it beside
 * better-auth 1.7.24 so its peers resolve to the reference (never to this workspace's better-auth).
 *
 * Not compared (deliberate differences, see docs/plugins/api-key.md): `sortBy` on an unknown
 * column (400 here, 500 there), the lifetime of a session from a key without expiry, banned users,
 * organization-owned keys.
 *
 * The sessions test also covers core endpoints (list-sessions, update-user) authenticated by a key:
 * it needs the session middlewares to honour a session a hook put on `ctx.context.session`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { apiKey } from "better-auth/plugins";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, type Options, read, SECRET, shapeOf } from "./harness";

// biome-ignore lint/suspicious/noExplicitAny: the reference modules are loaded at run time, untyped.
type Loose = any;

async function loadReference(): Promise<{ betterAuth: Loose; getMigrations: Loose; apiKey: Loose }> {
	return import("@better-auth/compat-reference-plugins/api-key");
}

interface Side {
	handler: (request: Request) => Promise<Response>;
	api: Record<string, (input?: unknown) => Promise<Loose>>;
	database: Database.Database;
}

const base = { emailAndPassword: { enabled: true }, logger: { disabled: true } };

async function makeSide(
	create: Loose,
	migrate: Loose,
	plugin: unknown,
	extra: Options,
	database = new Database(":memory:"),
): Promise<Side> {
	const options = { baseURL: BASE_URL, secret: SECRET, ...base, ...extra, database, plugins: [plugin] };
	await (await migrate(options)).runMigrations();
	const auth = create(options);
	return { handler: auth.handler, api: auth.api, database };
}

async function pairFor(pluginOptions: Loose = {}, extra: Options = {}) {
	const reference = await loadReference();
	return {
		ours: await makeSide(betterAuth, getMigrations, apiKey(pluginOptions), extra),
		reference: await makeSide(reference.betterAuth, reference.getMigrations, reference.apiKey(pluginOptions), extra),
	};
}

type Pair = Awaited<ReturnType<typeof pairFor>>;

const request = (path: string, init: { body?: unknown; headers?: Record<string, string>; method?: string } = {}) =>
	new Request(`${BASE_URL}/api/auth${path}`, {
		method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
		headers: {
			origin: BASE_URL,
			...(init.body !== undefined ? { "content-type": "application/json" } : {}),
			...init.headers,
		},
		body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
	});

type Answer = { status: number; body: Loose };

function agree(label: string, a: Answer, b: Answer) {
	expect(a.status, `${label} status`).toBe(b.status);
	expect(shapeOf(a.body), `${label} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect(a.body?.code, `${label} code`).toBe(b.body.code);
	}
}

/** Per side: a signed-up user and its cookie. */
type Users = { ours: { id: string; cookie: string }; reference: { id: string; cookie: string } };

async function signUp(pair: Pair, email: string): Promise<Users> {
	const one = async (side: Side) => {
		const response = await side.handler(
			request("/sign-up/email", { body: { email, password: "password123", name: "U" } }),
		);
		const body = (await response.json()) as { user: { id: string } };
		const cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		return { id: body.user.id, cookie };
	};
	return { ours: await one(pair.ours), reference: await one(pair.reference) };
}

/** Sends the same HTTP request to both sides; `init` may depend on the side (its user, its key). */
async function same(
	pair: Pair,
	label: string,
	path: string | ((side: "ours" | "reference") => string),
	init: (side: "ours" | "reference") => Parameters<typeof request>[1] = () => ({}),
) {
	const pathOf = (side: "ours" | "reference") => (typeof path === "string" ? path : path(side));
	const first = await pair.ours.handler(request(pathOf("ours"), init("ours")));
	const second = await pair.reference.handler(request(pathOf("reference"), init("reference")));
	expect(cookieNames(first), `${label} cookies`).toEqual(cookieNames(second));
	const [a, b] = [await read(first), await read(second)];
	agree(label, a, b);
	return { ours: a.body as Loose, reference: b.body as Loose };
}

/** Calls the same `auth.api` endpoint on both sides; thrown errors are compared as answers. */
async function sameApi(pair: Pair, label: string, name: string, input: (side: "ours" | "reference") => unknown) {
	const run = async (side: "ours" | "reference"): Promise<Answer> => {
		try {
			return { status: 200, body: JSON.parse(JSON.stringify(await pair[side].api[name](input(side)))) };
		} catch (error) {
			const e = error as { statusCode?: number; body?: unknown };
			if (!e.statusCode) throw error;
			return { status: e.statusCode, body: e.body };
		}
	};
	const [a, b] = [await run("ours"), await run("reference")];
	agree(label, a, b);
	if (b.body?.valid !== undefined) {
		expect(a.body.valid, `${label} valid`).toBe(b.body.valid);
		expect(a.body.error?.code, `${label} error code`).toBe(b.body.error?.code);
	}
	return { ours: a.body, reference: b.body };
}

describe("compat: api-key table", () => {
	it("migrations create the same apikey table and indexes", async () => {
		const pair = await pairFor();
		const columns = (side: Side) =>
			side.database.prepare("pragma table_info(apikey)").all() as { name: string; type: string; notnull: number }[];
		expect(columns(pair.ours)).toEqual(columns(pair.reference));
		const indexes = (side: Side) =>
			side.database
				.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'apikey' order by name")
				.all();
		expect(indexes(pair.ours)).toEqual(indexes(pair.reference));
	});

	it("the same options (prefix, lengths, rate limit) change the table the same way", async () => {
		const pair = await pairFor({ rateLimit: { timeWindow: 1000, maxRequests: 3 } });
		const sql = (side: Side) =>
			(side.database.prepare("select sql from sqlite_master where name = 'apikey'").get() as { sql: string }).sql;
		expect(sql(pair.ours)).toBe(sql(pair.reference));
	});
});

describe("compat: create", () => {
	it("HTTP: defaults, fields, server-only fields, each validation error", async () => {
		const pair = await pairFor({ enableMetadata: true });
		const user = await signUp(pair, "a@x.com");
		const withCookie = (body: unknown) => (side: "ours" | "reference") => ({
			body,
			headers: { cookie: user[side].cookie },
		});
		const created = await same(pair, "create {}", "/api-key/create", withCookie({}));
		expect((created.ours.key as string).length).toBe((created.reference.key as string).length);
		for (const body of [
			{ name: "My key", prefix: "my_app", expiresIn: 86_400, metadata: { tier: "pro" } },
			{ metadata: [1] },
			{ metadata: null },
			{ metadata: "text" },
			{ expiresIn: null },
			{ expiresIn: 86_400.5 },
			{ expiresIn: 10 },
			{ expiresIn: 400 * 86_400 },
			{ expiresIn: -5 },
			{ expiresIn: "5" },
			{ prefix: "bad prefix!" },
			{ prefix: "" },
			{ prefix: "a".repeat(33) },
			{ name: "" },
			{ name: "a".repeat(33) },
			{ name: 5 },
			{ remaining: 5 },
			{ permissions: { a: ["b"] } },
			{ refillAmount: 1, refillInterval: 1000 },
			{ rateLimitMax: 3 },
			{ rateLimitEnabled: false },
			{ rateLimitTimeWindow: 1000 },
			{ userId: "someone" },
			{ userId: user.ours.id },
			{ configId: "unknown" },
			{ organizationId: "org" },
			{ remaining: 1, metadata: "s", prefix: "a".repeat(40), name: "a".repeat(40), expiresIn: 1 },
			{ metadata: "s", prefix: "a".repeat(40), name: "a".repeat(40), expiresIn: 1 },
			{ prefix: "a".repeat(40), name: "a".repeat(40), expiresIn: 1 },
			{ prefix: "a".repeat(40), name: "a".repeat(40) },
		]) {
			await same(pair, `create ${JSON.stringify(body)}`, "/api-key/create", withCookie(body));
		}
		await same(pair, "create without session", "/api-key/create", () => ({ body: {} }));
		await same(pair, "create not json", "/api-key/create", withCookie("not json"));
	});

	it("prefix, start and key format agree", async () => {
		const pair = await pairFor({ enableMetadata: true });
		const user = await signUp(pair, "a@x.com");
		const { ours, reference } = await same(pair, "prefixed", "/api-key/create", (side) => ({
			body: { prefix: "my_app" },
			headers: { cookie: user[side].cookie },
		}));
		for (const body of [ours, reference]) {
			expect(body.key).toMatch(/^my_app[A-Za-z]{64}$/);
			expect(body.start).toBe("my_app");
			expect(body.prefix).toBe("my_app");
		}
	});

	it("metadata disabled, requireName, custom expiration and start options", async () => {
		for (const options of [
			{},
			{ requireName: true },
			{ keyExpiration: { disableCustomExpiresTime: true } },
			{ keyExpiration: { minExpiresIn: 0, maxExpiresIn: 2, defaultExpiresIn: 3600 } },
			{ startingCharactersConfig: { shouldStore: false } },
			{ startingCharactersConfig: { charactersLength: 3 }, defaultPrefix: "pk_", defaultKeyLength: 20 },
			{ rateLimit: { enabled: false, timeWindow: 5000, maxRequests: 3 } },
			{ permissions: { defaultPermissions: { files: ["read"] } } },
		]) {
			const pair = await pairFor(options);
			const user = await signUp(pair, "a@x.com");
			for (const body of [
				{},
				{ name: "n" },
				{ name: "" },
				{ name: "n", metadata: { a: 1 } },
				{ name: "n", metadata: null },
				{ name: "n", expiresIn: 86_400 },
				{ name: "n", expiresIn: 1 },
				{ name: "n", expiresIn: 3 * 86_400 },
			]) {
				const { ours, reference } = await same(
					pair,
					`${JSON.stringify(options)} create ${JSON.stringify(body)}`,
					"/api-key/create",
					(side) => ({ body, headers: { cookie: user[side].cookie } }),
				);
				if (reference.key) {
					const start = reference.start as string | null;
					expect(ours.start, "start").toBe(start === null ? null : (ours.key as string).slice(0, start.length));
					expect((ours.key as string).length).toBe((reference.key as string).length);
					expect(ours.permissions).toEqual(reference.permissions);
					expect(ours.rateLimitEnabled).toBe(reference.rateLimitEnabled);
					expect(ours.rateLimitMax).toBe(reference.rateLimitMax);
					expect(ours.expiresAt === null).toBe(reference.expiresAt === null);
				}
			}
		}
	});

	it("server code: userId, server-only fields, refill pairs, bounds", async () => {
		const pair = await pairFor({ enableMetadata: true });
		const user = await signUp(pair, "a@x.com");
		const other = await signUp(pair, "b@x.com");
		for (const body of [
			{},
			{ userId: "ghost" },
			{ remaining: 100, refillAmount: 100, refillInterval: 1000, rateLimitTimeWindow: 1000, rateLimitMax: 5 },
			{ rateLimitEnabled: false, permissions: { p: ["read"] }, metadata: { x: 1 } },
			{ refillAmount: 100 },
			{ refillInterval: 100 },
			{ refillAmount: 0, refillInterval: 0 },
			{ remaining: 0 },
			{ remaining: -1 },
			{ remaining: null },
			{ permissions: { a: "b" } },
			{ rateLimitMax: -1, rateLimitTimeWindow: -5 },
		]) {
			const { ours, reference } = await sameApi(
				pair,
				`server create ${JSON.stringify(body)}`,
				"createApiKey",
				(side) => ({
					body: { userId: user[side].id, ...body },
				}),
			);
			if (reference.key) {
				for (const field of ["remaining", "refillAmount", "refillInterval", "rateLimitMax", "rateLimitEnabled"]) {
					expect(ours[field], field).toEqual(reference[field]);
				}
				expect(ours.permissions).toEqual(reference.permissions);
				expect(ours.metadata).toEqual(reference.metadata);
			}
		}
		await sameApi(pair, "server create without user", "createApiKey", () => ({ body: {} }));
		// With headers, the session's user wins over userId and server-only fields are refused.
		const { ours } = await sameApi(pair, "headers + userId", "createApiKey", (side) => ({
			body: { userId: other[side].id },
			headers: new Headers({ cookie: user[side].cookie }),
		}));
		expect(ours.referenceId).toBe(user.ours.id);
		await sameApi(pair, "headers + remaining", "createApiKey", (side) => ({
			body: { remaining: 3 },
			headers: new Headers({ cookie: user[side].cookie }),
		}));
		await sameApi(pair, "bad cookie + remaining", "createApiKey", (side) => ({
			body: { userId: user[side].id, remaining: 3 },
			headers: new Headers({ cookie: "x=y" }),
		}));
	});
});

describe("compat: get, list, update, delete", () => {
	async function withKeys() {
		const pair = await pairFor({ enableMetadata: true });
		const user = await signUp(pair, "a@x.com");
		const other = await signUp(pair, "b@x.com");
		const mine = await same(pair, "create mine", "/api-key/create", (side) => ({
			body: { name: "mine" },
			headers: { cookie: user[side].cookie },
		}));
		const theirs = await same(pair, "create theirs", "/api-key/create", (side) => ({
			body: { name: "theirs" },
			headers: { cookie: other[side].cookie },
		}));
		const id = (keys: typeof mine) => (side: "ours" | "reference") => keys[side].id as string;
		return { pair, user, other, mine: id(mine), theirs: id(theirs), keys: mine };
	}

	it("get and list: own keys only, query validation", async () => {
		const { pair, user, mine, theirs } = await withKeys();
		const cookie = (side: "ours" | "reference") => ({ headers: { cookie: user[side].cookie } });
		const got = await same(pair, "get", (side) => `/api-key/get?id=${mine(side)}`, cookie);
		expect(got.ours.key).toBeUndefined();
		expect(got.ours.name).toBe("mine");
		await same(pair, "get other's", (side) => `/api-key/get?id=${theirs(side)}`, cookie);
		await same(pair, "get missing", "/api-key/get?id=nope", cookie);
		await same(pair, "get no id", "/api-key/get", cookie);
		await same(pair, "get signed out", (side) => `/api-key/get?id=${mine(side)}`);
		const listed = await same(pair, "list", "/api-key/list", cookie);
		expect(listed.ours.total).toBe(1);
		for (const query of [
			"?limit=1&offset=0&sortBy=name&sortDirection=desc",
			"?limit=5",
			"?offset=1",
			"?limit=abc",
			"?limit=-1",
			"?limit=1.5",
			"?sortDirection=up",
			"?configId=default",
			"?organizationId=org",
		]) {
			await same(pair, `list ${query}`, `/api-key/list${query}`, cookie);
		}
		await same(pair, "list signed out", "/api-key/list");
	});

	it("update: client fields, server-only fields, errors", async () => {
		const { pair, user, mine, theirs } = await withKeys();
		const send =
			(body: Record<string, unknown>, key = mine) =>
			(side: "ours" | "reference") => ({
				body: { keyId: key(side), ...body },
				headers: { cookie: user[side].cookie },
			});
		for (const body of [
			{ name: "new" },
			{ enabled: false },
			{ metadata: { m: 1 } },
			{ expiresIn: 2 * 86_400 },
			{ expiresIn: 5 },
			{ expiresIn: null },
			{ remaining: 5 },
			{ permissions: { a: ["b"] } },
			{ rateLimitEnabled: false },
			{ rateLimitMax: 1 },
			{ refillAmount: 1 },
			{ userId: "someone" },
			{},
			{ name: "a".repeat(40) },
			{ name: "" },
			{ metadata: "s" },
			{ enabled: "yes" },
		]) {
			await same(pair, `update ${JSON.stringify(body)}`, "/api-key/update", send(body));
		}
		await same(pair, "update other's", "/api-key/update", send({ name: "x" }, theirs));
		await same(
			pair,
			"update missing",
			"/api-key/update",
			send({ name: "x" }, () => "nope"),
		);
		await same(pair, "update signed out", "/api-key/update", (side) => ({ body: { keyId: mine(side), name: "x" } }));
		await same(pair, "update without keyId", "/api-key/update", (side) => ({
			body: { name: "x" },
			headers: { cookie: user[side].cookie },
		}));
	});

	it("update from server code", async () => {
		const { pair, user, other, mine } = await withKeys();
		for (const body of [
			{ name: "srv" },
			{ remaining: 3, refillAmount: 5, refillInterval: 1000, rateLimitMax: 2, rateLimitTimeWindow: 5000 },
			{ permissions: { x: ["y"] } },
			{ permissions: null },
			{ metadata: null },
			{ refillAmount: 5 },
			{ refillInterval: 5 },
			{ remaining: -3 },
			{ remaining: null },
			{ name: null },
			{ foo: 1 },
			{ configId: "default" },
			{ expiresIn: 400 * 86_400 },
		]) {
			const { ours, reference } = await sameApi(
				pair,
				`server update ${JSON.stringify(body)}`,
				"updateApiKey",
				(side) => ({
					body: { keyId: mine(side), userId: user[side].id, ...body },
				}),
			);
			if (reference.id) {
				for (const field of [
					"name",
					"remaining",
					"refillAmount",
					"refillInterval",
					"rateLimitMax",
					"metadata",
					"permissions",
				]) {
					expect(ours[field], field).toEqual(reference[field]);
				}
			}
		}
		await sameApi(pair, "server update without user", "updateApiKey", (side) => ({
			body: { keyId: mine(side), name: "x" },
		}));
		await sameApi(pair, "server update for another user", "updateApiKey", (side) => ({
			body: { keyId: mine(side), userId: other[side].id, name: "x" },
		}));
	});

	it("update under disableCustomExpiresTime and requireName", async () => {
		const pair = await pairFor({ keyExpiration: { disableCustomExpiresTime: true }, requireName: true });
		const user = await signUp(pair, "a@x.com");
		const keys = await same(pair, "create", "/api-key/create", (side) => ({
			body: { name: "n" },
			headers: { cookie: user[side].cookie },
		}));
		for (const body of [{ expiresIn: 86_400 }, { expiresIn: null }, { name: "m" }, { enabled: true }]) {
			await same(pair, `update ${JSON.stringify(body)}`, "/api-key/update", (side) => ({
				body: { keyId: keys[side].id, ...body },
				headers: { cookie: user[side].cookie },
			}));
		}
	});

	it("metadata is ignored by update while disabled", async () => {
		const pair = await pairFor();
		const user = await signUp(pair, "a@x.com");
		const keys = await same(pair, "create", "/api-key/create", (side) => ({
			body: {},
			headers: { cookie: user[side].cookie },
		}));
		for (const body of [{ metadata: { a: 1 } }, { metadata: { a: 1 }, name: "n" }]) {
			const { ours, reference } = await same(pair, `update ${JSON.stringify(body)}`, "/api-key/update", (side) => ({
				body: { keyId: keys[side].id, ...body },
				headers: { cookie: user[side].cookie },
			}));
			expect(ours.metadata ?? null).toEqual(reference.metadata ?? null);
		}
	});

	it("delete: own keys only", async () => {
		const { pair, user, mine, theirs } = await withKeys();
		const send = (key: (side: "ours" | "reference") => string) => (side: "ours" | "reference") => ({
			body: { keyId: key(side) },
			headers: { cookie: user[side].cookie },
		});
		await same(pair, "delete other's", "/api-key/delete", send(theirs));
		await same(
			pair,
			"delete missing",
			"/api-key/delete",
			send(() => "nope"),
		);
		await same(pair, "delete signed out", "/api-key/delete", (side) => ({ body: { keyId: mine(side) } }));
		await same(pair, "delete no keyId", "/api-key/delete", (side) => ({
			body: {},
			headers: { cookie: user[side].cookie },
		}));
		await same(pair, "delete", "/api-key/delete", send(mine));
		await same(pair, "delete again", "/api-key/delete", send(mine));
		await sameApi(pair, "server delete without headers", "deleteApiKey", (side) => ({ body: { keyId: theirs(side) } }));
	});

	it("verify and delete-all-expired have no HTTP route", async () => {
		const pair = await pairFor();
		await same(pair, "verify over HTTP", "/api-key/verify", () => ({ body: { key: "x" } }));
		await same(pair, "delete-all over HTTP", "/api-key/delete-all-expired-api-keys", () => ({ body: {} }));
		await sameApi(pair, "deleteAllExpiredApiKeys", "deleteAllExpiredApiKeys", () => ({}));
	});
});

describe("compat: verify", () => {
	async function setupVerify(options: Loose = {}) {
		const pair = await pairFor(options);
		const user = await signUp(pair, "a@x.com");
		const keys = async (body: Record<string, unknown>) => {
			const { ours, reference } = await sameApi(pair, `create ${JSON.stringify(body)}`, "createApiKey", (side) => ({
				body: { userId: user[side].id, ...body },
			}));
			return { ours: ours as { key: string; id: string }, reference: reference as { key: string; id: string } };
		};
		const verify = (label: string, key: Awaited<ReturnType<typeof keys>>, extra: Record<string, unknown> = {}) =>
			sameApi(pair, label, "verifyApiKey", (side) => ({ body: { key: key[side].key, ...extra } }));
		return { pair, user, keys, verify };
	}

	it("valid, unknown, malformed", async () => {
		const { pair, keys, verify } = await setupVerify();
		const key = await keys({});
		const { ours } = await verify("valid", key);
		expect(ours.key.requestCount).toBe(1);
		expect(ours.key.key).toBeUndefined();
		for (const body of [{ key: "nope" }, { key: "x".repeat(64) }, {}, { key: 5 }]) {
			await sameApi(pair, `verify ${JSON.stringify(body)}`, "verifyApiKey", () => ({ body }));
		}
		await verify("permissions of wrong shape", key, { permissions: { a: "b" } });
	});

	it("remaining: spent, then removed; refills reset the count", async () => {
		const { pair, keys, verify } = await setupVerify();
		const limited = await keys({ remaining: 2 });
		for (let i = 0; i < 4; i++) {
			const { ours, reference } = await verify(`remaining ${i}`, limited);
			expect(ours.key?.remaining ?? null).toBe(reference.key?.remaining ?? null);
		}
		const refilled = await keys({ remaining: 1, refillAmount: 3, refillInterval: 1000 });
		const past = new Date(Date.now() - 5000).toISOString();
		pair.ours.database.prepare("update apikey set lastRefillAt = ? where id = ?").run(past, refilled.ours.id);
		pair.reference.database.prepare("update apikey set lastRefillAt = ? where id = ?").run(past, refilled.reference.id);
		const { ours, reference } = await verify("refill due", refilled);
		expect(ours.key.remaining).toBe(reference.key.remaining);
		const waiting = await keys({ remaining: 0, refillAmount: 3, refillInterval: 100_000 });
		await verify("spent, refill not due", waiting);
		const count = (side: Side, id: string) =>
			(side.database.prepare("select count(*) as n from apikey where id = ?").get(id) as { n: number }).n;
		expect(count(pair.ours, waiting.ours.id)).toBe(count(pair.reference, waiting.reference.id));
		expect(count(pair.ours, limited.ours.id)).toBe(count(pair.reference, limited.reference.id));
	});

	it("rate limit, disabled, expired, permissions", async () => {
		const { pair, keys, verify } = await setupVerify();
		const limited = await keys({ rateLimitMax: 2, rateLimitTimeWindow: 60_000 });
		for (let i = 0; i < 3; i++) {
			const { ours, reference } = await verify(`rate limit ${i}`, limited);
			expect(ours.error?.details ? Object.keys(ours.error.details) : null).toEqual(
				reference.error?.details ? Object.keys(reference.error.details) : null,
			);
		}
		const unlimited = await keys({ rateLimitEnabled: false, rateLimitMax: 1 });
		for (let i = 0; i < 2; i++) {
			const { ours, reference } = await verify(`rate limit off ${i}`, unlimited);
			expect(ours.key.requestCount).toBe(reference.key.requestCount);
		}
		const both = await keys({ remaining: 1, rateLimitMax: 1, rateLimitTimeWindow: 60_000 });
		await verify("remaining and rate limit 1", both);
		await verify("remaining and rate limit 2", both);

		const disabled = await keys({});
		await sameApi(pair, "disable", "updateApiKey", (side) => ({
			body: { keyId: disabled[side].id, userId: (disabled[side] as Loose).referenceId, enabled: false },
		}));
		await verify("disabled", disabled);

		const expired = await keys({ expiresIn: 86_400 });
		const past = new Date(Date.now() - 1000).toISOString();
		pair.ours.database.prepare("update apikey set expiresAt = ? where id = ?").run(past, expired.ours.id);
		pair.reference.database.prepare("update apikey set expiresAt = ? where id = ?").run(past, expired.reference.id);
		await verify("expired", expired);
		await verify("expired, again", expired);

		const scoped = await keys({ permissions: { projects: ["read", "write"], x: ["y"] } });
		await verify("permission granted", scoped, { permissions: { projects: ["read"] } });
		await verify("action missing", scoped, { permissions: { projects: ["delete"] } });
		await verify("resource missing", scoped, { permissions: { other: ["read"] } });
		await verify("all granted", scoped, { permissions: { projects: ["read", "write"], x: ["y"] } });
	});
});

describe("compat: sessions from API keys", () => {
	it("off by default", async () => {
		const pair = await pairFor();
		const user = await signUp(pair, "a@x.com");
		const key = await sameApi(pair, "create", "createApiKey", (side) => ({ body: { userId: user[side].id } }));
		const header = (side: "ours" | "reference") => ({ headers: { "x-api-key": key[side].key } });
		await same(pair, "get-session", "/get-session", header);
		await same(pair, "list-sessions", "/list-sessions", header);
		await same(pair, "api-key/list", "/api-key/list", header);
	});

	it("a valid key acts as its owner's session; bad keys get 4xx", async () => {
		const pair = await pairFor({ enableSessionForAPIKeys: true });
		const user = await signUp(pair, "a@x.com");
		const create = (body: Record<string, unknown>) =>
			sameApi(pair, `create ${JSON.stringify(body)}`, "createApiKey", (side) => ({
				body: { userId: user[side].id, ...body },
			}));
		const key = await create({});
		const header =
			(k: { ours: Loose; reference: Loose }, extra: Record<string, string> = {}) =>
			(side: "ours" | "reference") => ({
				// better-auth 1.7 falls back to 127.0.0.1 outside production when no address is known; we leave null.
				headers: { "x-api-key": k[side].key, "x-forwarded-for": "1.2.3.4", ...extra },
			});
		const session = await same(pair, "get-session", "/get-session", header(key, { "user-agent": "UA" }));
		expect(session.ours.session.id).toBe(key.ours.id);
		expect(session.ours.session.token).toBe(key.ours.key);
		expect(session.ours.session.userAgent).toBe("UA");
		expect(session.ours.user.id).toBe(user.ours.id);
		await same(pair, "list-sessions", "/list-sessions", header(key));
		await same(pair, "api-key/list", "/api-key/list", header(key));
		await same(pair, "api-key/create", "/api-key/create", (side) => ({ body: {}, ...header(key)(side) }));
		await same(pair, "update-user", "/update-user", (side) => ({ body: { name: "Z" }, ...header(key)(side) }));
		await same(pair, "cookie and key", "/get-session", (side) => ({
			headers: { "x-api-key": key[side].key, cookie: user[side].cookie, "x-forwarded-for": "1.2.3.4" },
		}));
		await same(pair, "short key", "/get-session", () => ({ headers: { "x-api-key": "bad" } }));
		await same(pair, "unknown key", "/get-session", () => ({ headers: { "x-api-key": "b".repeat(64) } }));
		await same(pair, "empty header", "/get-session", () => ({ headers: { "x-api-key": "" } }));
		await same(pair, "sign-out", "/sign-out", (side) => ({ body: {}, ...header(key)(side) }));

		const disabled = await create({});
		await sameApi(pair, "disable", "updateApiKey", (side) => ({
			body: { keyId: disabled[side].id, userId: user[side].id, enabled: false },
		}));
		await same(pair, "disabled", "/get-session", header(disabled));
		await same(pair, "spent", "/get-session", header(await create({ remaining: 0 })));
		const limited = await create({ rateLimitMax: 1, rateLimitTimeWindow: 60_000 });
		await same(pair, "rate limit 1", "/get-session", header(limited));
		await same(pair, "rate limit 2", "/get-session", header(limited));
		const ghost = await sameApi(pair, "ghost", "createApiKey", () => ({ body: { userId: "ghost" } }));
		await same(pair, "owner gone", "/get-session", header(ghost));
		const expiring = await create({ expiresIn: 3 * 86_400 });
		const { ours, reference } = await same(pair, "key with expiry", "/get-session", header(expiring));
		expect(ours.session.expiresAt).toBe(expiring.ours.expiresAt);
		expect(reference.session.expiresAt).toBe(expiring.reference.expiresAt);
	});

	it("apiKeyHeaders, customAPIKeyGetter, customAPIKeyValidator", async () => {
		const pair = await pairFor({
			enableSessionForAPIKeys: true,
			apiKeyHeaders: ["x-api-key", "xyz-api-key"],
			customAPIKeyValidator: ({ key }: { key: string }) => !key.startsWith("deny"),
		});
		const user = await signUp(pair, "a@x.com");
		const key = await sameApi(pair, "create", "createApiKey", (side) => ({ body: { userId: user[side].id } }));
		await same(pair, "second header", "/get-session", (side) => ({
			headers: { "xyz-api-key": key[side].key, "x-forwarded-for": "1.2.3.4" },
		}));
		await same(pair, "validator refuses", "/get-session", () => ({
			headers: { "x-api-key": `deny${"x".repeat(70)}` },
		}));

		const getter = await pairFor({
			enableSessionForAPIKeys: true,
			customAPIKeyGetter: (ctx: { headers?: Headers }) =>
				ctx.headers?.get("authorization")?.replace("Key ", "") ?? null,
		});
		const owner = await signUp(getter, "a@x.com");
		const k = await sameApi(getter, "create", "createApiKey", (side) => ({ body: { userId: owner[side].id } }));
		await same(getter, "getter", "/get-session", (side) => ({
			headers: { authorization: `Key ${k[side].key}`, "x-forwarded-for": "1.2.3.4" },
		}));
		await same(getter, "x-api-key ignored", "/get-session", (side) => ({ headers: { "x-api-key": k[side].key } }));

		const broken = await pairFor({ enableSessionForAPIKeys: true, customAPIKeyGetter: () => 5 });
		await same(broken, "getter returns a number", "/get-session");
		await same(broken, "getter returns a number, /ok", "/ok");
	});
});

describe("compat: several configurations", () => {
	it("configId picks the configuration; keys stay within theirs", async () => {
		const configs = [
			{ configId: "public", defaultPrefix: "pk_", enableMetadata: true },
			{ configId: "secret", defaultPrefix: "sk_", defaultKeyLength: 10 },
		];
		const pair = await pairFor(configs);
		const user = await signUp(pair, "a@x.com");
		const cookie = (body: unknown) => (side: "ours" | "reference") => ({
			body,
			headers: { cookie: user[side].cookie },
		});
		await same(pair, "no configId", "/api-key/create", cookie({}));
		const pub = await same(pair, "public", "/api-key/create", cookie({ configId: "public" }));
		expect(pub.ours.key).toMatch(/^pk_[A-Za-z]{64}$/);
		await same(pair, "secret + metadata", "/api-key/create", cookie({ configId: "secret", metadata: { x: 1 } }));
		const secret = await same(pair, "secret", "/api-key/create", cookie({ configId: "secret" }));
		expect(secret.ours.key).toMatch(/^sk_[A-Za-z]{10}$/);
		const get = (side: "ours" | "reference") => ({ headers: { cookie: user[side].cookie } });
		await same(pair, "get with the wrong configId", (side) => `/api-key/get?id=${pub[side].id}&configId=secret`, get);
		await same(pair, "get without configId", (side) => `/api-key/get?id=${pub[side].id}`, get);
		const listed = await same(pair, "list secret", "/api-key/list?configId=secret", get);
		expect(listed.ours.total).toBe(1);
		await sameApi(pair, "verify without configId", "verifyApiKey", (side) => ({ body: { key: secret[side].key } }));
		await sameApi(pair, "verify in another configuration", "verifyApiKey", (side) => ({
			body: { key: secret[side].key, configId: "public" },
		}));
		await sameApi(pair, "verify in its configuration", "verifyApiKey", (side) => ({
			body: { key: secret[side].key, configId: "secret" },
		}));
	});

	it("duplicate configIds are refused at start-up by both", async () => {
		const reference = await loadReference();
		const configs = [{ configId: "a" }, { configId: "a" }];
		expect(() => apiKey(configs)).toThrow(/configId must be unique/);
		expect(() => reference.apiKey(configs)).toThrow(/configId must be unique/);
	});
});

describe("compat: one database, both implementations", () => {
	it("keys created by either side verify on the other", async () => {
		const reference = await loadReference();
		const folder = mkdtempSync(join(tmpdir(), "api-key-shared-"));
		const file = join(folder, "shared.db");
		try {
			const theirs = await makeSide(
				reference.betterAuth,
				reference.getMigrations,
				reference.apiKey({ enableMetadata: true }),
				{},
				new Database(file),
			);
			const ours = await makeSide(betterAuth, getMigrations, apiKey({ enableMetadata: true }), {}, new Database(file));
			const signUpResponse = await theirs.handler(
				request("/sign-up/email", { body: { email: "a@x.com", password: "password123", name: "A" } }),
			);
			const userId = ((await signUpResponse.json()) as { user: { id: string } }).user.id;
			const made = { metadata: { plan: "pro" }, permissions: { files: ["read"] }, remaining: 5 };
			const fromReference = await theirs.api.createApiKey({ body: { userId, prefix: "ref_", ...made } });
			const fromOurs = await ours.api.createApiKey({ body: { userId, prefix: "our_", ...made } });

			const here = await ours.api.verifyApiKey({ body: { key: fromReference.key, permissions: { files: ["read"] } } });
			expect(here).toMatchObject({
				valid: true,
				key: { id: fromReference.id, metadata: { plan: "pro" }, remaining: 4 },
			});
			const there = await theirs.api.verifyApiKey({ body: { key: fromOurs.key, permissions: { files: ["read"] } } });
			expect(there).toMatchObject({ valid: true, key: { id: fromOurs.id, metadata: { plan: "pro" }, remaining: 4 } });

			// Each lists and reads the other's keys the same way.
			const cookieResponse = await ours.handler(
				request("/sign-in/email", { body: { email: "a@x.com", password: "password123" } }),
			);
			const cookie = cookieResponse.headers
				.getSetCookie()
				.map((c) => c.split(";")[0])
				.join("; ");
			const a = await read(await ours.handler(request("/api-key/list", { headers: { cookie } })));
			const b = await read(await theirs.handler(request("/api-key/list", { headers: { cookie } })));
			expect(a).toEqual(b);
			ours.database.close();
			theirs.database.close();
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe("compat: secondary storage", () => {
	function memoryStorage() {
		const values = new Map<string, string>();
		const ttls = new Map<string, number | undefined>();
		return {
			values,
			ttls,
			get: (key: string) => values.get(key) ?? null,
			set: (key: string, value: string, ttl?: number) => {
				values.set(key, value);
				ttls.set(key, ttl);
			},
			delete: (key: string) => {
				values.delete(key);
			},
		};
	}

	it("the same entries, values and TTLs; keys of either side verify on the other", async () => {
		const reference = await loadReference();
		const shared = memoryStorage();
		const options = { storage: "secondary-storage", enableMetadata: true };
		const extra = { secondaryStorage: shared };
		const theirs = await makeSide(reference.betterAuth, reference.getMigrations, reference.apiKey(options), extra);
		const ours = await makeSide(betterAuth, getMigrations, apiKey(options as never), extra);
		const body = { userId: "user-1", metadata: { a: 1 }, permissions: { p: ["r"] }, expiresIn: 86_400, remaining: 5 };
		const a = await theirs.api.createApiKey({ body });
		const b = await ours.api.createApiKey({ body });
		const entry = (prefix: string, id: string) => JSON.parse(shared.values.get(`${prefix}${id}`) as string);
		expect(shapeOf(entry("api-key:by-id:", b.id))).toEqual(shapeOf(entry("api-key:by-id:", a.id)));
		expect(entry("api-key:by-id:", b.id).permissions).toBe(entry("api-key:by-id:", a.id).permissions);
		// Both sides derive the TTL from the key's expiry at their own moment of writing: whole seconds
		// that may straddle a second boundary between the two writes.
		const ttlA = shared.ttls.get(`api-key:by-id:${a.id}`) as number;
		const ttlB = shared.ttls.get(`api-key:by-id:${b.id}`) as number;
		expect(ttlA).toBeGreaterThan(86_000);
		expect(Math.abs(ttlA - ttlB)).toBeLessThanOrEqual(1);
		expect(JSON.parse(shared.values.get("api-key:by-ref:user-1") as string)).toEqual([a.id, b.id]);

		expect(await ours.api.verifyApiKey({ body: { key: a.key, permissions: { p: ["r"] } } })).toMatchObject({
			valid: true,
			key: { id: a.id, remaining: 4, metadata: { a: 1 } },
		});
		expect(await theirs.api.verifyApiKey({ body: { key: b.key, permissions: { p: ["r"] } } })).toMatchObject({
			valid: true,
			key: { id: b.id, remaining: 4, metadata: { a: 1 } },
		});
	});
});
