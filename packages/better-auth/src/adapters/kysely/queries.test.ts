/**
 * The SQL the Kysely adapter runs, on every database: joins in one statement, LIKE patterns
 * with escaped wildcards, and exact (case-sensitive) matching where the database's default is not.
 */
import type { DBAdapter } from "@better-auth/core/db";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysqlTestDatabase, postgresTestDatabase } from "../../test-utils/databases";
import { setupKysely, type TestDatabase } from "./test-setup";

const pg = await postgresTestDatabase("kysely_queries");
const mysql = await mysqlTestDatabase("kysely_queries");
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
const email = () => `user-${++counter}-${Math.random().toString(36).slice(2)}@example.com`;

describe.each(databases)("kysely queries on %s", (_name, db) => {
	let adapter: DBAdapter;
	let statements: string[];
	beforeAll(async () => {
		if (!db) return;
		({ adapter, statements } = await setupKysely(db));
	});
	const createUser = (name: string) =>
		adapter.create<Row, { id: string; name: string }>({
			model: "user",
			data: { name, email: email(), emailVerified: false },
		});
	const createSession = (userId: string, token: string) => {
		const now = new Date();
		return adapter.create({
			model: "session",
			data: { userId, token, expiresAt: new Date(now.getTime() + 60_000), createdAt: now, updatedAt: now },
		});
	};

	it.skipIf(!db)("finds a session with its user in one SQL statement", async () => {
		const user = await createUser("Joined");
		const token = `join-${email()}`;
		await createSession(user.id, token);
		statements.length = 0;
		const found = await adapter.findOne<{ token: string; user: { id: string; name: string } }>({
			model: "session",
			where: [{ field: "token", value: token }],
			join: { user: true },
		});
		expect(found?.token).toBe(token);
		expect(found?.user).toMatchObject({ id: user.id, name: "Joined" });
		expect(statements).toHaveLength(1);
		expect(statements[0]).toMatch(/left join/i);
	});

	it.skipIf(!db)("one-to-many joins keep `limit` rows per parent, in one extra statement", async () => {
		const busy = await createUser("Busy");
		const quiet = await createUser("Quiet");
		for (let i = 0; i < 4; i++) await createSession(busy.id, `busy-${i}-${email()}`);
		await createSession(quiet.id, `quiet-${email()}`);
		statements.length = 0;
		const users = await adapter.findMany<{ id: string; session: Array<{ userId: string }> }>({
			model: "user",
			where: [{ field: "id", value: [busy.id, quiet.id], operator: "in" }],
			join: { session: { limit: 2 } },
		});
		expect(statements).toHaveLength(2);
		const byId = new Map(users.map((user) => [user.id, user.session]));
		expect(byId.get(busy.id)).toHaveLength(2);
		expect(byId.get(quiet.id)).toHaveLength(1);
		for (const [id, sessions] of byId) for (const session of sessions) expect(session.userId).toBe(id);
	});

	describe("LIKE patterns", () => {
		const names = ["100% sure", "1000 sure", "a_b", "axb", "wow!", "[x]y", "xy", "😀abc", "Case"];
		let group: string;
		beforeAll(async () => {
			if (!db) return;
			group = `like-${email()}`;
			for (const name of names) {
				await adapter.create({
					model: "user",
					data: { name: `${name}`, email: `${group}-${names.indexOf(name)}@example.com`, emailVerified: false },
				});
			}
		});
		const find = async (operator: "contains" | "starts_with" | "ends_with", value: string, insensitive = false) => {
			const rows = await adapter.findMany<{ name: string }>({
				model: "user",
				where: [
					{ field: "email", value: `${group}-`, operator: "starts_with" },
					{ field: "name", value, operator, mode: insensitive ? "insensitive" : "sensitive" },
				],
			});
			return rows.map((row) => row.name).sort();
		};

		it.skipIf(!db)("treats %, _, ! and [ as literal characters", async () => {
			expect(await find("contains", "0%")).toEqual(["100% sure"]);
			expect(await find("contains", "_")).toEqual(["a_b"]);
			expect(await find("starts_with", "a_")).toEqual(["a_b"]);
			expect(await find("ends_with", "!")).toEqual(["wow!"]);
			expect(await find("starts_with", "[x]")).toEqual(["[x]y"]);
			expect(await find("ends_with", "% sure")).toEqual(["100% sure"]);
		});

		it.skipIf(!db)("matches case-sensitively unless insensitive", async () => {
			expect(await find("starts_with", "case")).toEqual([]);
			expect(await find("starts_with", "case", true)).toEqual(["Case"]);
			expect(await find("contains", "AS", true)).toEqual(["Case"]);
			expect(await find("ends_with", "ASE")).toEqual([]);
		});

		it.skipIf(!db)("counts characters, not UTF-16 units", async () => {
			expect(await find("starts_with", "😀a")).toEqual(["😀abc"]);
			expect(await find("ends_with", "😀abc")).toEqual(["😀abc"]);
		});
	});

	it.skipIf(!db)("equality and in are exact for strings unless insensitive", async () => {
		const user = await createUser("Exact");
		const upper = user.name.toUpperCase();
		const find = (where: Parameters<DBAdapter["findMany"]>[0]["where"]) =>
			adapter.findMany({ model: "user", where: [{ field: "id", value: user.id }, ...(where ?? [])] });
		expect(await find([{ field: "name", value: upper }])).toHaveLength(0);
		expect(await find([{ field: "name", value: "Exact " }])).toHaveLength(0);
		expect(await find([{ field: "name", value: upper, mode: "insensitive" }])).toHaveLength(1);
		expect(await find([{ field: "name", value: [upper], operator: "in" }])).toHaveLength(0);
		expect(await find([{ field: "name", value: [upper], operator: "in", mode: "insensitive" }])).toHaveLength(1);
		expect(await find([{ field: "name", value: upper, operator: "ne" }])).toHaveLength(1);
		expect(await find([{ field: "name", value: [upper], operator: "not_in" }])).toHaveLength(1);
		expect(await find([{ field: "name", value: [], operator: "not_in" }])).toHaveLength(1);
	});

	it.skipIf(!db)("update reads the row back even when it changes a column the where reads", async () => {
		const user = await createUser("Before");
		const next = email();
		const updated = await adapter.update<{ id: string; email: string }>({
			model: "user",
			where: [
				{ field: "name", value: "Before" },
				{ field: "id", value: user.id },
			],
			update: { name: "After", email: next },
		});
		expect(updated).toMatchObject({ id: user.id, email: next });
		const unchanged = await adapter.update<{ id: string; name: string }>({
			model: "user",
			where: [{ field: "id", value: user.id }],
			update: { name: "After" },
		});
		expect(unchanged?.name).toBe("After");
	});
});
