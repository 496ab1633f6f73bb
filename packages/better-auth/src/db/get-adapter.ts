/**
 * Resolves the `database` option to the adapter Better Auth uses: an adapter factory or adapter
 * as given, any SQL database the Kysely adapter understands, or (with a warning) memory.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import type { DBAdapter } from "@better-auth/core/db";
import { kyselyAdapter } from "../adapters/kysely";
import { createKyselyDatabase } from "../adapters/kysely/dialect";
import { memoryAdapter } from "../adapters/memory";

function isAdapter(value: unknown): value is DBAdapter {
	const shape = value as Record<string, unknown>;
	return (
		typeof value === "object" &&
		value !== null &&
		typeof shape.id === "string" &&
		["create", "findOne", "findMany", "update", "delete"].every((method) => typeof shape[method] === "function")
	);
}

export function getAdapter(
	options: BetterAuthOptions,
	logger: { warn: (message: string) => void } = console,
): DBAdapter {
	const database = options.database as unknown;
	if (!database) {
		logger.warn(
			"[better-auth] No `database` configured: using an in-memory database. Data is lost when the process exits.",
		);
		return memoryAdapter({})(options);
	}
	if (typeof database === "function") return (database as (options: BetterAuthOptions) => DBAdapter)(options);
	if (isAdapter(database)) return database;
	const kysely = createKyselyDatabase(options);
	if (!kysely) return memoryAdapter({})(options);
	return kyselyAdapter(kysely.kysely, {
		type: kysely.databaseType,
		transaction: kysely.transaction,
	})(options);
}
