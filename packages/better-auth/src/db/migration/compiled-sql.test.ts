import type { BetterAuthOptions } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import {
	type DatabaseIntrospector,
	type DialectAdapter,
	DummyDriver,
	Kysely,
	type Kysely as KyselyType,
	MssqlAdapter,
	MssqlIntrospector,
	MssqlQueryCompiler,
	MysqlAdapter,
	MysqlIntrospector,
	MysqlQueryCompiler,
	type QueryCompiler,
} from "kysely";
import { createPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { memoryAdapter } from "../../adapters/memory";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { getMigrations } from ".";
import { REFERENCE_ALTER_SQL, REFERENCE_FRESH_SQL } from "./reference-sql.fixture";

const ID_OPTIONS = {
	string: {},
	num: { advanced: { database: { generateId: "serial" } } },
	uuid: { advanced: { database: { generateId: "uuid" } } },
} satisfies Record<string, Partial<BetterAuthOptions>>;

/** What the fixture's alter SQL adds to a database holding the core tables. */
const LATER_OPTIONS = {
	user: {
		additionalFields: {
			nickname: { type: "string", required: false, index: true },
			banned: { type: "boolean", defaultValue: false },
			credits: { type: "number", defaultValue: 5 },
			plan: { type: "string", defaultValue: "free" },
			tier: { type: ["a", "b"], defaultValue: "a" },
			seenAt: { type: "date", defaultValue: () => new Date() },
			code: { type: "string", unique: true, required: false },
		},
	},
	plugins: [
		{
			id: "notes",
			schema: {
				note: {
					fields: {
						body: { type: "string" },
						userId: { type: "string", references: { model: "user", field: "id" }, index: true },
						createdAt: { type: "date", defaultValue: () => new Date() },
					},
				},
			},
		},
	],
} satisfies Partial<BetterAuthOptions>;

/**
 * A Kysely with a database's compiler and introspector over a driver that returns no rows: it
 * sees an empty database and compiles what it would run (there is no SQL Server here).
 */
function offline(
	adapter: () => DialectAdapter,
	// biome-ignore lint/suspicious/noExplicitAny: introspectors take a Kysely over any schema.
	introspector: (db: KyselyType<any>) => DatabaseIntrospector,
	compiler: () => QueryCompiler,
) {
	return new Kysely<unknown>({
		dialect: {
			createAdapter: adapter,
			createDriver: () => new DummyDriver(),
			createIntrospector: introspector,
			createQueryCompiler: compiler,
		},
	});
}

const compile = async (options: BetterAuthOptions) => (await getMigrations(options)).compileMigrations();

const pgDatabase = await postgresTestDatabase("migration_sql");
const mysqlDatabase = await mysqlTestDatabase("migration_sql");
afterAll(async () => {
	await pgDatabase?.cleanup();
	await mysqlDatabase?.cleanup();
});

/** A pool on a new, empty PostgreSQL schema of the test database. */
async function pgSchemaPool(schema: string) {
	await pgDatabase?.pool.query(`create schema ${schema}`);
	const pool = new pg.Pool({ connectionString: pgDatabase?.url, options: `-c search_path=${schema}` });
	pool.on("error", () => {});
	return pool;
}

/** A pool on a new, empty MySQL database next to the test database. */
async function mysqlSchemaPool(suffix: string) {
	const name = `${mysqlDatabase?.name}_${suffix}`;
	await mysqlDatabase?.pool.query(`create database \`${name}\``);
	const pool = createPool({ uri: `${mysqlDatabase?.url}_${suffix}` });
	return {
		pool,
		close: async () => {
			await pool.query(`drop database \`${name}\``);
			await pool.end();
		},
	};
}

describe("compiled SQL for a fresh database matches better-auth 1.7", () => {
	for (const [kind, extra] of Object.entries(ID_OPTIONS)) {
		const options = { rateLimit: { storage: "database" }, ...extra } satisfies Partial<BetterAuthOptions>;
		it(`SQLite, ${kind} ids`, async () => {
			expect(await compile({ database: new Database(":memory:"), ...options })).toBe(
				REFERENCE_FRESH_SQL[`sqlite:${kind}`],
			);
		});
		it.skipIf(!pgDatabase)(`PostgreSQL, ${kind} ids`, async () => {
			const pool = await pgSchemaPool(`fresh_${kind}`);
			try {
				expect(await compile({ database: pool, ...options })).toBe(REFERENCE_FRESH_SQL[`postgres:${kind}`]);
			} finally {
				await pool.end();
			}
		});
		it.skipIf(!mysqlDatabase)(`MySQL, ${kind} ids`, async () => {
			const { pool, close } = await mysqlSchemaPool(`fresh_${kind}`);
			try {
				expect(await compile({ database: pool, ...options })).toBe(REFERENCE_FRESH_SQL[`mysql:${kind}`]);
			} finally {
				await close();
			}
		});
	}

	const mssql = offline(
		() => new MssqlAdapter(),
		(db) => new MssqlIntrospector(db),
		() => new MssqlQueryCompiler(),
	);
	for (const kind of ["string", "num"] as const) {
		it(`SQL Server, ${kind} ids`, async () => {
			const options = { rateLimit: { storage: "database" }, ...ID_OPTIONS[kind] } satisfies Partial<BetterAuthOptions>;
			expect(await compile({ database: { db: mssql, type: "mssql" }, ...options })).toBe(
				REFERENCE_FRESH_SQL[`mssql:${kind}`],
			);
		});
	}
});

describe("compiled SQL for new columns matches better-auth 1.7", () => {
	it("SQLite", async () => {
		const database = new Database(":memory:");
		await (await getMigrations({ database })).runMigrations();
		expect(await compile({ database, ...LATER_OPTIONS })).toBe(REFERENCE_ALTER_SQL.sqlite);
	});
	it.skipIf(!pgDatabase)("PostgreSQL", async () => {
		const pool = await pgSchemaPool("alter");
		try {
			await (await getMigrations({ database: pool })).runMigrations();
			expect(await compile({ database: pool, ...LATER_OPTIONS })).toBe(REFERENCE_ALTER_SQL.postgres);
		} finally {
			await pool.end();
		}
	});
	it.skipIf(!mysqlDatabase)("MySQL", async () => {
		const { pool, close } = await mysqlSchemaPool("alter");
		try {
			await (await getMigrations({ database: pool })).runMigrations();
			expect(await compile({ database: pool, ...LATER_OPTIONS })).toBe(REFERENCE_ALTER_SQL.mysql);
		} finally {
			await close();
		}
	});
});

describe("column types", () => {
	it("a column referencing a non-id column takes that column's type (varchar(255) for an email on MySQL)", async () => {
		const mysql = offline(
			() => new MysqlAdapter(),
			(db) => new MysqlIntrospector(db),
			() => new MysqlQueryCompiler(),
		);
		const sql = await compile({
			database: { db: mysql, type: "mysql" },
			plugins: [
				{
					id: "invites",
					schema: {
						invite: { fields: { email: { type: "string", references: { model: "user", field: "email" } } } },
					},
				},
			],
		});
		expect(sql).toContain(
			"create table `invite` (`id` varchar(36) not null primary key, `email` varchar(255) not null references `user` (`email`) on delete cascade)",
		);
	});
});

describe("misconfiguration", () => {
	it("refuses a database the Kysely adapter cannot use, pointing to the CLI", async () => {
		for (const database of [memoryAdapter({}), undefined]) {
			const attempt = getMigrations({ database } as BetterAuthOptions);
			await expect(attempt).rejects.toThrow(BetterAuthError);
			await expect(getMigrations({ database } as BetterAuthOptions)).rejects.toThrow(
				/Kysely adapter.*npx @better-auth\/cli generate/s,
			);
		}
	});

	it("reports a value that is not a database", async () => {
		await expect(getMigrations({ database: { not: "a database" } } as never)).rejects.toThrow(BetterAuthError);
	});
});
