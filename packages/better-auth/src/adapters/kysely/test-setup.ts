/**
 * Shared set-up for the Kysely adapter's tests (not part of the public API): migrate a real
 * database for some options and build the adapter over a Kysely instance that records every
 * SQL statement it runs.
 */
import type { BetterAuthOptions, KyselyDatabaseType } from "@better-auth/core";
import type { DBAdapter } from "@better-auth/core/db";
import { type Dialect, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from "kysely";
import { getMigrations } from "../../db/migration";
import { kyselyAdapter } from ".";

export interface KyselySetup {
	adapter: DBAdapter;
	// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
	kysely: Kysely<any>;
	/** Every statement run through `kysely`, in order. Clear it with `statements.length = 0`. */
	statements: string[];
}

/** A test database handed to the set-up: the driver object and its flavour. */
export interface TestDatabase {
	type: Exclude<KyselyDatabaseType, "mssql">;
	database: object;
}

function dialectOf({ type, database }: TestDatabase): Dialect {
	if (type === "sqlite") return new SqliteDialect({ database: database as never });
	if (type === "postgres") return new PostgresDialect({ pool: database as never });
	// mysql2/promise pools wrap the callback pool Kysely drives.
	return new MysqlDialect({ pool: (database as { pool: never }).pool });
}

/** Migrates `db` for `options`, then returns a Kysely adapter over it. */
export async function setupKysely(db: TestDatabase, options: Partial<BetterAuthOptions> = {}): Promise<KyselySetup> {
	const full = { ...options, database: db.database } as BetterAuthOptions;
	await (await getMigrations(full)).runMigrations();
	const statements: string[] = [];
	const kysely = new Kysely({
		dialect: dialectOf(db),
		log: (event) => {
			statements.push(event.query.sql);
		},
	});
	return { adapter: kyselyAdapter(kysely, { type: db.type })(full), kysely, statements };
}
