import type { BetterAuthOptions } from "@better-auth/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import {
	mysqlAvailable,
	mysqlDatabase,
	postgresAvailable,
	postgresSchema,
	type TestDatabase,
} from "../test-utils/databases";
import { CASES } from "../test-utils/fixtures";
import { offlineDatabase } from "../utils/offline-kysely";
import { generateSchema } from ".";

const hasPostgres = await postgresAvailable();
const hasMysql = await mysqlAvailable();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
	for (const cleanup of cleanups) await cleanup();
});

/** The SQL `generate` writes for a fresh database. */
async function sqlFor(options: BetterAuthOptions) {
	const file = await generateSchema({ options, cwd: "/nonexistent" });
	expect(file.path).toBe("/nonexistent/schema.sql");
	return file.code;
}

async function fresh<Pool>(make: () => Promise<TestDatabase<Pool>>) {
	const database = await make();
	cleanups.push(database.cleanup);
	return database.pool;
}

const snapshot = (name: string, dialect: string) => `./__snapshots__/sql/${name}.${dialect}.sql`;

describe("generate: SQL for the Kysely adapter", () => {
	for (const [name, options] of Object.entries(CASES)) {
		it(`SQLite: ${name}`, async () => {
			await expect(await sqlFor({ ...options, database: new Database(":memory:") })).toMatchFileSnapshot(
				snapshot(name, "sqlite"),
			);
		});
		it.skipIf(!hasPostgres)(`PostgreSQL: ${name}`, async () => {
			const pool = await fresh(() => postgresSchema("gen"));
			await expect(await sqlFor({ ...options, database: pool })).toMatchFileSnapshot(snapshot(name, "postgres"));
		});
		it.skipIf(!hasMysql)(`MySQL: ${name}`, async () => {
			const pool = await fresh(() => mysqlDatabase("gen"));
			await expect(await sqlFor({ ...options, database: pool })).toMatchFileSnapshot(snapshot(name, "mysql"));
		});
		// No SQL Server here: a Kysely over a driver that sees an empty database compiles the same SQL.
		it(`SQL Server: ${name}`, async () => {
			await expect(await sqlFor({ ...options, database: offlineDatabase("mssql") })).toMatchFileSnapshot(
				snapshot(name, "mssql"),
			);
		});
	}

	it("writes only what an existing database lacks", async () => {
		const database = new Database(":memory:");
		const { migrate } = await import("../commands/migrate");
		const { recordingUi } = await import("../test-utils/ui");
		await migrate({ database }, recordingUi(), true);
		const file = await generateSchema({ options: { database, ...CASES.plugin }, cwd: "/app" });
		expect(file.summary).toEqual([
			"create table note",
			"create table profile",
			"create table rateLimit",
			"add column user.role",
			"add column user.credits",
			"add column user.banned",
			"add column user.metadata",
			"add column user.tags",
			"add column user.quota",
			"add column user.lastSeenAt",
			"add column user.inviteCode",
		]);
		expect(file.code).not.toContain('create table "user"');
		expect(file.code).toContain('alter table "user" add column "credits" integer default 5 not null');
	});

	it("says so when the database is up to date", async () => {
		const database = new Database(":memory:");
		const { migrate } = await import("../commands/migrate");
		const { recordingUi } = await import("../test-utils/ui");
		await migrate({ database }, recordingUi(), true);
		const file = await generateSchema({ options: { database }, cwd: "/app", output: "db/auth.sql" });
		expect(file.code).toBeNull();
		expect(file.path).toBe("/app/db/auth.sql");
		expect(file.summary[0]).toMatch(/already has every table/);
	});

	it("writes the complete schema for a kyselyAdapter, whose database it cannot see", async () => {
		const adapter = () => ({ id: "kysely", create: async () => ({}), options: { type: "postgres" } });
		const file = await generateSchema({ options: { database: adapter }, cwd: "/app" });
		expect(file.code).toContain('create table "user"');
		expect(file.code).toContain('"createdAt" timestamptz default CURRENT_TIMESTAMP not null');
	});

	it("migrates and reads the database behind a real kyselyAdapter(db)", async () => {
		const { Kysely, SqliteDialect } = await import("kysely");
		const { kyselyAdapter } = await import("better-auth/adapters/kysely");
		const { default: Database } = await import("better-sqlite3");
		const sqlite = new Database(":memory:");
		const database = kyselyAdapter(new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }), {
			type: "sqlite",
		});
		const before = await generateSchema({ options: { database }, cwd: "/app" });
		expect(before.code).toContain('create table "user"');
		const { migrate } = await import("../commands/migrate");
		const { recordingUi } = await import("../test-utils/ui");
		await migrate({ database }, recordingUi(), true);
		const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
		expect(tables.map((table) => table.name)).toEqual(
			expect.arrayContaining(["user", "session", "account", "verification"]),
		);
		const after = await generateSchema({ options: { database }, cwd: "/app" });
		expect(after.code).toBeNull();
	});
});
