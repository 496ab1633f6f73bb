/**
 * `better-auth/adapters/kysely`: Better Auth on SQLite, PostgreSQL, MySQL and MSSQL.
 *
 * Values are stored the way Better Auth 1.7 stores them, so a database moves between the two
 * unchanged: SQLite keeps dates as ISO strings, booleans as 0/1, JSON and arrays as JSON text;
 * PostgreSQL uses timestamptz, boolean and jsonb; MySQL timestamp(3), boolean (tinyint) and json;
 * MSSQL datetime2, bit and JSON text.
 */
import type { BetterAuthOptions, KyselyDatabaseType } from "@better-auth/core";
import {
	createAdapterFactory,
	createTransactionAdapter,
	type DBAdapterDebugLogOption,
	type DBAdapterInstance,
} from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import type { Kysely } from "kysely";
import { KYSELY_SOURCE, kyselyDatabaseType } from "./dialect";
import { createKyselyQueries } from "./queries";
import { currentConnection, runInTransaction } from "./transaction";

export { createKyselyDatabase, type KyselyDatabase } from "./dialect";

export interface KyselyAdapterConfig {
	/** The SQL flavour. @default read from the Kysely instance's dialect */
	type?: KyselyDatabaseType;
	/** Log every adapter call (or the listed ones). @default false */
	debugLogs?: DBAdapterDebugLogOption;
	/** Table names are the plural of the model key (`users`). @default false */
	usePlural?: boolean;
	/** Run `adapter.transaction()` in a real database transaction. @default true */
	transaction?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type DB = Kysely<any>;

/**
 * The Kysely adapter.
 * @example
 * const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
 * betterAuth({ database: kyselyAdapter(db, { type: "postgres" }) });
 */
export function kyselyAdapter(db: DB, config: KyselyAdapterConfig = {}): DBAdapterInstance {
	const type = config.type ?? kyselyDatabaseType(db);
	if (!type) {
		throw new BetterAuthError(
			'kyselyAdapter cannot tell which SQL database this Kysely instance uses. Pass `{ type: "sqlite" }` ' +
				'(or "postgres", "mysql", "mssql") as the second argument.',
		);
	}
	const factory = (options: BetterAuthOptions) => {
		/** An adapter over one open transaction: same behaviour, queries on `trx`. */
		const overTransaction = (trx: DB) =>
			createTransactionAdapter(kyselyAdapter(trx, { ...config, type, transaction: false }), options);
		return createAdapterFactory({
			config: {
				adapterId: "kysely",
				adapterName: "Kysely Adapter",
				usePlural: config.usePlural,
				debugLogs: config.debugLogs,
				// What Better Auth 1.7 stores (see the module comment); the rest is text the factory converts.
				supportsDates: type !== "sqlite",
				supportsBooleans: type === "postgres",
				supportsJSON: false,
				supportsArrays: false,
				supportsNumericIds: true,
				supportsJoin: true,
				transaction:
					config.transaction === false
						? false
						: (callback) => runInTransaction(db, (trx) => callback(overTransaction(trx))),
			},
			adapter: (helpers) => ({
				...createKyselyQueries(() => currentConnection(db), type, helpers),
				options: { type },
			}),
		})(options);
	};
	// getMigrations and the CLI find the database behind the adapter here.
	Object.defineProperty(factory, KYSELY_SOURCE, {
		value: { kysely: db, databaseType: type, transaction: config.transaction !== false },
	});
	return factory;
}
