/**
 * The adapter conformance suite: one set of behaviours every adapter must show.
 * Tests never assume empty tables: each one creates rows with values unique to it.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import type { DBAdapter } from "@better-auth/core/db";
import { beforeAll, describe, expect, test } from "vitest";
import { baseTestOptions, customNameTestOptions } from "./options";

export type GetAdapter = (options?: Partial<BetterAuthOptions>) => Promise<DBAdapter>;

type Row = Record<string, unknown>;
interface UserRow extends Row {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean;
	createdAt: Date;
	updatedAt: Date;
}

let counter = 0;
/** A value no other test (nor an earlier run on the same database) uses. */
export function unique(label: string): string {
	counter++;
	return `${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function createUser(adapter: DBAdapter, data: Row = {}): Promise<UserRow> {
	const tag = unique("user");
	return adapter.create<Row, UserRow>({
		model: "user",
		data: {
			name: `Name ${tag}`,
			email: `${tag}@example.com`,
			emailVerified: false,
			...data,
		},
	});
}

export function createSession(adapter: DBAdapter, userId: string, data: Row = {}): Promise<Row> {
	const now = new Date();
	return adapter.create({
		model: "session",
		data: {
			userId,
			token: unique("token"),
			expiresAt: new Date(now.getTime() + 60_000),
			createdAt: now,
			updatedAt: now,
			...data,
		},
	});
}

export interface AdapterTestOptions {
	getAdapter: GetAdapter;
	/** Names of tests to leave out (for an adapter that documents a limitation). */
	disableTests?: Partial<Record<string, boolean>>;
}

export function runAdapterTest({ getAdapter, disableTests = {} }: AdapterTestOptions): void {
	const it = (name: string, fn: () => Promise<void>) => {
		if (!disableTests[name]) test(name, fn);
	};
	let adapter: DBAdapter;
	beforeAll(async () => {
		adapter = await getAdapter(baseTestOptions);
	});

	describe("create and find", () => {
		it("create generates an id and applies defaults", async () => {
			const user = await createUser(adapter);
			expect(typeof user.id).toBe("string");
			expect(user.id.length).toBeGreaterThan(0);
			expect(user.createdAt).toBeInstanceOf(Date);
			expect(user.testDefault).toBe("default-value");
			expect(user.image).toBeNull();
		});

		it("create keeps a given id with forceAllowId", async () => {
			const id = unique("id").replace(/-/g, "").slice(0, 30);
			const user = await adapter.create<Row, UserRow>({
				model: "user",
				data: {
					id,
					name: "Forced",
					email: `${unique("forced")}@example.com`,
					emailVerified: true,
				},
				forceAllowId: true,
			});
			expect(user.id).toBe(id);
			const found = await adapter.findOne<UserRow>({
				model: "user",
				where: [{ field: "id", value: id }],
			});
			expect(found?.emailVerified).toBe(true);
		});

		it("create without a required field throws", async () => {
			await expect(adapter.create({ model: "user", data: { name: "No email" } })).rejects.toThrow();
		});

		it("create with a duplicate unique value throws", async () => {
			const user = await createUser(adapter);
			await expect(createUser(adapter, { email: user.email })).rejects.toThrow();
		});

		it("findOne by id, by unique field, and none", async () => {
			const user = await createUser(adapter);
			const byId = await adapter.findOne<UserRow>({
				model: "user",
				where: [{ field: "id", value: user.id }],
			});
			expect(byId).toEqual(user);
			const byEmail = await adapter.findOne<UserRow>({
				model: "user",
				where: [{ field: "email", value: user.email }],
			});
			expect(byEmail?.id).toBe(user.id);
			const none = await adapter.findOne({
				model: "user",
				where: [{ field: "email", value: unique("missing") }],
			});
			expect(none).toBeNull();
		});

		it("findOne with select returns only the selected fields", async () => {
			const user = await createUser(adapter);
			const found = await adapter.findOne<Row>({
				model: "user",
				where: [{ field: "id", value: user.id }],
				select: ["email", "name"],
			});
			expect(found).toEqual({ email: user.email, name: user.name });
		});

		it("every field type round-trips exactly", async () => {
			const date = new Date("2024-02-29T12:34:56.789Z");
			const values = {
				testNumber: 42,
				testBigint: 9_007_199_254_740_000,
				testBoolean: true,
				testDate: date,
				testJson: { nested: { list: [1, "two", null], flag: false } },
				testStrings: ["a", "b,c", 'd"e'],
				testNumbers: [1, 2.5, -3],
			};
			const user = await createUser(adapter, values);
			const found = await adapter.findOne<Row>({
				model: "user",
				where: [{ field: "id", value: user.id }],
			});
			for (const [key, value] of Object.entries(values)) {
				expect(found?.[key], key).toEqual(value);
			}
			expect(user.testDate).toEqual(date);
			const falsy = await createUser(adapter, {
				testBoolean: false,
				testNumber: 0,
			});
			expect(falsy.testBoolean).toBe(false);
			expect(falsy.testNumber).toBe(0);
		});
	});

	describe("findMany", () => {
		let group: string;
		let users: UserRow[];
		beforeAll(async () => {
			group = unique("group");
			users = [];
			for (let i = 0; i < 5; i++) {
				users.push(
					await createUser(adapter, {
						name: `${group} ${String.fromCharCode(97 + i)}`,
						email: `${group}-${i}@Example.COM`.toLowerCase(),
						testNumber: i * 10,
						testDate: new Date(Date.UTC(2024, 0, 1 + i)),
						testBoolean: i % 2 === 0,
					}),
				);
			}
		});
		const ids = (rows: Row[]) => rows.map((row) => row.id).sort();
		const expectIds = (rows: Row[], indexes: number[]) =>
			expect(ids(rows)).toEqual(indexes.map((i) => users[i].id).sort());
		const find = (where: Parameters<DBAdapter["findMany"]>[0]["where"]) =>
			adapter.findMany<Row>({
				model: "user",
				where: [inGroupOf(group), ...(where ?? [])],
			});

		it("eq, ne, lt, lte, gt, gte on numbers", async () => {
			expectIds(await find([{ field: "testNumber", value: 20 }]), [2]);
			expectIds(await find([{ field: "testNumber", value: 20, operator: "ne" }]), [0, 1, 3, 4]);
			expectIds(await find([{ field: "testNumber", value: 20, operator: "lt" }]), [0, 1]);
			expectIds(await find([{ field: "testNumber", value: 20, operator: "lte" }]), [0, 1, 2]);
			expectIds(await find([{ field: "testNumber", value: 20, operator: "gt" }]), [3, 4]);
			expectIds(await find([{ field: "testNumber", value: 20, operator: "gte" }]), [2, 3, 4]);
		});

		it("comparisons on dates and booleans", async () => {
			expectIds(
				await find([
					{
						field: "testDate",
						value: new Date(Date.UTC(2024, 0, 3)),
						operator: "gt",
					},
				]),
				[3, 4],
			);
			expectIds(await find([{ field: "testBoolean", value: true }]), [0, 2, 4]);
		});

		it("in and not_in", async () => {
			expectIds(await find([{ field: "testNumber", value: [0, 40], operator: "in" }]), [0, 4]);
			expectIds(await find([{ field: "id", value: [users[1].id, users[3].id], operator: "in" }]), [1, 3]);
			expectIds(await find([{ field: "testNumber", value: [0, 40], operator: "not_in" }]), [1, 2, 3]);
			expectIds(await find([{ field: "testNumber", value: [], operator: "in" }]), []);
		});

		it("contains, starts_with, ends_with", async () => {
			expectIds(await find([{ field: "email", value: "-3@", operator: "contains" }]), [3]);
			// Case-sensitive unless asked otherwise (SQLite's LIKE and MySQL's collations ignore case).
			expectIds(await find([{ field: "email", value: "-3@EXAMPLE", operator: "contains" }]), []);
			expectIds(
				await find([
					{
						field: "email",
						value: "-3@EXAMPLE",
						operator: "contains",
						mode: "insensitive",
					},
				]),
				[3],
			);
			expectIds(await find([{ field: "email", value: `${group}-1`, operator: "starts_with" }]), [1]);
			expectIds(await find([{ field: "name", value: " e", operator: "ends_with" }]), [4]);
			expectIds(await find([{ field: "name", value: "%", operator: "contains" }]), []);
			expectIds(await find([{ field: "name", value: "_", operator: "contains" }]), []);
		});

		it("insensitive mode", async () => {
			const upper = users[2].email.toUpperCase();
			expectIds(await find([{ field: "email", value: upper }]), []);
			expectIds(await find([{ field: "email", value: upper, mode: "insensitive" }]), [2]);
			expectIds(
				await find([
					{
						field: "name",
						value: " C",
						operator: "ends_with",
						mode: "insensitive",
					},
				]),
				[2],
			);
		});

		it("OR connectors form one group joined to the AND conditions", async () => {
			const rows = await find([
				{ field: "testNumber", value: 0, connector: "OR" },
				{ field: "testNumber", value: 40, connector: "OR" },
			]);
			expectIds(rows, [0, 4]);
			const mixed = await find([
				{ field: "testBoolean", value: true },
				{ field: "testNumber", value: 0, connector: "OR" },
				{ field: "testNumber", value: 10, connector: "OR" },
			]);
			expectIds(mixed, [0]);
		});

		it("null equality", async () => {
			expectIds(await find([{ field: "image", value: null }]), [0, 1, 2, 3, 4]);
			expectIds(await find([{ field: "image", value: null, operator: "ne" }]), []);
		});

		it("sortBy on strings, numbers and dates", async () => {
			const byName = await adapter.findMany<Row>({
				model: "user",
				where: [inGroupOf(group)],
				sortBy: { field: "name", direction: "desc" },
			});
			expect(byName.map((row) => row.id)).toEqual([...users].reverse().map((user) => user.id));
			const byNumber = await adapter.findMany<Row>({
				model: "user",
				where: [inGroupOf(group)],
				sortBy: { field: "testNumber", direction: "asc" },
			});
			expect(byNumber.map((row) => row.id)).toEqual(users.map((user) => user.id));
			const byDate = await adapter.findMany<Row>({
				model: "user",
				where: [inGroupOf(group)],
				sortBy: { field: "testDate", direction: "desc" },
			});
			expect(byDate[0].id).toBe(users[4].id);
		});

		it("limit and offset paginate", async () => {
			const page = (offset: number) =>
				adapter.findMany<Row>({
					model: "user",
					where: [inGroupOf(group)],
					sortBy: { field: "testNumber", direction: "asc" },
					limit: 2,
					offset,
				});
			expect((await page(0)).map((row) => row.id)).toEqual([users[0].id, users[1].id]);
			expect((await page(2)).map((row) => row.id)).toEqual([users[2].id, users[3].id]);
			expect((await page(4)).map((row) => row.id)).toEqual([users[4].id]);
		});

		it("count with and without where", async () => {
			expect(await adapter.count({ model: "user", where: [inGroupOf(group)] })).toBe(5);
			expect(
				await adapter.count({
					model: "user",
					where: [inGroupOf(group), { field: "testBoolean", value: false }],
				}),
			).toBe(2);
			expect(await adapter.count({ model: "user" })).toBeGreaterThanOrEqual(5);
		});
	});

	describe("update and delete", () => {
		it("update returns the full row and refreshes updatedAt", async () => {
			const user = await createUser(adapter, {
				createdAt: new Date(Date.now() - 60_000),
				updatedAt: new Date(Date.now() - 60_000),
			});
			const updated = await adapter.update<UserRow>({
				model: "user",
				where: [{ field: "id", value: user.id }],
				update: { name: "Renamed", emailVerified: true },
			});
			expect(updated).toMatchObject({
				id: user.id,
				name: "Renamed",
				email: user.email,
				emailVerified: true,
			});
			expect(updated!.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());
		});

		it("update with no match returns null", async () => {
			const result = await adapter.update({
				model: "user",
				where: [{ field: "email", value: unique("none") }],
				update: { name: "x" },
			});
			expect(result).toBeNull();
		});

		it("updateMany and deleteMany return counts", async () => {
			const group = unique("many");
			for (let i = 0; i < 3; i++) await createUser(adapter, { name: `${group} ${i}` });
			const where = [inGroupOf(group)];
			expect(
				await adapter.updateMany({
					model: "user",
					where,
					update: { emailVerified: true },
				}),
			).toBe(3);
			expect(
				await adapter.count({
					model: "user",
					where: [...where, { field: "emailVerified", value: true }],
				}),
			).toBe(3);
			expect(await adapter.deleteMany({ model: "user", where })).toBe(3);
			expect(await adapter.count({ model: "user", where })).toBe(0);
		});

		it("delete removes one row", async () => {
			const user = await createUser(adapter);
			await adapter.delete({
				model: "user",
				where: [{ field: "id", value: user.id }],
			});
			expect(
				await adapter.findOne({
					model: "user",
					where: [{ field: "id", value: user.id }],
				}),
			).toBeNull();
		});
	});

	describe("joins", () => {
		it("session with its user (one-to-one)", async () => {
			const user = await createUser(adapter);
			const session = await createSession(adapter, user.id);
			const found = await adapter.findOne<Row & { user: UserRow }>({
				model: "session",
				where: [{ field: "token", value: session.token as string }],
				join: { user: true },
			});
			expect(found?.id).toBe(session.id);
			expect(found?.user).toEqual(user);
		});

		it("user with its sessions (one-to-many, limited)", async () => {
			const user = await createUser(adapter);
			const tokens = [];
			for (let i = 0; i < 3; i++) tokens.push((await createSession(adapter, user.id)).token);
			const found = await adapter.findOne<Row & { session: Row[] }>({
				model: "user",
				where: [{ field: "id", value: user.id }],
				join: { session: true },
			});
			expect(found?.session.map((s) => s.token).sort()).toEqual([...tokens].sort());
			const limited = await adapter.findOne<Row & { session: Row[] }>({
				model: "user",
				where: [{ field: "id", value: user.id }],
				join: { session: { limit: 2 } },
			});
			expect(limited?.session).toHaveLength(2);
			const lonely = await createUser(adapter);
			const none = await adapter.findOne<Row & { session: Row[] }>({
				model: "user",
				where: [{ field: "id", value: lonely.id }],
				join: { session: true },
			});
			expect(none?.session).toEqual([]);
		});

		it("findMany with a join", async () => {
			const a = await createUser(adapter);
			const b = await createUser(adapter);
			await createSession(adapter, a.id);
			await createSession(adapter, b.id);
			const sessions = await adapter.findMany<Row & { user: UserRow }>({
				model: "session",
				where: [{ field: "userId", value: [a.id, b.id], operator: "in" }],
				join: { user: true },
			});
			expect(sessions).toHaveLength(2);
			for (const session of sessions) expect(session.user.id).toBe(session.userId);
		});
	});

	describe("transactions", () => {
		it("commits every write", async () => {
			const email = `${unique("trx")}@example.com`;
			await adapter.transaction(async (trx) => {
				const user = await createUser(trx as DBAdapter, { email });
				await createSession(trx as DBAdapter, user.id);
			});
			expect(
				await adapter.findOne({
					model: "user",
					where: [{ field: "email", value: email }],
				}),
			).not.toBeNull();
		});

		it("rolls back every write when the callback throws", async () => {
			const email = `${unique("rollback")}@example.com`;
			const existing = await createUser(adapter);
			await expect(
				adapter.transaction(async (trx) => {
					await createUser(trx as DBAdapter, { email });
					await trx.update({
						model: "user",
						where: [{ field: "id", value: existing.id }],
						update: { name: "Changed" },
					});
					throw new Error("abort");
				}),
			).rejects.toThrow("abort");
			expect(
				await adapter.findOne({
					model: "user",
					where: [{ field: "email", value: email }],
				}),
			).toBeNull();
			const after = await adapter.findOne<UserRow>({
				model: "user",
				where: [{ field: "id", value: existing.id }],
			});
			expect(after?.name).toBe(existing.name);
		});
	});

	describe("concurrency", () => {
		it("parallel updates of distinct rows are all applied", async () => {
			const users = await Promise.all(Array.from({ length: 20 }, () => createUser(adapter)));
			await Promise.all(
				users.map((user, i) =>
					adapter.update({
						model: "user",
						where: [{ field: "id", value: user.id }],
						update: { testNumber: i },
					}),
				),
			);
			const rows = await adapter.findMany<Row>({
				model: "user",
				where: [{ field: "id", value: users.map((u) => u.id), operator: "in" }],
			});
			const byId = new Map(rows.map((row) => [row.id, row.testNumber]));
			for (const [i, user] of users.entries()) expect(byId.get(user.id)).toBe(i);
		});

		it("parallel creates of one unique email: exactly one wins", async () => {
			const email = `${unique("race")}@example.com`;
			const results = await Promise.allSettled(Array.from({ length: 10 }, () => createUser(adapter, { email })));
			expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
			expect(
				await adapter.count({
					model: "user",
					where: [{ field: "email", value: email }],
				}),
			).toBe(1);
		});

		it("deleteMany racing findMany does not fail", async () => {
			const group = unique("race-delete");
			await Promise.all(Array.from({ length: 10 }, (_, i) => createUser(adapter, { name: `${group} ${i}` })));
			const where = [inGroupOf(group)];
			const [deleted] = await Promise.all([
				adapter.deleteMany({ model: "user", where }),
				adapter.findMany({ model: "user", where }),
				adapter.count({ model: "user", where }),
			]);
			expect(deleted).toBe(10);
		});
	});

	describe("custom table and column names", () => {
		let custom: DBAdapter;
		beforeAll(async () => {
			custom = await getAdapter(customNameTestOptions);
		});

		it("reads and writes through the renamed table and columns with logical names", async () => {
			const user = await createUser(custom);
			expect(user.email).toContain("@example.com");
			const found = await custom.findOne<UserRow>({
				model: "user",
				where: [{ field: "email", value: user.email }],
			});
			expect(found?.name).toBe(user.name);
			const session = await createSession(custom, user.id);
			const joined = await custom.findOne<Row & { user: UserRow }>({
				model: "session",
				where: [{ field: "token", value: session.token as string }],
				join: { user: true },
			});
			expect(joined?.user.email).toBe(user.email);
			expect(
				await custom.findOne({
					model: "custom_user",
					where: [{ field: "id", value: user.id }],
				}),
			).not.toBeNull();
		});
	});
}

function inGroupOf(group: string) {
	return { field: "name", value: group, operator: "starts_with" } as const;
}
