/**
 * A Kysely that compiles for a database without connecting to one: it sees an empty database, so
 * `getMigrations` over it yields the complete schema. Used when the config hands Better Auth a
 * `kyselyAdapter(db)` (whose database the CLI cannot reach) and by tests of SQL Server output.
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import {
	DummyDriver,
	Kysely,
	MssqlAdapter,
	MssqlIntrospector,
	MssqlQueryCompiler,
	MysqlAdapter,
	MysqlIntrospector,
	MysqlQueryCompiler,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	SqliteAdapter,
	SqliteIntrospector,
	SqliteQueryCompiler,
} from "kysely";

const PARTS = {
	sqlite: [SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler],
	postgres: [PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler],
	mysql: [MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler],
	mssql: [MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler],
} as const;

/** `{ db, type }` for the `database` option, over a driver that runs nothing and returns no rows. */
export function offlineDatabase(type: KyselyDatabaseType) {
	const [Adapter, Introspector, Compiler] = PARTS[type];
	const db = new Kysely<unknown>({
		dialect: {
			createAdapter: () => new Adapter(),
			createDriver: () => new DummyDriver(),
			createIntrospector: (kysely) => new Introspector(kysely),
			createQueryCompiler: () => new Compiler(),
		},
	});
	return { db, type };
}
