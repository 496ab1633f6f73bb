/**
 * What the Kysely adapter stores, read back raw from each database: it must be what
 * better-auth 1.7 stores (probed from the reference), so existing databases keep working.
 */
import type { DBAdapter } from "@better-auth/core/db";
import Database from "better-sqlite3";
import { createPool } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { baseTestOptions } from "../test";
import { setupKysely } from "./test-setup";

type Row = Record<string, unknown>;
const at = new Date("2030-06-15T23:59:58.123Z");
const values = {
	name: "Raw",
	emailVerified: true,
	createdAt: at,
	updatedAt: at,
	testBoolean: false,
	testJson: { k: 1, list: ["a"] },
	testStrings: ["x", "y"],
	testNumbers: [1, 2],
};
const createUser = (adapter: DBAdapter, email: string) =>
	adapter.create<Row, Row & { id: string }>({ model: "user", data: { ...values, email } });

describe("stored values on SQLite", () => {
	const database = new Database(":memory:");
	let adapter: DBAdapter;
	beforeAll(async () => {
		({ adapter } = await setupKysely({ type: "sqlite", database }, baseTestOptions));
	});

	it("dates as ISO strings, booleans as 0/1, JSON and arrays as JSON text", async () => {
		const user = await createUser(adapter, "raw@example.com");
		const raw = database.prepare(`select * from "user" where id = ?`).get(user.id) as Row;
		expect(raw).toMatchObject({
			createdAt: "2030-06-15T23:59:58.123Z",
			emailVerified: 1,
			testBoolean: 0,
			testJson: '{"k":1,"list":["a"]}',
			testStrings: '["x","y"]',
			testNumbers: "[1,2]",
		});
		expect(user.id).toMatch(/^[A-Za-z0-9]{32}$/);
	});

	it("reads a row as better-auth 1.7 wrote it", async () => {
		database
			.prepare(
				`insert into "user" (id, name, email, emailVerified, image, createdAt, updatedAt, testJson, testStrings)
				values ('3uqYV0Nd3H2W1sajxjKwEmqu8dunRlHh', 'A', 'a@b.com', 0, null, '2026-11-22T15:22:40.187Z', '2026-11-22T15:22:40.187Z', '{"k":1}', '["x","y"]')`,
			)
			.run();
		const user = await adapter.findOne<Row>({ model: "user", where: [{ field: "email", value: "a@b.com" }] });
		expect(user).toMatchObject({
			id: "3uqYV0Nd3H2W1sajxjKwEmqu8dunRlHh",
			emailVerified: false,
			image: null,
			createdAt: new Date("2026-11-22T15:22:40.187Z"),
			testJson: { k: 1 },
			testStrings: ["x", "y"],
		});
	});
});

const pg = await postgresTestDatabase("kysely_stored");
const mysql = await mysqlTestDatabase("kysely_stored");
const mysqlLocal = await mysqlTestDatabase("kysely_stored_local");
afterAll(async () => {
	await pg?.cleanup();
	await mysql?.cleanup();
	await mysqlLocal?.cleanup();
});

describe.skipIf(!pg)("stored values on PostgreSQL", () => {
	let adapter: DBAdapter;
	beforeAll(async () => {
		({ adapter } = await setupKysely({ type: "postgres", database: pg!.pool }, baseTestOptions));
	});

	it("timestamptz, boolean and real jsonb values", async () => {
		const user = await createUser(adapter, "raw@example.com");
		const { rows } = await pg!.pool.query(
			`select "createdAt", "emailVerified", pg_typeof("createdAt")::text as date_type,
				jsonb_typeof("testJson") as json_type, "testJson"->>'k' as k, jsonb_typeof("testStrings") as array_type
			from "user" where id = $1`,
			[user.id],
		);
		expect(rows[0]).toEqual({
			createdAt: at,
			emailVerified: true,
			date_type: "timestamp with time zone",
			json_type: "object",
			k: "1",
			array_type: "array",
		});
	});

	it("reads a row as better-auth 1.7 wrote it", async () => {
		await pg!.pool.query(
			`insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt", "testJson", "testStrings")
			values ('ref-pg', 'A', 'ref@pg.com', false, '2026-11-22T17:47:08.595+00:00', now(), '{"k":1}', '["x","y"]')`,
		);
		const user = await adapter.findOne<Row>({ model: "user", where: [{ field: "id", value: "ref-pg" }] });
		expect(user).toMatchObject({
			emailVerified: false,
			createdAt: new Date("2026-11-22T17:47:08.595Z"),
			testJson: { k: 1 },
			testStrings: ["x", "y"],
		});
	});
});

describe.skipIf(!mysql || !mysqlLocal)("stored values on MySQL", () => {
	let adapter: DBAdapter;
	beforeAll(async () => {
		({ adapter } = await setupKysely({ type: "mysql", database: mysql!.pool }, baseTestOptions));
	});

	it("timestamp(3) in UTC, tinyint booleans and JSON documents", async () => {
		const user = await createUser(adapter, "raw@example.com");
		const [rows] = await mysql!.pool.query(
			`select cast(createdAt as char) as created, cast(emailVerified as char) as verified,
				json_type(testJson) as json_type, json_type(testStrings) as array_type
			from user where id = ?`,
			[user.id],
		);
		expect((rows as Row[])[0]).toEqual({
			created: "2030-06-15 23:59:58.123",
			verified: "1",
			json_type: "OBJECT",
			array_type: "ARRAY",
		});
		expect(user.createdAt).toEqual(at);
	});

	it("a Date round-trips to the millisecond with a pool in the process's local time zone", async () => {
		// mysql2's default `timezone: "local"`, in a zone far from UTC: writes and reads must agree.
		const previous = process.env.TZ;
		process.env.TZ = "Asia/Kolkata";
		const pool = createPool({ uri: mysqlLocal!.url, connectionLimit: 2 });
		try {
			const { adapter: local } = await setupKysely({ type: "mysql", database: pool }, baseTestOptions);
			const user = await createUser(local, "local@example.com");
			expect(user.createdAt).toEqual(at);
			const found = await local.findOne<Row>({ model: "user", where: [{ field: "createdAt", value: at }] });
			expect(found?.id).toBe(user.id);
			expect(found?.createdAt).toEqual(at);
			// The pool really wrote local wall time (as better-auth 1.7 does with such a pool).
			const [rows] = await pool.query("select cast(createdAt as char) as created from user where id = ?", [user.id]);
			expect((rows as Row[])[0].created).toBe("2030-06-16 05:29:58.123");
		} finally {
			await pool.end();
			process.env.TZ = previous;
		}
	});

	it("reads a row as better-auth 1.7 wrote it", async () => {
		await mysql!.pool.query(
			`insert into user (id, name, email, emailVerified, createdAt, updatedAt, testJson, testStrings)
			values ('ref-mysql', 'A', 'ref@mysql.com', 0, '2026-11-22 17:47:11.413', '2026-11-22 17:47:11.413', '{"k":1}', '["x","y"]')`,
		);
		const user = await adapter.findOne<Row>({ model: "user", where: [{ field: "id", value: "ref-mysql" }] });
		expect(user).toMatchObject({
			emailVerified: false,
			createdAt: new Date("2026-11-22T17:47:11.413Z"),
			testJson: { k: 1 },
			testStrings: ["x", "y"],
		});
	});
});
