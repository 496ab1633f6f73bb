/** `createKyselyDatabase`: every form of the `database` option a SQL database may take. */
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import {
	DummyDriver,
	Kysely,
	MssqlAdapter,
	MssqlIntrospector,
	MssqlQueryCompiler,
	MysqlDialect,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	SqliteDialect,
} from "kysely";
import { createPool as createCallbackPool } from "mysql2";
import { createPool } from "mysql2/promise";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { memoryAdapter } from "../memory";
import { kyselyAdapter } from ".";
import { createKyselyDatabase } from "./dialect";

// Pools to unreachable ports: recognising them never connects.
const sqlite = new Database(":memory:");
const pgPool = new pg.Pool({ connectionString: "postgres://127.0.0.1:1/none" });
const promisePool = createPool({ uri: "mysql://root@127.0.0.1:1/none" });
const callbackPool = createCallbackPool({ uri: "mysql://root@127.0.0.1:1/none" });
afterAll(async () => {
	sqlite.close();
	await pgPool.end();
	await promisePool.end();
	await new Promise((resolve) => callbackPool.end(resolve));
});

const resolve = (database: unknown) => createKyselyDatabase({ database: database as object });
const typeOf = (database: unknown) => resolve(database)?.databaseType;

/** A dialect whose classes have no names, as in a minified bundle. */
function anonymousDialect(
	adapter: () => object,
	compiler: () => object,
	introspector: (db: Kysely<unknown>) => object,
) {
	return {
		createAdapter: adapter,
		createDriver: () => new DummyDriver(),
		createIntrospector: introspector,
		createQueryCompiler: compiler,
	} as never;
}
const unnamed = <T extends abstract new (...args: never[]) => object>(base: T) =>
	[class extends (base as unknown as new () => object) {}][0];

describe("createKyselyDatabase", () => {
	it("recognises driver objects by shape", () => {
		expect(typeOf(sqlite)).toBe("sqlite");
		expect(typeOf(pgPool)).toBe("postgres");
		expect(typeOf(promisePool)).toBe("mysql");
		expect(typeOf(callbackPool)).toBe("mysql");
	});

	it("accepts dialects, `{ dialect, type }`, Kysely instances and `{ db, type }`", () => {
		expect(typeOf(new SqliteDialect({ database: sqlite }))).toBe("sqlite");
		expect(typeOf({ dialect: new MysqlDialect({ pool: callbackPool }), type: "mysql" })).toBe("mysql");
		const kysely = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
		const direct = resolve(kysely);
		expect(direct?.kysely).toBe(kysely);
		expect(direct?.databaseType).toBe("sqlite");
		expect(resolve({ db: kysely, type: "sqlite", transaction: false })).toEqual({
			kysely,
			databaseType: "sqlite",
			transaction: false,
		});
	});

	it("tells the SQL flavour of a minified dialect from the SQL it compiles", () => {
		const postgres = anonymousDialect(
			() => new (unnamed(PostgresAdapter))(),
			() => new (unnamed(PostgresQueryCompiler))(),
			(db) => new PostgresIntrospector(db),
		);
		const mssql = anonymousDialect(
			() => new (unnamed(MssqlAdapter))(),
			() => new (unnamed(MssqlQueryCompiler))(),
			(db) => new MssqlIntrospector(db),
		);
		expect(typeOf(postgres)).toBe("postgres");
		expect(typeOf(new Kysely({ dialect: mssql }))).toBe("mssql");
	});

	it("returns null for what is not a SQL database: nothing, other adapters and their factories", () => {
		expect(resolve(undefined)).toBeNull();
		expect(resolve(memoryAdapter({}))).toBeNull();
		expect(resolve(memoryAdapter({})({}))).toBeNull();
	});

	it("finds the database behind kyselyAdapter(db), for migrations", () => {
		const kysely = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
		expect(resolve(kyselyAdapter(kysely))).toMatchObject({ kysely, databaseType: "sqlite", transaction: true });
		expect(resolve(kyselyAdapter(kysely, { transaction: false }))).toMatchObject({ transaction: false });
	});

	it("refuses anything else with a BetterAuthError that lists what to pass", () => {
		expect(() => resolve({ host: "localhost" })).toThrow(BetterAuthError);
		expect(() => resolve({ host: "localhost" })).toThrow(/better-sqlite3 Database, a pg Pool, a mysql2 pool/);
		expect(() => resolve(new pg.Client())).toThrow(/single connection.*Pass a pool/);
		expect(() => resolve({ dialect: { createDriver() {} } })).toThrow(BetterAuthError);
		expect(() => resolve({ dialect: new SqliteDialect({ database: sqlite }), type: "oracle" })).toThrow(
			/Unknown database type "oracle"/,
		);
	});

	it("kyselyAdapter reads the type from the instance, or asks for it", () => {
		const kysely = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
		expect(kyselyAdapter(kysely)({}).id).toBe("kysely");
		const opaque = new Kysely({
			dialect: anonymousDialect(
				() => new (unnamed(PostgresAdapter))(),
				() => ({ compileQuery: () => ({ sql: "", parameters: [] }) }),
				(db) => new PostgresIntrospector(db),
			),
		});
		expect(() => kyselyAdapter(opaque)).toThrow(/Pass `\{ type: "sqlite" \}`/);
	});
});
