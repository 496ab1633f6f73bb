/** `migrate`: applies missing tables, columns and indexes to the database (built-in Kysely adapter). */
import { relative, resolve } from "node:path";
import type { BetterAuthOptions } from "@better-auth/core";
import { getMigrations } from "better-auth/db/migration";
import pc from "picocolors";
import { loadConfig } from "../config/load-config";
import { type DatabaseTarget, describeDatabase, detectDatabase } from "../utils/database";
import { CliError, errorMessage } from "../utils/errors";
import type { Ui } from "../utils/ui";

export interface MigrateFlags {
	cwd: string;
	config?: string;
	yes?: boolean;
}

/** What a migration did: nothing, or the tables and columns it created. */
export interface MigrateResult {
	applied: boolean;
	tables: string[];
	columns: string[];
}

function notKysely(target: DatabaseTarget): CliError {
	if (target.kind === "none") {
		return new CliError(
			"Your config has no `database`: Better Auth keeps everything in memory and there is nothing to migrate. " +
				"Set `database` in your auth config (a better-sqlite3 Database, a pg Pool, a mysql2 pool...).",
		);
	}
	const id = target.kind === "adapter" ? target.id : "";
	const tool =
		id === "prisma"
			? " Then apply it with `npx prisma migrate dev`."
			: id === "drizzle"
				? " Then apply it with `npx drizzle-kit generate` and `npx drizzle-kit migrate`."
				: "";
	if (id === "kysely") {
		return new CliError(
			"migrate needs to reach the database, which this Kysely-based adapter does not expose. Use " +
				"`kyselyAdapter(db)` from better-auth/adapters/kysely, pass the Kysely instance as " +
				'`database: { db, type: "postgres" }` instead, or run `npx @better-auth/cli generate` and apply the SQL.',
		);
	}
	return new CliError(
		`migrate works only with the built-in Kysely adapter (SQLite, PostgreSQL, MySQL, SQL Server); your config uses ` +
			`the ${describeDatabase(target)}. Run \`npx @better-auth/cli generate\` to write its schema instead.${tool}`,
	);
}

/** Migrates the database of `options`: shows the plan, asks unless `yes`, applies it. */
export async function migrate(options: BetterAuthOptions, ui: Ui, yes = false): Promise<MigrateResult> {
	const target = detectDatabase(options);
	if (target.kind !== "kysely") throw notKysely(target);
	const migrations = await ui.task(
		`Comparing your config with the ${describeDatabase(target).replace(/ \(.*/, "")} database`,
		async () => {
			try {
				const found = await getMigrations(options);
				return { ...found, sql: await found.compileMigrations() };
			} catch (error) {
				throw new CliError(
					`Could not read the database: ${errorMessage(error)}\nCheck that it is running and that its URL ` +
						"(e.g. DATABASE_URL in .env) is right.",
					{ cause: error },
				);
			}
		},
		() => "Compared the database with your config",
	);
	const tables = migrations.toBeCreated.map((table) => table.table);
	const columns = migrations.toBeAdded.flatMap((table) =>
		Object.keys(table.fields).map((column) => `${table.table}.${column}`),
	);
	if (!migrations.sql) {
		ui.success("The database is up to date: no migration needed.");
		return { applied: false, tables, columns };
	}

	const lines: string[] = [];
	for (const table of migrations.toBeCreated) {
		lines.push(`  ${pc.green("+")} table ${pc.bold(table.table)} (${["id", ...Object.keys(table.fields)].join(", ")})`);
	}
	for (const table of migrations.toBeAdded) {
		for (const column of Object.keys(table.fields))
			lines.push(`  ${pc.green("+")} column ${pc.bold(`${table.table}.${column}`)}`);
	}
	if (lines.length === 0) lines.push(`  ${pc.green("+")} missing indexes`);
	ui.info(`The migration will add:\n${lines.join("\n")}`);
	if (!yes && !(await ui.confirm("Apply this migration?"))) {
		ui.warn("Migration cancelled: the database was not changed.");
		return { applied: false, tables, columns };
	}
	await ui.task(
		"Migrating the database",
		async () => {
			try {
				await migrations.runMigrations();
			} catch (error) {
				throw new CliError(`The migration failed: ${errorMessage(error)}`, { cause: error });
			}
		},
		() => `Created ${tables.length} table(s), added ${columns.length} column(s)`,
	);
	return { applied: true, tables, columns };
}

export async function migrateCommand(flags: MigrateFlags, ui: Ui): Promise<void> {
	const cwd = resolve(flags.cwd);
	ui.intro("Better Auth · migrate");
	const config = await ui.task(
		"Loading your Better Auth config",
		() => loadConfig({ cwd, config: flags.config }),
		(loaded) => `Loaded ${relative(cwd, loaded.path)}`,
	);
	const result = await migrate(config.options, ui, flags.yes);
	ui.outro(result.applied ? "Migration complete." : "Done.");
}
