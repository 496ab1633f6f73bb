/**
 * Resolves the `database` option to the adapter Better Auth uses: an adapter factory or adapter
 * as given, any SQL database the Kysely adapter understands, or (with a warning) memory.
 * Nothing is cached between calls: each `betterAuth()` gets its own adapter.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import type { DBAdapter, DBAdapterInstance } from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { kyselyAdapter } from "../adapters/kysely";
import { createKyselyDatabase } from "../adapters/kysely/dialect";
import { memoryAdapter } from "../adapters/memory";

const ADAPTER_METHODS = ["create", "findOne", "findMany", "count", "update", "updateMany", "delete", "deleteMany"];

/** An adapter object (what an adapter factory returns). */
function isAdapter(value: unknown): value is DBAdapter {
	if (typeof value !== "object" || value === null) return false;
	const shape = value as Record<string, unknown>;
	return typeof shape.id === "string" && ADAPTER_METHODS.every((method) => typeof shape[method] === "function");
}

/**
 * The adapter for `options.database`. Synchronous, so `betterAuth()` can build its context at once;
 * a driver that needs a connection connects on its first query.
 * @throws BetterAuthError when the option is an object Better Auth cannot use.
 */
export function getAdapter(
	options: BetterAuthOptions,
	logger: { warn: (message: string) => void } = console,
): DBAdapter {
	const database = options.database as unknown;
	if (database === undefined || database === null) {
		logger.warn(
			"No `database` configured: using an in-memory database. Data is lost when the process exits; " +
				"pass a database (for example a better-sqlite3 Database or a pg Pool) to keep it.",
		);
		return memoryAdapter({})(options);
	}
	if (typeof database === "function") {
		const adapter = (database as DBAdapterInstance)(options);
		if (!isAdapter(adapter)) {
			throw new BetterAuthError(
				"The `database` function did not return an adapter. Pass an adapter factory such as " +
					"`kyselyAdapter(db, { type })` or `memoryAdapter({})`, not a function of your own.",
			);
		}
		return adapter;
	}
	if (isAdapter(database)) return database;
	// Throws a BetterAuthError that lists what can be passed when nothing matches.
	const kysely = createKyselyDatabase(options);
	if (!kysely) {
		throw new BetterAuthError("The `database` option is not a database, a Kysely dialect or an adapter.");
	}
	return kyselyAdapter(kysely.kysely, { type: kysely.databaseType, transaction: kysely.transaction })(options);
}
