/** `getAdapter`: the `database` option to the adapter Better Auth uses. */
import { BetterAuthError } from "@better-auth/core/error";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { kyselyAdapter } from "../adapters/kysely";
import { memoryAdapter } from "../adapters/memory";
import { betterAuth } from "../auth";
import { mysqlTestDatabase, postgresTestDatabase } from "../test-utils/databases";
import { getAdapter } from "./get-adapter";
import { getMigrations } from "./migration";

const quiet = { warn: () => {} };

describe("getAdapter", () => {
	it("calls an adapter factory with the options and uses an adapter object as given", () => {
		const options = { database: memoryAdapter({}) };
		expect(getAdapter(options, quiet).id).toBe("memory");
		const adapter = memoryAdapter({})({});
		expect(getAdapter({ database: adapter }, quiet)).toBe(adapter);
		const sqlite = kyselyAdapter(new Kysely({ dialect: new SqliteDialect({ database: new Database(":memory:") }) }));
		expect(getAdapter({ database: sqlite }, quiet).id).toBe("kysely");
	});

	it("refuses a function that does not return an adapter", () => {
		expect(() => getAdapter({ database: (() => ({})) as never }, quiet)).toThrow(BetterAuthError);
	});

	it("builds a Kysely adapter that works for every SQL form", async () => {
		for (const database of [
			new Database(":memory:"),
			new SqliteDialect({ database: new Database(":memory:") }),
			{ dialect: new SqliteDialect({ database: new Database(":memory:") }), type: "sqlite" as const },
			new Kysely({ dialect: new SqliteDialect({ database: new Database(":memory:") }) }),
		]) {
			const options = { database };
			await (await getMigrations(options)).runMigrations();
			const adapter = getAdapter(options, quiet);
			expect(adapter.id).toBe("kysely");
			await adapter.create({ model: "user", data: { name: "A", email: "a@b.c", emailVerified: false } });
			expect(await adapter.count({ model: "user" })).toBe(1);
		}
	});

	it("honours `transaction: false` next to a dialect", async () => {
		const database = new Database(":memory:");
		const options = {
			database: { dialect: new SqliteDialect({ database }), type: "sqlite" as const, transaction: false },
		};
		await (await getMigrations(options)).runMigrations();
		const adapter = getAdapter(options, quiet);
		await expect(
			adapter.transaction(async (trx) => {
				await trx.create({ model: "user", data: { name: "A", email: "kept@b.c", emailVerified: false } });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(await adapter.count({ model: "user" })).toBe(1);
	});

	it("falls back to memory with a warning when no database is configured", () => {
		const warnings: string[] = [];
		const adapter = getAdapter({}, { warn: (message) => warnings.push(message) });
		expect(adapter.id).toBe("memory");
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/in-memory database.*lost/);
	});

	it("makes a new adapter on every call (nothing is shared between betterAuth() instances)", async () => {
		const first = getAdapter({}, quiet);
		const second = getAdapter({}, quiet);
		await first.create({ model: "user", data: { name: "A", email: "a@b.c", emailVerified: false } });
		expect(await second.count({ model: "user" })).toBe(0);
	});

	it("refuses an unknown object, and betterAuth() stops at start-up", () => {
		expect(() => getAdapter({ database: { host: "localhost" } as never }, quiet)).toThrow(BetterAuthError);
		expect(() => getAdapter({ database: { host: "localhost" } as never }, quiet)).toThrow(/pg Pool/);
		expect(() => betterAuth({ secret: "s".repeat(32), database: { host: "localhost" } as never })).toThrow(
			BetterAuthError,
		);
	});
});

const pg = await postgresTestDatabase("get_adapter");
const mysql = await mysqlTestDatabase("get_adapter");
afterAll(async () => {
	await pg?.cleanup();
	await mysql?.cleanup();
});

describe.each([
	["a pg Pool", () => pg?.pool],
	["a mysql2/promise pool", () => mysql?.pool],
	["a mysql2 callback pool", () => mysql?.pool.pool],
])("getAdapter with %s", (_name, getPool) => {
	it.skipIf(!getPool())("creates and finds a row", async () => {
		const options = { database: getPool() as object };
		await (await getMigrations(options)).runMigrations();
		const adapter = getAdapter(options, quiet);
		const email = `${Math.random().toString(36).slice(2)}@example.com`;
		const user = await adapter.create<Record<string, unknown>, { id: string }>({
			model: "user",
			data: { name: "Pool", email, emailVerified: true },
		});
		const found = await adapter.findOne<{ id: string; emailVerified: boolean }>({
			model: "user",
			where: [{ field: "email", value: email }],
		});
		expect(found).toMatchObject({ id: user.id, emailVerified: true });
	});
});
