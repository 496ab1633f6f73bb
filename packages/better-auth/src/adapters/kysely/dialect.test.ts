import type { BetterAuthOptions } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import {
	DummyDriver,
	Kysely,
	MssqlAdapter,
	MssqlIntrospector,
	MssqlQueryCompiler,
	PostgresDialect,
	SqliteDialect,
} from "kysely";
import { createPool as createCallbackPool } from "mysql2";
import { createPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { betterAuth } from "../../auth";
import { getAdapter } from "../../db/get-adapter";
import { getMigrations } from "../../db/migration";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { memoryAdapter } from "../memory";
import { kyselyAdapter } from ".";
import { createKyselyDatabase } from "./dialect";

const quiet = { warn: () => {} };

describe("the database option", () => {
	it("recognises driver objects, dialects and Kysely instances by shape", () => {
		const sqlite = new Database(":memory:");
		const pgPool = new pg.Pool({ connectionString: "postgres://127.0.0.1:1/none" });
		const promisePool = createPool({ uri: "mysql://root@127.0.0.1:1/none" });
		const callbackPool = createCallbackPool({ uri: "mysql://root@127.0.0.1:1/none" });
		const type = (database: unknown) => createKyselyDatabase({ database: database as object })?.databaseType;
		expect(type(sqlite)).toBe("sqlite");
		expect(type(pgPool)).toBe("postgres");
		expect(type(promisePool)).toBe("mysql");
		expect(type(callbackPool)).toBe("mysql");
		expect(type(new SqliteDialect({ database: sqlite }))).toBe("sqlite");
		expect(type({ dialect: new PostgresDialect({ pool: pgPool }), type: "postgres" })).toBe("postgres");
		const kysely = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
		expect(type(kysely)).toBe("sqlite");
		expect(type({ db: kysely, type: "sqlite" })).toBe("sqlite");
		void pgPool.end();
		void promisePool.end();
		callbackPool.end();
	});

	it("passes adapters and adapter factories through", async () => {
		const factory = memoryAdapter({});
		expect((await getAdapter({ database: factory }, quiet)).id).toBe("memory");
		const adapter = factory({});
		expect(await getAdapter({ database: adapter }, quiet)).toBe(adapter);
		expect((await getAdapter({ database: new Database(":memory:") }, quiet)).id).toBe("kysely");
	});

	it("falls back to memory with a warning when no database is configured", async () => {
		const warnings: string[] = [];
		const adapter = await getAdapter({}, { warn: (message) => warnings.push(message) });
		expect(adapter.id).toBe("memory");
		expect(warnings[0]).toMatch(/in-memory/);
	});

	it("refuses an unknown object with a BetterAuthError that says what to pass", async () => {
		expect(() => getAdapter({ database: { host: "localhost" } }, quiet)).toThrow(BetterAuthError);
		expect(() => getAdapter({ database: { host: "localhost" } }, quiet)).toThrow(/pg Pool/);
		expect(() => createKyselyDatabase({ database: { dialect: { createDriver() {} } } })).toThrow(BetterAuthError);
	});

	it("stops betterAuth() at start-up for an unknown database object", () => {
		expect(() => betterAuth({ secret: "s".repeat(32), database: { host: "localhost" } })).toThrow(BetterAuthError);
	});

	it("refuses a model that is not in the schema", async () => {
		const adapter = await getAdapter({ database: memoryAdapter({}) }, quiet);
		await expect(adapter.findOne({ model: "nope", where: [] })).rejects.toThrow(/Known models: user, session/);
	});
});

async function sqliteAdapter(options: BetterAuthOptions = {}) {
	const database = new Database(":memory:");
	const statements: string[] = [];
	const full = { ...options, database };
	await (await getMigrations(full)).runMigrations();
	const kysely = new Kysely({
		dialect: new SqliteDialect({ database }),
		log: (event) => {
			statements.push(event.query.sql);
		},
	});
	return { adapter: kyselyAdapter(kysely, { type: "sqlite" })(full), database, statements };
}

describe("kysely adapter specifics", () => {
	it("stores values on SQLite exactly as better-auth 1.7 does", async () => {
		const { adapter, database } = await sqliteAdapter();
		const user = await adapter.create<Record<string, unknown>, { id: string }>({
			model: "user",
			data: {
				name: "Raw",
				email: "raw@example.com",
				emailVerified: true,
				createdAt: new Date("2026-01-02T03:04:05.678Z"),
				updatedAt: new Date("2026-01-02T03:04:05.678Z"),
			},
		});
		const raw = database.prepare(`select * from "user" where id = ?`).get(user.id) as Record<string, unknown>;
		expect(raw.emailVerified).toBe(1);
		expect(raw.createdAt).toBe("2026-01-02T03:04:05.678Z");
		expect(user.id).toMatch(/^[A-Za-z0-9]{32}$/);
	});

	it("reads rows written by better-auth 1.7 on SQLite", async () => {
		const { adapter, database } = await sqliteAdapter();
		database
			.prepare(
				`insert into "user" values ('3uqYV0Nd3H2W1sajxjKwEmqu8dunRlHh', 'A', 'a@b.com', 0, null, '2026-11-22T15:22:40.187Z', '2026-11-22T15:22:40.187Z')`,
			)
			.run();
		const user = await adapter.findOne<Record<string, unknown>>({
			model: "user",
			where: [{ field: "email", value: "a@b.com" }],
		});
		expect(user).toEqual({
			id: "3uqYV0Nd3H2W1sajxjKwEmqu8dunRlHh",
			name: "A",
			email: "a@b.com",
			emailVerified: false,
			image: null,
			createdAt: new Date("2026-11-22T15:22:40.187Z"),
			updatedAt: new Date("2026-11-22T15:22:40.187Z"),
		});
	});

	it("finds a session with its user in one SQL statement", async () => {
		const { adapter, statements } = await sqliteAdapter();
		const user = await adapter.create<Record<string, unknown>, { id: string }>({
			model: "user",
			data: { name: "Join", email: "join@example.com", emailVerified: false },
		});
		const now = new Date();
		await adapter.create({
			model: "session",
			data: { userId: user.id, token: "one-statement", expiresAt: now, createdAt: now, updatedAt: now },
		});
		statements.length = 0;
		const found = await adapter.findOne<{ user: { email: string } }>({
			model: "session",
			where: [{ field: "token", value: "one-statement" }],
			join: { user: true },
		});
		expect(found?.user.email).toBe("join@example.com");
		expect(statements).toHaveLength(1);
		expect(statements[0]).toMatch(/left join/i);
	});

	it("compiles MSSQL pagination with offset/fetch and top", async () => {
		const statements: string[] = [];
		const kysely = new Kysely({
			dialect: {
				createAdapter: () => new MssqlAdapter(),
				createDriver: () => new DummyDriver(),
				createIntrospector: (db) => new MssqlIntrospector(db),
				createQueryCompiler: () => new MssqlQueryCompiler(),
			},
			log: (event) => {
				statements.push(event.query.sql);
			},
		});
		const adapter = kyselyAdapter(kysely, { type: "mssql" })({});
		await adapter.findMany({
			model: "user",
			where: [{ field: "email", value: "a@b.c" }],
			limit: 10,
			offset: 20,
			sortBy: { field: "createdAt", direction: "desc" },
		});
		await adapter.findMany({ model: "user", limit: 5 });
		expect(statements[0]).toMatch(/order by "user"\."createdAt" desc offset @\d+ rows fetch next @\d+ rows only/);
		expect(statements[1]).toMatch(/^select top\(5\)/);
	});
});

const pgDatabase = await postgresTestDatabase("kysely_formats");
const mysqlDatabase = await mysqlTestDatabase("kysely_formats");
afterAll(async () => {
	await pgDatabase?.cleanup();
	await mysqlDatabase?.cleanup();
});

describe.each([
	["postgres", () => pgDatabase?.pool],
	["mysql", () => mysqlDatabase?.pool],
] as const)("dates and booleans on %s", (name, getPool) => {
	it.skipIf(name === "postgres" ? !pgDatabase : !mysqlDatabase)("round-trip to the millisecond", async () => {
		const adapter = await getAdapter({ database: getPool() as object }, quiet);
		await (await getMigrations({ database: getPool() as object })).runMigrations();
		const at = new Date("2030-06-15T23:59:58.123Z");
		const user = await adapter.create<Record<string, unknown>, { id: string; createdAt: Date }>({
			model: "user",
			data: { name: "Time", email: `time-${name}@example.com`, emailVerified: true, createdAt: at, updatedAt: at },
		});
		expect(user.createdAt).toEqual(at);
		const found = await adapter.findOne<{ createdAt: Date; emailVerified: boolean }>({
			model: "user",
			where: [{ field: "createdAt", value: at }],
		});
		expect(found?.createdAt).toEqual(at);
		expect(found?.emailVerified).toBe(true);
	});
});
