/**
 * Transactions beyond the conformance suite: queries through the outer adapter from inside the
 * callback run in the transaction (no deadlock on SQLite's single connection), while queries
 * from elsewhere keep their isolation.
 */
import type { DBAdapter } from "@better-auth/core/db";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { kyselyAdapter } from ".";
import { setupKysely, type TestDatabase } from "./test-setup";

const pg = await postgresTestDatabase("kysely_trx");
const mysql = await mysqlTestDatabase("kysely_trx");
afterAll(async () => {
	await pg?.cleanup();
	await mysql?.cleanup();
});

const databases: Array<[string, TestDatabase | null]> = [
	["sqlite", { type: "sqlite", database: new Database(":memory:") }],
	["postgres", pg && { type: "postgres", database: pg.pool }],
	["mysql", mysql && { type: "mysql", database: mysql.pool }],
];

type Row = Record<string, unknown>;
let counter = 0;
const newEmail = () => `trx-${++counter}-${Math.random().toString(36).slice(2)}@example.com`;
const userData = (email: string) => ({ name: "T", email, emailVerified: false });
const byEmail = (adapter: Pick<DBAdapter, "findOne">, email: string) =>
	adapter.findOne<Row>({ model: "user", where: [{ field: "email", value: email }] });

/** Fails a test that would otherwise hang on a deadlock. */
function within<T>(promise: Promise<T>, ms = 2000): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
	]);
}

describe.each(databases)("kysely transactions on %s", (name, db) => {
	let adapter: DBAdapter;
	beforeAll(async () => {
		if (db) ({ adapter } = await setupKysely(db));
	});

	it.skipIf(!db)("the outer adapter, used inside the callback, runs in the transaction", async () => {
		const email = newEmail();
		const seen = await within(
			adapter.transaction(async (trx) => {
				await trx.create({ model: "user", data: userData(email) });
				// Sees the uncommitted row: same transaction, no second connection to wait for.
				return byEmail(adapter, email);
			}),
		);
		expect(seen?.email).toBe(email);
	});

	it.skipIf(!db)("rolls back writes made through the outer adapter inside the callback", async () => {
		const email = newEmail();
		await expect(
			within(
				adapter.transaction(async () => {
					await adapter.create({ model: "user", data: userData(email) });
					throw new Error("abort");
				}),
			),
		).rejects.toThrow("abort");
		expect(await byEmail(adapter, email)).toBeNull();
	});

	it.skipIf(!db)("a transaction started inside the callback joins the open one", async () => {
		const email = newEmail();
		await expect(
			within(
				adapter.transaction(async (trx) => {
					await adapter.transaction((inner) => inner.create({ model: "user", data: userData(email) }));
					expect(await byEmail(trx, email)).not.toBeNull();
					throw new Error("abort");
				}),
			),
		).rejects.toThrow("abort");
		expect(await byEmail(adapter, email)).toBeNull();
	});

	it.skipIf(!db)("queries from elsewhere do not see uncommitted writes", async () => {
		const email = newEmail();
		let release!: () => void;
		const gate = new Promise<void>((resolve) => {
			release = resolve;
		});
		let written!: () => void;
		const wrote = new Promise<void>((resolve) => {
			written = resolve;
		});
		const transaction = adapter.transaction(async (trx) => {
			await trx.create({ model: "user", data: userData(email) });
			written();
			await gate;
			throw new Error("abort");
		});
		await wrote;
		// Started outside the callback: on SQLite it waits for the connection, elsewhere it reads
		// committed data only. Either way it must not see the row, which is rolled back.
		const outside = byEmail(adapter, email);
		if (name === "sqlite") {
			const early = await Promise.race([outside, new Promise((resolve) => setTimeout(() => resolve("waiting"), 50))]);
			expect(early).toBe("waiting");
		}
		release();
		await expect(transaction).rejects.toThrow("abort");
		expect(await outside).toBeNull();
	});

	it.skipIf(!db)("work left running after the transaction ends uses the adapter's own connection", async () => {
		const email = newEmail();
		let later!: Promise<unknown>;
		await adapter.transaction(async () => {
			// Not awaited: runs after the commit, still inside the callback's async context.
			later = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
				adapter.create({ model: "user", data: userData(email) }),
			);
		});
		await within(later);
		expect(await byEmail(adapter, email)).not.toBeNull();
	});

	it.skipIf(!db)("with `transaction: false` the callback runs without one", async () => {
		if (!db) return;
		const { kysely } = await setupKysely(db);
		const plain = kyselyAdapter(kysely, { type: db.type, transaction: false })({});
		const email = newEmail();
		await expect(
			plain.transaction(async (trx) => {
				await trx.create({ model: "user", data: userData(email) });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(await byEmail(plain, email)).not.toBeNull();
	});
});
