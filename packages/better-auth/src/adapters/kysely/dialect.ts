/**
 * Turns the `database` option into a Kysely instance and its SQL flavour.
 *
 * Driver objects are recognised by their shape, never with `instanceof`: the app may load
 * its own copy of better-sqlite3, pg or mysql2 (or of kysely), and `instanceof` would then fail.
 */
import type { BetterAuthOptions, KyselyDatabaseType } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { type Dialect, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from "kysely";

export interface KyselyDatabase {
	// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
	kysely: Kysely<any>;
	databaseType: KyselyDatabaseType;
	/** Whether `transaction()` opens a real transaction. @default true */
	transaction: boolean;
}

type Shape = Record<string, unknown>;

const isFunction = (value: unknown): value is (...args: unknown[]) => unknown => typeof value === "function";
const hasMethods = (value: unknown, ...names: string[]): value is Shape =>
	typeof value === "object" && value !== null && names.every((name) => isFunction((value as Shape)[name]));

/** A Kysely instance (from any copy of kysely). */
export function isKyselyInstance(value: unknown): value is Kysely<unknown> {
	return hasMethods(value, "selectFrom", "insertInto", "transaction", "getExecutor") && "schema" in (value as Shape);
}

/** A Kysely dialect: it knows how to create a driver, adapter and query compiler. */
export function isKyselyDialect(value: unknown): value is Dialect {
	return hasMethods(value, "createDriver", "createAdapter", "createQueryCompiler", "createIntrospector");
}

/** better-sqlite3's Database: synchronous `prepare`, plus `pragma` and `exec`. */
function isBetterSqlite(value: unknown): boolean {
	return hasMethods(value, "prepare", "pragma", "exec", "close");
}

/** pg's Pool (a Client is refused: a pool is needed for concurrent requests). */
function isPgPool(value: unknown): boolean {
	return (
		hasMethods(value, "connect", "query", "end") && "totalCount" in (value as Shape) && "idleCount" in (value as Shape)
	);
}

/** mysql2's pool: the promise wrapper exposes the callback pool as `.pool`. */
function mysqlCallbackPool(value: unknown): unknown {
	if (!hasMethods(value, "getConnection", "query", "end")) return null;
	const inner = (value as Shape).pool;
	if (hasMethods(inner, "getConnection", "query") && "config" in (inner as Shape)) return inner;
	if ("config" in (value as Shape) && hasMethods(value, "on")) return value;
	return null;
}

/** The SQL flavour from class names (a dialect's, or its adapter's). Lost when the app is minified. */
function typeFromName(name: string): KyselyDatabaseType | null {
	const lower = name.toLowerCase();
	if (lower.includes("sqlite") || lower.includes("libsql") || lower.includes("d1")) return "sqlite";
	if (lower.includes("postgres") || lower.includes("pglite") || lower.includes("neon")) return "postgres";
	if (lower.includes("mysql") || lower.includes("planetscale")) return "mysql";
	if (lower.includes("mssql")) return "mssql";
	return null;
}

/**
 * The SQL flavour from the SQL a Kysely instance compiles: parameters as `$1` (PostgreSQL) or
 * `@1` (MSSQL), identifiers in backticks (MySQL), otherwise SQLite. Works on minified code.
 */
// biome-ignore lint/suspicious/noExplicitAny: a probe query over no schema.
function typeFromCompiledSql(kysely: Kysely<any>): KyselyDatabaseType | null {
	try {
		const { sql } = kysely.selectFrom("t").select("c").where("c", "=", 1).compile();
		if (sql.includes("$1")) return "postgres";
		if (sql.includes("@1")) return "mssql";
		if (sql.includes("`")) return "mysql";
		if (sql.includes('"') && sql.includes("?")) return "sqlite";
	} catch {
		// A compiler that cannot compile the probe: the caller asks for an explicit type.
	}
	return null;
}

/** The SQL flavour of a Kysely instance (or transaction). */
// biome-ignore lint/suspicious/noExplicitAny: any schema.
export function kyselyDatabaseType(kysely: Kysely<any>): KyselyDatabaseType | null {
	return typeFromName(kysely.getExecutor().adapter.constructor?.name ?? "") ?? typeFromCompiledSql(kysely);
}

/** The SQL flavour of a dialect. */
function dialectType(dialect: Dialect): KyselyDatabaseType | null {
	const names = `${dialect.constructor?.name ?? ""} ${dialect.createAdapter().constructor?.name ?? ""}`;
	return typeFromName(names) ?? typeFromCompiledSql(new Kysely<unknown>({ dialect }));
}

const TYPES: readonly KyselyDatabaseType[] = ["sqlite", "postgres", "mysql", "mssql"];

/** The `type` given next to a dialect or Kysely instance, checked. */
function givenType(value: unknown): KyselyDatabaseType | undefined {
	if (value === undefined) return undefined;
	if (TYPES.includes(value as KyselyDatabaseType)) return value as KyselyDatabaseType;
	throw new BetterAuthError(
		`Unknown database type ${JSON.stringify(value)}: use "sqlite", "postgres", "mysql" or "mssql".`,
	);
}

const UNKNOWN_TYPE =
	"Cannot tell which SQL database this is. Pass `database: { dialect, type }` (or `{ db, type }`) with " +
	'type "sqlite", "postgres", "mysql" or "mssql".';

/**
 * Resolves the `database` option to Kysely, or returns null when the option is not a Kysely-able
 * value (an adapter, an adapter factory, or nothing). Throws a `BetterAuthError` for a value that
 * looks like a database but cannot be used.
 */
/** Where `kyselyAdapter(db)` keeps its Kysely instance, so migrations can reach the database. */
export const KYSELY_SOURCE: unique symbol = Symbol.for("better-auth.kysely-source");

export function createKyselyDatabase(options: Pick<BetterAuthOptions, "database">): KyselyDatabase | null {
	const db = options.database as unknown;
	if (!db) return null;
	if (isFunction(db))
		return ((db as unknown as Record<symbol, KyselyDatabase>)[KYSELY_SOURCE] as KyselyDatabase) ?? null;
	if (hasMethods(db, "create", "findOne", "findMany") && "id" in (db as Shape)) return null;

	const shape = db as Shape;
	const transaction = shape.transaction !== false;
	if ("dialect" in shape && isKyselyDialect(shape.dialect)) {
		const type = givenType(shape.type) ?? dialectType(shape.dialect);
		if (!type) throw new BetterAuthError(UNKNOWN_TYPE);
		return {
			kysely: new Kysely({ dialect: shape.dialect }),
			databaseType: type,
			transaction,
		};
	}
	if ("db" in shape && isKyselyInstance(shape.db)) {
		const type = givenType(shape.type) ?? kyselyDatabaseType(shape.db);
		if (!type) throw new BetterAuthError(UNKNOWN_TYPE);
		return { kysely: shape.db, databaseType: type, transaction };
	}
	if (isKyselyInstance(db)) {
		const type = kyselyDatabaseType(db);
		if (!type) throw new BetterAuthError(UNKNOWN_TYPE);
		return { kysely: db, databaseType: type, transaction: true };
	}
	if (isKyselyDialect(db)) {
		const type = dialectType(db);
		if (!type) throw new BetterAuthError(UNKNOWN_TYPE);
		return {
			kysely: new Kysely({ dialect: db }),
			databaseType: type,
			transaction: true,
		};
	}
	if (isBetterSqlite(db)) {
		const dialect = new SqliteDialect({ database: withStatementCache(db as SqliteLike) as never });
		return {
			kysely: new Kysely({ dialect }),
			databaseType: "sqlite",
			transaction: true,
		};
	}
	if (isPgPool(db)) {
		const dialect = new PostgresDialect({ pool: db as never });
		return {
			kysely: new Kysely({ dialect }),
			databaseType: "postgres",
			transaction: true,
		};
	}
	const mysqlPool = mysqlCallbackPool(db);
	if (mysqlPool) {
		const dialect = new MysqlDialect({ pool: mysqlPool as never });
		return {
			kysely: new Kysely({ dialect }),
			databaseType: "mysql",
			transaction: true,
		};
	}
	if (hasMethods(db, "connect", "query", "end")) {
		throw new BetterAuthError(
			"The `database` option looks like a single connection (a pg Client or a mysql2 connection). " +
				"Pass a pool instead, `new Pool({ connectionString })` from pg or `createPool(url)` from " +
				"mysql2/promise, so concurrent requests do not queue on one connection.",
		);
	}
	throw new BetterAuthError(
		"The `database` option is not something Better Auth can use. Pass a better-sqlite3 Database, " +
			"a pg Pool, a mysql2 pool, a Kysely dialect or instance, `{ dialect, type }`, or an adapter " +
			"such as `memoryAdapter(db)` or `kyselyAdapter(db, { type })`.",
	);
}

interface SqliteLike {
	prepare: (sql: string) => unknown;
}

/**
 * better-sqlite3 re-parses SQL on every `prepare`; the same few statements run on every request,
 * so keep the most recent prepared statements (they are reusable, and calls are synchronous).
 */
function withStatementCache<T extends SqliteLike>(database: T, size = 256): T {
	const cache = new Map<string, unknown>();
	const prepare = database.prepare.bind(database);
	return new Proxy(database, {
		get(target, property, receiver) {
			if (property !== "prepare") {
				const value = Reflect.get(target, property, receiver);
				return typeof value === "function" ? value.bind(target) : value;
			}
			return (sql: string) => {
				let statement = cache.get(sql);
				if (statement) {
					cache.delete(sql);
				} else {
					statement = prepare(sql);
					if (cache.size >= size) cache.delete(cache.keys().next().value as string);
				}
				cache.set(sql, statement);
				return statement;
			};
		},
	});
}
