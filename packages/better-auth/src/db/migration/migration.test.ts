import type { BetterAuthOptions } from "@better-auth/core";
import Database from "better-sqlite3";
import type { Pool as MysqlPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { getMigrations } from ".";
import { CORE_COLUMNS, CORE_FOREIGN_KEYS, CORE_INDEXES, CORE_UNIQUE, TYPE_NAMES } from "./expected-schema";
import { type Dialect, readCatalog } from "./test-catalog";

/** Runs SQL on the raw driver (not through Kysely), returning rows. */
async function query(dialect: Dialect, database: unknown, text: string): Promise<Record<string, unknown>[]> {
	if (dialect === "sqlite") {
		const statement = (database as Database.Database).prepare(text);
		if (statement.reader) return statement.all() as Record<string, unknown>[];
		statement.run();
		return [];
	}
	if (dialect === "postgres") return (await (database as pg.Pool).query(text)).rows;
	const [rows] = await (database as MysqlPool).query(text);
	return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/** MySQL ignores inline `references`; MariaDB (the server here and in CI) creates the foreign key. */
async function hasInlineForeignKeys(dialect: Dialect, database: unknown) {
	if (dialect !== "mysql") return true;
	const [row] = await query(dialect, database, "select version() as v");
	return String(row.v).includes("MariaDB");
}

const q = (dialect: Dialect, name: string) => (dialect === "mysql" ? `\`${name}\`` : `"${name}"`);

/** A plugin adding user fields (one required with a default) and a table referencing users. */
const notesPlugin = {
	id: "notes",
	schema: {
		user: {
			fields: {
				nickname: { type: "string", required: false, index: true },
				banned: { type: "boolean", defaultValue: false },
			},
		},
		note: {
			fields: {
				body: { type: "string" },
				userId: { type: "string", references: { model: "user", field: "id" }, index: true },
			},
		},
	},
} as const;

/** Renamed tables and columns, and a plugin table that references the renamed user table. */
const renamed = {
	user: { modelName: "users", fields: { email: "email_address", emailVerified: "email_verified" } },
	session: { modelName: "sessions", fields: { userId: "user_id", token: "session_token" } },
	account: { modelName: "accounts", fields: { userId: "user_id" } },
	verification: { modelName: "verifications" },
	plugins: [
		{
			id: "pets",
			schema: {
				pet: {
					modelName: "pets",
					fields: {
						ownerId: {
							type: "string",
							fieldName: "owner_id",
							references: { model: "user", field: "id", onDelete: "set null" },
							required: false,
							index: true,
						},
						ownerEmail: {
							type: "string",
							fieldName: "owner_email",
							references: { model: "user", field: "email" },
							required: false,
						},
					},
				},
				ghost: { disableMigration: true, fields: { name: { type: "string" } } },
			},
		},
	],
} satisfies Partial<BetterAuthOptions>;

function migrationSuite(dialect: Dialect, getDatabase: () => unknown) {
	const options = (extra: Partial<BetterAuthOptions> = {}) =>
		({ database: getDatabase(), rateLimit: { storage: "database" }, ...extra }) as BetterAuthOptions;

	it("creates the core tables column for column, with uniques, indexes and foreign keys", async () => {
		const migrations = await getMigrations(options());
		expect(migrations.toBeCreated.map((table) => [table.table, table.order])).toEqual([
			["user", 1],
			["session", 2],
			["account", 3],
			["verification", 4],
			["rateLimit", null],
		]);
		expect(migrations.toBeAdded).toEqual([]);
		await migrations.runMigrations();
		const catalog = await readCatalog(dialect, getDatabase());
		const names = TYPE_NAMES[dialect];
		for (const [table, columns] of Object.entries(CORE_COLUMNS)) {
			const actual = catalog.columns[table];
			expect(Object.keys(actual).sort(), table).toEqual(Object.keys(columns).sort());
			for (const [column, [kind, nullable]] of Object.entries(columns)) {
				expect(actual[column], `${table}.${column}`).toEqual({ type: names[kind], nullable });
			}
		}
		for (const [table, columns] of Object.entries(CORE_UNIQUE)) {
			for (const column of columns) expect(catalog.unique, `${table}.${column} unique`).toContain(`${table}.${column}`);
		}
		// Only the declared uniques (and primary keys): no stray unique constraint.
		const uniqueNonId = [...catalog.unique].filter((entry) => !entry.endsWith(".id")).sort();
		expect(uniqueNonId).toEqual(["rateLimit.key", "session.token", "user.email"]);
		for (const [name, [table, column]] of Object.entries(CORE_INDEXES)) {
			expect(catalog.indexes.get(name), name).toBe(`${table}.${column}`);
		}
		if (await hasInlineForeignKeys(dialect, getDatabase())) {
			expect(Object.fromEntries(catalog.foreignKeys)).toEqual(CORE_FOREIGN_KEYS);
		}
	});

	it("adds a plugin's columns and table to a database with rows, keeping the rows", async () => {
		const database = getDatabase();
		await query(
			dialect,
			database,
			`insert into ${q(dialect, "user")} (id, name, email, ${q(dialect, "emailVerified")}, ${q(dialect, "createdAt")}, ${q(dialect, "updatedAt")})
			 values ('u1', 'Kept', 'kept@example.com', ${dialect === "postgres" ? "false" : "0"}, '2024-01-01 00:00:00', '2024-01-01 00:00:00')`,
		);
		const migrations = await getMigrations(options({ plugins: [notesPlugin] }));
		expect(migrations.toBeAdded.map((table) => [table.table, Object.keys(table.fields), table.order])).toEqual([
			["user", ["nickname", "banned"], 1],
		]);
		expect(migrations.toBeCreated.map((table) => [table.table, Object.keys(table.fields), table.order])).toEqual([
			["note", ["body", "userId"], null],
		]);
		await migrations.runMigrations();

		const catalog = await readCatalog(dialect, database);
		expect(catalog.columns.user.nickname.nullable).toBe(true);
		expect(catalog.columns.user.banned).toEqual({ type: TYPE_NAMES[dialect].boolean, nullable: false });
		expect(Object.keys(catalog.columns.note).sort()).toEqual(["body", "id", "userId"]);
		expect(catalog.columns.note.userId).toEqual({ type: TYPE_NAMES[dialect].ref, nullable: false });
		expect(catalog.indexes.get("user_nickname_idx")).toBe("user.nickname");
		expect(catalog.indexes.get("note_userId_idx")).toBe("note.userId");
		if (await hasInlineForeignKeys(dialect, database)) {
			expect(catalog.foreignKeys.get("note.userId")).toBe("user.id on delete cascade");
		}
		// The existing row is still there, and got the new required column's default.
		const rows = await query(dialect, database, `select name, banned from ${q(dialect, "user")} where id = 'u1'`);
		expect(rows.map((row) => ({ name: row.name, banned: Boolean(row.banned) }))).toEqual([
			{ name: "Kept", banned: false },
		]);
	});

	it("has nothing to do the second time", async () => {
		const migrations = await getMigrations(options({ plugins: [notesPlugin] }));
		expect(migrations.toBeCreated).toEqual([]);
		expect(migrations.toBeAdded).toEqual([]);
		expect((await migrations.compileMigrations()).trim()).toBe("");
		await migrations.runMigrations();
	});

	it("creates an index declared later on an existing column, once", async () => {
		const later = options({ account: { additionalFields: { providerId: { type: "string", index: true } } } });
		const migrations = await getMigrations(later);
		expect(migrations.toBeAdded).toEqual([]);
		expect(migrations.toBeCreated).toEqual([]);
		const name = q(dialect, "account_providerId_idx");
		expect(await migrations.compileMigrations()).toBe(
			`create index ${name} on ${q(dialect, "account")} (${q(dialect, "providerId")});`,
		);
		await migrations.runMigrations();
		expect((await readCatalog(dialect, getDatabase())).indexes.get("account_providerId_idx")).toBe(
			"account.providerId",
		);
		expect(await (await getMigrations(later)).compileMigrations()).toBe("");
	});

	it("migrates renamed tables and columns by their physical names, skipping disabled tables", async () => {
		const migrations = await getMigrations(options(renamed));
		expect(migrations.toBeCreated.map((table) => table.table)).toEqual([
			"users",
			"sessions",
			"accounts",
			"verifications",
			"pets",
		]);
		await migrations.runMigrations();
		const catalog = await readCatalog(dialect, getDatabase());
		expect(Object.keys(catalog.columns.users).sort()).toEqual(
			["createdAt", "email_address", "email_verified", "id", "image", "name", "updatedAt"].sort(),
		);
		expect(Object.keys(catalog.columns.sessions)).toContain("session_token");
		expect(catalog.unique).toContain("users.email_address");
		expect(catalog.unique).toContain("sessions.session_token");
		expect(catalog.indexes.get("sessions_user_id_idx")).toBe("sessions.user_id");
		expect(catalog.indexes.get("accounts_user_id_idx")).toBe("accounts.user_id");
		expect(catalog.indexes.get("pets_owner_id_idx")).toBe("pets.owner_id");
		expect(catalog.columns.pets.owner_email.type).toBe(TYPE_NAMES[dialect].keyed);
		expect(catalog.columns.ghost).toBeUndefined();
		if (await hasInlineForeignKeys(dialect, getDatabase())) {
			expect(catalog.foreignKeys.get("sessions.user_id")).toBe("users.id on delete cascade");
			expect(catalog.foreignKeys.get("pets.owner_id")).toBe("users.id on delete set null");
			expect(catalog.foreignKeys.get("pets.owner_email")).toBe("users.email_address on delete cascade");
		}
		const again = await getMigrations(options(renamed));
		expect([again.toBeCreated, again.toBeAdded]).toEqual([[], []]);
	});
}

describe("getMigrations on SQLite", () => {
	const database = new Database(":memory:");
	migrationSuite("sqlite", () => database);
});

const pgDatabase = await postgresTestDatabase("migrations");
const mysqlDatabase = await mysqlTestDatabase("migrations");
afterAll(async () => {
	await pgDatabase?.cleanup();
	await mysqlDatabase?.cleanup();
});

describe.skipIf(!pgDatabase)("getMigrations on PostgreSQL", () => {
	migrationSuite("postgres", () => pgDatabase?.pool);

	it("only counts tables in the search_path schema", async () => {
		const url = pgDatabase?.url as string;
		// The public schema already has every table (the suite above); the new schema has none.
		const scoped = new pg.Pool({ connectionString: url, options: "-c search_path=isolated" });
		scoped.on("error", () => {});
		try {
			await scoped.query('create schema isolated; create table isolated."user" (id text primary key)');
			const migrations = await getMigrations({ database: scoped });
			expect(migrations.toBeCreated.map((table) => table.table)).toEqual(["session", "account", "verification"]);
			expect(migrations.toBeAdded.map((table) => [table.table, Object.keys(table.fields).length])).toEqual([
				["user", 6],
			]);
			await migrations.runMigrations();
			const tables = await scoped.query(
				"select table_name from information_schema.tables where table_schema = 'isolated'",
			);
			expect(tables.rows.map((row) => row.table_name).sort()).toEqual(["account", "session", "user", "verification"]);
			expect((await getMigrations({ database: scoped })).toBeAdded).toEqual([]);
		} finally {
			await scoped.end();
		}
	});
});

describe.skipIf(!mysqlDatabase)("getMigrations on MySQL", () => {
	migrationSuite("mysql", () => mysqlDatabase?.pool);
});
