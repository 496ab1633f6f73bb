/**
 * What the `database` option is, as far as the CLI cares: a SQL database the built-in Kysely
 * adapter talks to (generate writes SQL, migrate applies it), or an adapter (Prisma, Drizzle,
 * MongoDB, a custom one) whose own tooling owns the schema.
 */
import type { BetterAuthOptions, KyselyDatabaseType } from "@better-auth/core";
import type { DBAdapter } from "@better-auth/core/db";
import { createKyselyDatabase, type KyselyDatabase } from "better-auth/adapters/kysely";
import { CliError, errorMessage } from "./errors";

export type DatabaseTarget =
	| { kind: "kysely"; type: KyselyDatabaseType; database: KyselyDatabase }
	| {
			kind: "adapter";
			/** The adapter's id: "prisma", "drizzle", "mongodb", "memory", "kysely", or a custom one. */
			id: string;
			/** The adapter's `provider` option (Prisma: "postgresql", Drizzle: "pg", ...), when it has one. */
			provider?: string;
			adapter?: DBAdapter;
	  }
	| { kind: "none" };

/** What `--adapter` / `--provider` say, for adapters that cannot be created outside the app. */
export interface AdapterHint {
	adapter?: string;
	provider?: string;
}

const isAdapter = (value: unknown): value is DBAdapter =>
	typeof value === "object" &&
	value !== null &&
	typeof (value as DBAdapter).id === "string" &&
	typeof (value as DBAdapter).create === "function";

function fromAdapter(adapter: DBAdapter, hint: AdapterHint): DatabaseTarget {
	const provider = (adapter.options as Record<string, unknown> | undefined)?.provider;
	return {
		kind: "adapter",
		id: hint.adapter ?? adapter.id,
		provider: hint.provider ?? (typeof provider === "string" ? provider : undefined),
		adapter,
	};
}

/** Classifies the `database` option. Creating an adapter from its factory touches no database. */
export function detectDatabase(options: BetterAuthOptions, hint: AdapterHint = {}): DatabaseTarget {
	const database = options.database as unknown;
	if (database === undefined || database === null) {
		return hint.adapter ? { kind: "adapter", id: hint.adapter, provider: hint.provider } : { kind: "none" };
	}
	if (isAdapter(database)) return fromAdapter(database, hint);
	if (typeof database === "function" && !hint.adapter) {
		// kyselyAdapter(db) carries its database: generate and migrate can read and change it.
		const behind = createKyselyDatabase(options);
		if (behind) return { kind: "kysely", type: behind.databaseType, database: behind };
	}
	if (typeof database === "function") {
		try {
			const adapter = (database as (options: BetterAuthOptions) => unknown)(options);
			if (isAdapter(adapter)) return fromAdapter(adapter, hint);
		} catch (error) {
			if (hint.adapter) return { kind: "adapter", id: hint.adapter, provider: hint.provider };
			throw new CliError(
				`Could not create the database adapter from your config: ${errorMessage(error)}\n` +
					"Pass --adapter prisma|drizzle (and --provider) to generate its schema anyway.",
				{ cause: error },
			);
		}
		if (hint.adapter) return { kind: "adapter", id: hint.adapter, provider: hint.provider };
		throw new CliError("The `database` option is a function that does not return a database adapter.");
	}
	let kysely: KyselyDatabase | null;
	try {
		kysely = createKyselyDatabase(options);
	} catch (error) {
		throw new CliError(errorMessage(error), { cause: error });
	}
	if (!kysely) return { kind: "none" };
	return { kind: "kysely", type: kysely.databaseType, database: kysely };
}

/** A short description for `info` and messages: "PostgreSQL (Kysely)", "Prisma (postgresql)". */
export function describeDatabase(target: DatabaseTarget): string {
	if (target.kind === "none") return "none configured (in-memory)";
	if (target.kind === "kysely") {
		const names = { sqlite: "SQLite", postgres: "PostgreSQL", mysql: "MySQL", mssql: "SQL Server" };
		return `${names[target.type]} (built-in Kysely adapter)`;
	}
	const name = target.id.charAt(0).toUpperCase() + target.id.slice(1);
	return target.provider ? `${name} adapter (${target.provider})` : `${name} adapter`;
}
