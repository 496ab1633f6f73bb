import type { BetterAuthOptions } from "@better-auth/core";
import Database from "better-sqlite3";
import { afterAll, describe } from "vitest";
import { getMigrations } from "../../db/migration";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { runAdapterTest, runNumberIdAdapterTest } from "../test";
import { kyselyAdapter } from ".";
import { createKyselyDatabase } from "./dialect";

/** Migrates `database` for the options, then returns a Kysely adapter over it. */
function migratingAdapter(database: unknown) {
	return async (options: Partial<BetterAuthOptions> = {}) => {
		const full = { ...options, database } as BetterAuthOptions;
		await (await getMigrations(full)).runMigrations();
		const { kysely, databaseType } = createKyselyDatabase(full)!;
		return kyselyAdapter(kysely, { type: databaseType })(full);
	};
}

describe("kysely adapter: sqlite", () => {
	runAdapterTest({ getAdapter: migratingAdapter(new Database(":memory:")) });
});

describe("kysely adapter: sqlite, numeric ids", () => {
	runNumberIdAdapterTest({
		getAdapter: migratingAdapter(new Database(":memory:")),
	});
});

const pg = await postgresTestDatabase("kysely_adapter");
const pgNumeric = await postgresTestDatabase("kysely_adapter_num");
describe.skipIf(!pg || !pgNumeric)("kysely adapter: postgres", () => {
	afterAll(async () => {
		await pg?.cleanup();
		await pgNumeric?.cleanup();
	});
	runAdapterTest({ getAdapter: migratingAdapter(pg?.pool) });
	runNumberIdAdapterTest({ getAdapter: migratingAdapter(pgNumeric?.pool) });
});

const mysql = await mysqlTestDatabase("kysely_adapter");
const mysqlNumeric = await mysqlTestDatabase("kysely_adapter_num");
describe.skipIf(!mysql || !mysqlNumeric)("kysely adapter: mysql", () => {
	afterAll(async () => {
		await mysql?.cleanup();
		await mysqlNumeric?.cleanup();
	});
	runAdapterTest({ getAdapter: migratingAdapter(mysql?.pool) });
	runNumberIdAdapterTest({ getAdapter: migratingAdapter(mysqlNumeric?.pool) });
});
