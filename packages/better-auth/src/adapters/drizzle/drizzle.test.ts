import type { BetterAuthOptions } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, describe, expect, test } from "vitest";
import { betterAuth } from "../../auth";
import { getMigrations } from "../../db/migration";
import { postgresTestDatabase } from "../../test-utils/databases";
import { runAdapterTest, runNumberIdAdapterTest } from "../test";
import { drizzleAdapter } from ".";
import { drizzleSchemaFor } from "./test-schema";

/** Migrates `database` (better-sqlite3 or a pg Pool) for the options, then builds a Drizzle adapter over it. */
function migratingAdapter(provider: "sqlite" | "pg", database: unknown) {
	return async (options: Partial<BetterAuthOptions> = {}) => {
		await (await getMigrations({ ...options, database } as BetterAuthOptions)).runMigrations();
		const schema = drizzleSchemaFor(provider, options);
		const db = provider === "sqlite" ? drizzleSqlite(database as Database.Database) : drizzlePg(database as never);
		return drizzleAdapter(db, { provider, schema, transaction: true })(options as BetterAuthOptions);
	};
}

describe("drizzle adapter: sqlite", () => {
	runAdapterTest({ getAdapter: migratingAdapter("sqlite", new Database(":memory:")) });
});

describe("drizzle adapter: sqlite, numeric ids", () => {
	runNumberIdAdapterTest({ getAdapter: migratingAdapter("sqlite", new Database(":memory:")) });
});

const pg = await postgresTestDatabase("drizzle_adapter");
const pgNumeric = await postgresTestDatabase("drizzle_adapter_num");
describe.skipIf(!pg || !pgNumeric)("drizzle adapter: postgres", () => {
	afterAll(async () => {
		await pg?.cleanup();
		await pgNumeric?.cleanup();
	});
	runAdapterTest({ getAdapter: migratingAdapter("pg", pg?.pool) });
	runNumberIdAdapterTest({ getAdapter: migratingAdapter("pg", pgNumeric?.pool) });

	// Regression guard: a hook holding the outer adapter inside a transaction must not take a second
	// connection (it would not see the transaction's rows, and could wait on its locks forever).
	test("the outer adapter inside a transaction callback joins the transaction", async () => {
		const adapter = await migratingAdapter("pg", pg?.pool)({});
		const email = `outer-${Date.now()}@example.com`;
		await expect(
			adapter.transaction(async (trx) => {
				const user = await trx.create<Record<string, unknown>, { id: string }>({
					model: "user",
					data: { name: "O", email, emailVerified: false },
				});
				const seen = await adapter.findOne({ model: "user", where: [{ field: "id", value: user.id }] });
				expect(seen).not.toBeNull();
				await adapter.update({ model: "user", where: [{ field: "id", value: user.id }], update: { name: "Locked" } });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(await adapter.count({ model: "user", where: [{ field: "email", value: email }] })).toBe(0);
	});
});

describe("drizzle adapter: sqlite transactions", () => {
	test("BEGIN/COMMIT on better-sqlite3, rollback undoes outer-adapter writes made inside", async () => {
		const adapter = await migratingAdapter("sqlite", new Database(":memory:"))({});
		const data = (email: string) => ({ name: "T", email, emailVerified: false });
		await adapter.transaction(async (trx) => {
			await trx.create({ model: "user", data: data("kept@example.com") });
		});
		await expect(
			adapter.transaction(async () => {
				await adapter.create({ model: "user", data: data("dropped@example.com") });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(await adapter.count({ model: "user" })).toBe(1);
	});

	test("without `transaction: true` (the default, as in 1.7) the callback runs without BEGIN", async () => {
		const sqlite = new Database(":memory:");
		await (await getMigrations({ database: sqlite })).runMigrations();
		const adapter = drizzleAdapter(drizzleSqlite(sqlite), {
			provider: "sqlite",
			schema: drizzleSchemaFor("sqlite", {}),
		})({});
		await expect(
			adapter.transaction(async (trx) => {
				await trx.create({ model: "user", data: { name: "N", email: "n@example.com", emailVerified: false } });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(await adapter.count({ model: "user" })).toBe(1);
	});
});

describe("drizzle adapter: configuration errors", () => {
	test("a model missing from the schema is a BetterAuthError naming it", async () => {
		const sqlite = new Database(":memory:");
		const { session: _dropped, ...schema } = drizzleSchemaFor("sqlite", {});
		const adapter = drizzleAdapter(drizzleSqlite(sqlite), { provider: "sqlite", schema })({});
		const error = await adapter
			.findOne({ model: "session", where: [{ field: "token", value: "x" }] })
			.catch((e: Error) => e);
		expect(error).toBeInstanceOf(BetterAuthError);
		expect((error as Error).message).toContain('"session"');
	});

	test("a column missing from a table is a BetterAuthError naming it", async () => {
		const sqlite = new Database(":memory:");
		const adapter = drizzleAdapter(drizzleSqlite(sqlite), {
			provider: "sqlite",
			schema: drizzleSchemaFor("sqlite", {}),
		})({ user: { additionalFields: { nickname: { type: "string", required: false } } } });
		const error = await adapter
			.findOne({ model: "user", where: [{ field: "nickname", value: "x" }] })
			.catch((e: Error) => e);
		expect(error).toBeInstanceOf(BetterAuthError);
		expect((error as Error).message).toContain('"nickname"');
	});

	test("a missing or unknown provider is a BetterAuthError", () => {
		expect(() => drizzleAdapter({}, {} as never)).toThrow(BetterAuthError);
		expect(() => drizzleAdapter({}, { provider: "oracle" } as never)).toThrow(/provider/);
	});

	test("usePlural looks tables up by their plural names", async () => {
		const sqlite = new Database(":memory:");
		const options = {} as BetterAuthOptions;
		await (await getMigrations({ ...options, database: sqlite })).runMigrations();
		// The tables are singular in SQL; the schema object keys them by plural names.
		const singular = drizzleSchemaFor("sqlite", options);
		const plural = Object.fromEntries(Object.entries(singular).map(([name, table]) => [`${name}s`, table]));
		const adapter = drizzleAdapter(drizzleSqlite(sqlite), { provider: "sqlite", schema: plural, usePlural: true })(
			options,
		);
		const user = await adapter.create<Record<string, unknown>, { id: string }>({
			model: "user",
			data: { name: "P", email: "plural@example.com", emailVerified: false },
		});
		expect(await adapter.count({ model: "user" })).toBe(1);
		expect(user.id).toBeTypeOf("string");
	});

	test("camelCase maps snake_case fields to camelCase schema properties", async () => {
		const sqlite = new Database(":memory:");
		const options = {
			user: { fields: { emailVerified: "email_verified" } },
		} as BetterAuthOptions;
		await (await getMigrations({ ...options, database: sqlite })).runMigrations();
		const schema = drizzleSchemaFor("sqlite", options);
		// The user table as a hand-written schema would spell it: camelCase properties over snake_case columns.
		const user = sqliteTable("user", {
			id: text("id").primaryKey(),
			name: text("name"),
			email: text("email"),
			emailVerified: integer("email_verified", { mode: "boolean" }),
			image: text("image"),
			createdAt: text("createdAt"),
			updatedAt: text("updatedAt"),
		});
		const adapter = drizzleAdapter(drizzleSqlite(sqlite), {
			provider: "sqlite",
			schema: { ...schema, user },
			camelCase: true,
		})(options);
		const created = await adapter.create<Record<string, unknown>, { id: string; emailVerified: boolean }>({
			model: "user",
			data: { name: "C", email: "camel@example.com", emailVerified: true },
		});
		expect(created.emailVerified).toBe(true);
		expect(sqlite.prepare("select email_verified from user").get()).toEqual({ email_verified: 1 });
	});
});

describe("drizzle adapter: betterAuth end to end", () => {
	test("sign up, sign in and get-session through drizzleAdapter", async () => {
		const sqlite = new Database(":memory:");
		const base = {
			baseURL: "http://localhost:3000",
			secret: "better-auth-test-secret-0123456789",
			emailAndPassword: { enabled: true },
			logger: { disabled: true },
		} satisfies BetterAuthOptions;
		await (await getMigrations({ ...base, database: sqlite })).runMigrations();
		const schema = drizzleSchemaFor("sqlite", base);
		const auth = betterAuth({
			...base,
			database: drizzleAdapter(drizzleSqlite(sqlite), { provider: "sqlite", schema }),
		});
		const post = (path: string, body: unknown) =>
			auth.handler(
				new Request(`http://localhost:3000/api/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: "http://localhost:3000" },
					body: JSON.stringify(body),
				}),
			);
		const signUp = await post("/sign-up/email", { email: "e2e@example.com", password: "password123", name: "E2E" });
		expect(signUp.status).toBe(200);
		const signIn = await post("/sign-in/email", { email: "e2e@example.com", password: "password123" });
		expect(signIn.status).toBe(200);
		const cookie = signIn.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const session = await auth.handler(
			new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }),
		);
		const body = (await session.json()) as { user: { email: string }; session: { userId: string } };
		expect(body.user.email).toBe("e2e@example.com");
		expect(body.session.userId).toBeTypeOf("string");
		const wrong = await post("/sign-in/email", { email: "e2e@example.com", password: "wrong-password" });
		expect(wrong.status).toBe(401);
		// The rows really are in SQLite, in the layout the Kysely adapter uses.
		const row = sqlite.prepare("select email, emailVerified, createdAt from user").get() as Record<string, unknown>;
		expect(row).toMatchObject({ email: "e2e@example.com", emailVerified: 0 });
		expect(typeof row.createdAt).toBe("string");
	});
});

describe("drizzle adapter: a schema as `npx @better-auth/cli generate` writes it", () => {
	// Dates as integer milliseconds (timestamp_ms), booleans in boolean mode: Drizzle converts, the adapter passes Dates through.
	const ts = (name: string) => integer(name, { mode: "timestamp_ms" });
	const user = sqliteTable("user", {
		id: text("id").primaryKey(),
		name: text("name").notNull(),
		email: text("email").notNull().unique(),
		emailVerified: integer("emailVerified", { mode: "boolean" }).notNull(),
		image: text("image"),
		createdAt: ts("createdAt").notNull(),
		updatedAt: ts("updatedAt").notNull(),
	});
	const session = sqliteTable("session", {
		id: text("id").primaryKey(),
		expiresAt: ts("expiresAt").notNull(),
		token: text("token").notNull().unique(),
		createdAt: ts("createdAt").notNull(),
		updatedAt: ts("updatedAt").notNull(),
		ipAddress: text("ipAddress"),
		userAgent: text("userAgent"),
		userId: text("userId").notNull(),
	});
	const account = sqliteTable("account", {
		id: text("id").primaryKey(),
		accountId: text("accountId").notNull(),
		providerId: text("providerId").notNull(),
		userId: text("userId").notNull(),
		accessToken: text("accessToken"),
		refreshToken: text("refreshToken"),
		idToken: text("idToken"),
		accessTokenExpiresAt: ts("accessTokenExpiresAt"),
		refreshTokenExpiresAt: ts("refreshTokenExpiresAt"),
		scope: text("scope"),
		password: text("password"),
		createdAt: ts("createdAt").notNull(),
		updatedAt: ts("updatedAt").notNull(),
	});
	const verification = sqliteTable("verification", {
		id: text("id").primaryKey(),
		identifier: text("identifier").notNull(),
		value: text("value").notNull(),
		expiresAt: ts("expiresAt").notNull(),
		createdAt: ts("createdAt").notNull(),
		updatedAt: ts("updatedAt").notNull(),
	});

	test("sign up, sign in, get-session and sign out", async () => {
		const sqlite = new Database(":memory:");
		const base = {
			baseURL: "http://localhost:3000",
			secret: "better-auth-test-secret-0123456789",
			emailAndPassword: { enabled: true },
			logger: { disabled: true },
		} satisfies BetterAuthOptions;
		await (await getMigrations({ ...base, database: sqlite })).runMigrations();
		const db = drizzleSqlite(sqlite, { schema: { user, session, account, verification } });
		// No `schema` option: the adapter reads the one given to drizzle().
		const auth = betterAuth({ ...base, database: drizzleAdapter(db, { provider: "sqlite" }) });
		const post = (path: string, body: unknown, cookie = "") =>
			auth.handler(
				new Request(`http://localhost:3000/api/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: "http://localhost:3000", cookie },
					body: JSON.stringify(body),
				}),
			);
		expect(
			(await post("/sign-up/email", { email: "cli@example.com", password: "password123", name: "C" })).status,
		).toBe(200);
		const signIn = await post("/sign-in/email", { email: "cli@example.com", password: "password123" });
		const cookie = signIn.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const get = () => auth.handler(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }));
		const body = (await (await get()).json()) as { session: { expiresAt: string } };
		expect(new Date(body.session.expiresAt).getTime()).toBeGreaterThan(Date.now());
		const stored = sqlite.prepare("select expiresAt from session limit 1").get() as { expiresAt: unknown };
		expect(typeof stored.expiresAt).toBe("number");
		expect((await post("/sign-out", {}, cookie)).status).toBe(200);
		expect(await (await get()).json()).toBeNull();
	});
});
