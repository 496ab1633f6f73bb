/**
 * `getMigrations(options)`: brings a SQL database up to the schema of a configuration.
 * It creates missing tables, adds missing columns and indexes, and never drops or rewrites
 * anything, so it is safe to run on every start.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import { getAuthTables } from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { createKyselyDatabase } from "../../adapters/kysely/dialect";
import type { IdKind } from "./column-type";
import { introspect } from "./introspect";
import { physicalTables } from "./physical-schema";
import { type MigrationTable, planMigrations } from "./plan";
import { buildStatements } from "./statements";

export type { MigrationTable } from "./plan";

/** What `getMigrations` found, and how to apply it. */
export interface Migrations {
	/** Tables to create, in creation order. */
	toBeCreated: MigrationTable[];
	/** Columns to add to existing tables. */
	toBeAdded: MigrationTable[];
	/** Applies the migration: statements in order, in one transaction where DDL is transactional. */
	runMigrations: () => Promise<void>;
	/** The SQL `runMigrations` runs, statements separated by blank lines; "" when there is nothing to do. */
	compileMigrations: () => Promise<string>;
}

function idKind(options: BetterAuthOptions): IdKind {
	const database = options.advanced?.database;
	const generateId = database?.generateId ?? options.advanced?.generateId;
	if (database?.useNumberId || generateId === "serial") return "serial";
	if (generateId === "uuid") return "uuid";
	return "string";
}

/**
 * Compares the database with the configured schema (core tables, additional fields, plugins) and
 * returns what is missing. Works with the built-in SQL support (better-sqlite3, pg, mysql2, a
 * Kysely dialect or instance); other adapters get their schema from `npx @better-auth/cli generate`.
 */
export async function getMigrations(options: BetterAuthOptions): Promise<Migrations> {
	const database = createKyselyDatabase(options);
	if (!database) {
		throw new BetterAuthError(
			"getMigrations works only with the built-in Kysely adapter: pass `database` a better-sqlite3 " +
				"Database, a pg Pool, a mysql2 pool, or a Kysely dialect or instance. With another adapter " +
				"(Prisma, Drizzle, MongoDB, memory...), generate the schema with `npx @better-auth/cli generate` " +
				"and apply it with that tool's own migrations.",
		);
	}
	const { kysely: db, databaseType: type } = database;
	const schema = getAuthTables(options);
	const tables = physicalTables(schema);
	const existing = await introspect(db, type, new Set(tables.map((table) => table.table)));
	const plan = planMigrations(tables, existing);
	const statements = buildStatements({ db, type, kind: idKind(options), schema }, plan);

	return {
		toBeCreated: plan.toBeCreated,
		toBeAdded: plan.toBeAdded,
		async runMigrations() {
			if (statements.length === 0) return;
			// PostgreSQL, SQLite and SQL Server roll DDL back, so a failed statement leaves nothing
			// half-done. MySQL commits each DDL statement anyway: no transaction there.
			if (database.transaction && type !== "mysql") {
				await db.transaction().execute(async (trx) => {
					for (const statement of statements) await trx.executeQuery(statement.compile());
				});
				return;
			}
			for (const statement of statements) await statement.execute();
		},
		async compileMigrations() {
			if (statements.length === 0) return "";
			return `${statements.map((statement) => statement.compile().sql).join(";\n\n")};`;
		},
	};
}
