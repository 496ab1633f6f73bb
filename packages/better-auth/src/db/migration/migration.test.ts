import type { BetterAuthOptions } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import { createPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { memoryAdapter } from "../../adapters/memory";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { getMigrations } from ".";
import { CORE_COLUMNS, CORE_INDEXES, CORE_UNIQUE, TYPE_NAMES } from "./expected-schema";
import { REFERENCE_FRESH_SQL } from "./reference-sql.fixture";

type Dialect = "sqlite" | "postgres" | "mysql";
interface Snapshot {
	columns: Record<string, Record<string, { type: string; nullable: boolean }>>;
	/** "table.column" of single-column unique indexes or constraints. */
	unique: Set<string>;
	/** index name → "table.column" */
	indexes: Map<string, string>;
}

/** Reads tables, columns, uniques and indexes straight from the database's catalog. */
async function snapshot(dialect: Dialect, database: unknown): Promise<Snapshot> {
	const result: Snapshot = { columns: {}, unique: new Set(), indexes: new Map() };
	const add = (table: string, column: string, type: string, nullable: boolean) => {
		result.columns[table] ??= {};
		result.columns[table][column] = { type: type.toLowerCase(), nullable };
	};
	if (dialect === "sqlite") {
		const db = database as Database.Database;
		const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
		for (const { name } of tables) {
			for (const col of db.prepare(`pragma table_info("${name}")`).all() as {
				name: string;
				type: string;
				notnull: number;
			}[]) {
				add(name, col.name, col.type, col.notnull === 0);
			}
			for (const index of db.prepare(`pragma index_list("${name}")`).all() as { name: string; unique: number }[]) {
				const cols = db.prepare(`pragma index_info("${index.name}")`).all() as { name: string }[];
				if (cols.length !== 1) continue;
				if (index.unique) result.unique.add(`${name}.${cols[0].name}`);
				result.indexes.set(index.name, `${name}.${cols[0].name}`);
			}
		}
	} else if (dialect === "postgres") {
		const pool = database as pg.Pool;
		const cols = await pool.query(
			"select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = current_schema()",
		);
		for (const row of cols.rows) add(row.table_name, row.column_name, row.data_type, row.is_nullable === "YES");
		const indexes = await pool.query(
			`select i.relname as name, t.relname as "table", a.attname as "column", ix.indisunique as "unique", ix.indnatts as n
			 from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
			 join pg_namespace ns on ns.oid = t.relnamespace join pg_attribute a on a.attrelid = t.oid and a.attnum = ix.indkey[0]
			 where ns.nspname = current_schema()`,
		);
		for (const row of indexes.rows) {
			if (row.n !== 1) continue;
			if (row.unique) result.unique.add(`${row.table}.${row.column}`);
			result.indexes.set(row.name, `${row.table}.${row.column}`);
		}
	} else {
		const pool = database as ReturnType<typeof createPool>;
		const [cols] = (await pool.query(
			"select table_name as t, column_name as c, column_type as type, is_nullable as n from information_schema.columns where table_schema = database()",
		)) as unknown as [{ t: string; c: string; type: string; n: string }[]];
		for (const row of cols) add(row.t, row.c, row.type, row.n === "YES");
		const [indexes] = (await pool.query(
			"select index_name as name, table_name as t, column_name as c, non_unique as nu from information_schema.statistics where table_schema = database() and seq_in_index = 1",
		)) as unknown as [{ name: string; t: string; c: string; nu: number }[]];
		for (const row of indexes) {
			if (Number(row.nu) === 0) result.unique.add(`${row.t}.${row.c}`);
			result.indexes.set(row.name, `${row.t}.${row.c}`);
		}
	}
	return result;
}

const plugin = {
	id: "migration-test",
	schema: {
		user: { fields: { nickname: { type: "string", required: false, index: true } } },
		note: {
			fields: {
				body: { type: "string", required: true },
				userId: { type: "string", required: true, references: { model: "user", field: "id" }, index: true },
			},
		},
	},
} as const;

function migrationSuite(dialect: Dialect, getDatabase: () => unknown) {
	const options = () => ({ database: getDatabase() }) as BetterAuthOptions;

	it("creates the core tables column for column", async () => {
		const migrations = await getMigrations(options());
		expect(migrations.toBeCreated.map((table) => table.table)).toEqual(["user", "session", "account", "verification"]);
		await migrations.runMigrations();
		const db = await snapshot(dialect, getDatabase());
		const names = TYPE_NAMES[dialect];
		for (const [table, columns] of Object.entries(CORE_COLUMNS)) {
			const actual = db.columns[table];
			expect(Object.keys(actual).sort(), table).toEqual(Object.keys(columns).sort());
			for (const [column, [kind, nullable]] of Object.entries(columns)) {
				expect(actual[column], `${table}.${column}`).toEqual({ type: names[kind], nullable });
			}
		}
		for (const [table, columns] of Object.entries(CORE_UNIQUE)) {
			for (const column of columns) expect(db.unique.has(`${table}.${column}`), `${table}.${column} unique`).toBe(true);
		}
		for (const [name, [table, column]] of Object.entries(CORE_INDEXES)) {
			expect(db.indexes.get(name), name).toBe(`${table}.${column}`);
		}
	});

	it("adds a plugin's column and table, keeping existing rows", async () => {
		const before = options();
		const database = getDatabase();
		const insert = {
			sqlite: () =>
				(database as Database.Database)
					.prepare(
						`insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") values ('u1', 'Kept', 'kept@example.com', 0, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
					)
					.run(),
			postgres: () =>
				(database as pg.Pool).query(
					`insert into "user" (id, name, email, "emailVerified") values ('u1', 'Kept', 'kept@example.com', false)`,
				),
			mysql: () =>
				(database as ReturnType<typeof createPool>).query(
					"insert into `user` (id, name, email, emailVerified) values ('u1', 'Kept', 'kept@example.com', false)",
				),
		};
		await insert[dialect]();
		const migrations = await getMigrations({ ...before, plugins: [plugin] });
		expect(migrations.toBeAdded).toEqual([
			expect.objectContaining({ table: "user", fields: { nickname: expect.anything() } }),
		]);
		expect(migrations.toBeCreated.map((table) => table.table)).toEqual(["note"]);
		await migrations.runMigrations();
		const db = await snapshot(dialect, getDatabase());
		expect(db.columns.user.nickname.nullable).toBe(true);
		expect(Object.keys(db.columns.note).sort()).toEqual(["body", "id", "userId"]);
		expect(db.indexes.get("user_nickname_idx")).toBe("user.nickname");
		expect(db.indexes.get("note_userId_idx")).toBe("note.userId");
		const count = {
			sqlite: async () => (database as Database.Database).prepare(`select name from "user" where id = 'u1'`).get(),
			postgres: async () => (await (database as pg.Pool).query(`select name from "user" where id = 'u1'`)).rows[0],
			mysql: async () =>
				(
					(await (database as ReturnType<typeof createPool>).query(
						"select name from `user` where id = 'u1'",
					)) as unknown as [unknown[]]
				)[0][0],
		};
		expect(await count[dialect]()).toEqual({ name: "Kept" });
	});

	it("has nothing to do the second time", async () => {
		const migrations = await getMigrations({ ...options(), plugins: [plugin] });
		expect(migrations.toBeCreated).toEqual([]);
		expect(migrations.toBeAdded).toEqual([]);
		expect((await migrations.compileMigrations()).trim()).toBe("");
		await migrations.runMigrations();
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
	migrationSuite("postgres", () => pgDatabase!.pool);

	it("only counts tables in the current search_path schema", async () => {
		await pgDatabase!.pool.query('create schema other; create table other."user" (id text primary key)');
		const scoped = new pg.Pool({ connectionString: pgDatabase!.url, options: "-c search_path=isolated" });
		scoped.on("error", () => {});
		try {
			await scoped.query("create schema isolated");
			const migrations = await getMigrations({ database: scoped });
			expect(migrations.toBeCreated.map((table) => table.table)).toContain("user");
			await migrations.runMigrations();
			const tables = await scoped.query(
				"select table_name from information_schema.tables where table_schema = 'isolated'",
			);
			expect(tables.rows.map((row) => row.table_name).sort()).toEqual(["account", "session", "user", "verification"]);
		} finally {
			await scoped.end();
		}
	});
});

describe.skipIf(!mysqlDatabase)("getMigrations on MySQL", () => {
	migrationSuite("mysql", () => mysqlDatabase!.pool);
});

describe("compiled SQL for a fresh database", () => {
	const idOptions = {
		string: {},
		num: { advanced: { database: { generateId: "serial" as const } } },
		uuid: { advanced: { database: { generateId: "uuid" as const } } },
	};
	for (const [kind, extra] of Object.entries(idOptions)) {
		it(`SQLite with ${kind} ids matches better-auth 1.7`, async () => {
			const migrations = await getMigrations({
				database: new Database(":memory:"),
				rateLimit: { storage: "database" },
				...extra,
			});
			expect(await migrations.compileMigrations()).toBe(REFERENCE_FRESH_SQL[`sqlite:${kind}`]);
		});
	}
	for (const [kind, extra] of Object.entries(idOptions)) {
		it.skipIf(!pgDatabase)(`PostgreSQL with ${kind} ids matches better-auth 1.7`, async () => {
			// An empty schema of its own, so the tables other tests created do not count.
			await pgDatabase!.pool.query(`create schema fresh_${kind}`);
			const pool = new pg.Pool({ connectionString: pgDatabase!.url, options: `-c search_path=fresh_${kind}` });
			try {
				const migrations = await getMigrations({ database: pool, rateLimit: { storage: "database" }, ...extra });
				expect(await migrations.compileMigrations()).toBe(REFERENCE_FRESH_SQL[`postgres:${kind}`]);
			} finally {
				await pool.end();
			}
		});
		it.skipIf(!mysqlDatabase)(`MySQL with ${kind} ids matches better-auth 1.7`, async () => {
			await mysqlDatabase!.pool.query(`create database if not exists \`${mysqlDatabase!.name}_fresh\``);
			const pool = createPool({ uri: `${mysqlDatabase!.url}_fresh` });
			try {
				const migrations = await getMigrations({ database: pool, rateLimit: { storage: "database" }, ...extra });
				expect(await migrations.compileMigrations()).toBe(REFERENCE_FRESH_SQL[`mysql:${kind}`]);
			} finally {
				await pool.query(`drop database \`${mysqlDatabase!.name}_fresh\``);
				await pool.end();
			}
		});
	}
});

describe("misconfiguration", () => {
	it("refuses a database the Kysely adapter cannot use", async () => {
		await expect(getMigrations({ database: memoryAdapter({}) })).rejects.toThrow(BetterAuthError);
		await expect(getMigrations({ database: memoryAdapter({}) })).rejects.toThrow(/cli generate/);
		await expect(getMigrations({ database: { not: "a database" } })).rejects.toThrow(/better-sqlite3 Database/);
	});
});
