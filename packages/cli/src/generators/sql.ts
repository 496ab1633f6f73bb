/**
 * SQL for the built-in Kysely adapter: the statements `getMigrations` would run against the
 * configured database, so only what is missing there (tables, columns, indexes) is written.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import { getMigrations } from "better-auth/db/migration";
import { CliError, errorMessage } from "../utils/errors";

export interface SqlSchema {
	/** The SQL, statements separated by a blank line; "" when the database is up to date. */
	code: string;
	/** Tables the SQL creates. */
	tables: string[];
	/** Columns the SQL adds to existing tables, as `table.column`. */
	columns: string[];
}

/** Compiles the missing schema of a Kysely-backed config (reads the database, writes nothing). */
export async function generateSql(options: BetterAuthOptions): Promise<SqlSchema> {
	let migrations: Awaited<ReturnType<typeof getMigrations>>;
	let code: string;
	try {
		migrations = await getMigrations(options);
		code = await migrations.compileMigrations();
	} catch (error) {
		throw new CliError(
			`Could not read the database to compare it with your config: ${errorMessage(error)}\n` +
				"generate writes only what the database is missing, so it needs to reach it: check that the " +
				"database is running and that its URL (e.g. DATABASE_URL in .env) is right.",
			{ cause: error },
		);
	}
	return {
		code: code ? `${code}\n` : "",
		tables: migrations.toBeCreated.map((table) => table.table),
		columns: migrations.toBeAdded.flatMap((table) =>
			Object.keys(table.fields).map((column) => `${table.table}.${column}`),
		),
	};
}
