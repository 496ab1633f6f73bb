import type { BetterAuthOptions } from "@better-auth/core";
import { getAuthTables } from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { describe, expect, test } from "vitest";
import { betterAuth } from "../../auth";
import { baseTestOptions, runAdapterTest, runNumberIdAdapterTest } from "../test";
import { prismaAdapter, toPrismaWhere } from ".";
import { createFakePrismaClient, type FakeModel } from "./fake-prisma";

/** The fake client a `schema.prisma` generated for `options` would give: one delegate per table. */
function fakeClientFor(options: Partial<BetterAuthOptions>) {
	const database = options.advanced?.database;
	const autoincrement = database?.generateId === "serial" || Boolean(database?.useNumberId);
	const models: Record<string, FakeModel> = {};
	for (const [key, model] of Object.entries(getAuthTables(options as BetterAuthOptions))) {
		const name = model.modelName ?? key;
		const fields = Object.entries(model.fields);
		models[name.charAt(0).toLowerCase() + name.slice(1)] = {
			fields: ["id", ...fields.map(([fieldKey, field]) => field.fieldName ?? fieldKey)],
			unique: fields.filter(([, field]) => field.unique).map(([fieldKey, field]) => field.fieldName ?? fieldKey),
			autoincrement,
		};
	}
	return createFakePrismaClient(models);
}

const getAdapter = async (options: Partial<BetterAuthOptions> = {}) =>
	prismaAdapter(fakeClientFor(options), { provider: "postgresql", transaction: true })(options as BetterAuthOptions);

describe("prisma adapter (fake client)", () => {
	runAdapterTest({ getAdapter });
});

describe("prisma adapter (fake client), numeric ids", () => {
	runNumberIdAdapterTest({ getAdapter });
});

describe("prisma adapter (fake client), sqlite: arrays as text", () => {
	runAdapterTest({
		getAdapter: async (options = {}) =>
			prismaAdapter(fakeClientFor(options), { provider: "sqlite", transaction: true })(options as BetterAuthOptions),
		// Prisma on SQLite has no `mode: "insensitive"` (its LIKE already ignores ASCII case): see docs/adapters-orm.md.
		disableTests: { "contains, starts_with, ends_with": true, "insensitive mode": true },
	});

	test("JSON (everywhere, as 1.7) and arrays (on SQLite) reach the client as JSON text", async () => {
		const client = fakeClientFor(baseTestOptions);
		const adapter = prismaAdapter(client, { provider: "sqlite" })(baseTestOptions);
		await adapter.create({
			model: "user",
			data: { name: "J", email: "j@example.com", emailVerified: false, testJson: { a: 1 }, testStrings: ["x"] },
		});
		expect(client.$store.get("user")?.[0]).toMatchObject({ testJson: '{"a":1}', testStrings: '["x"]' });
	});
});

describe("the fake Prisma client is strict like Prisma", () => {
	const client = () =>
		createFakePrismaClient({ user: { fields: ["id", "email", "image"], unique: ["email"] } }) as Record<
			string,
			// biome-ignore lint/suspicious/noExplicitAny: exercising the delegate directly.
			any
		>;

	test("unknown fields and filter keys throw", async () => {
		const prisma = client();
		await expect(prisma.user.create({ data: { id: "1", nope: 1 } })).rejects.toThrow(/Unknown argument/);
		await expect(prisma.user.findFirst({ where: { nope: 1 } })).rejects.toThrow(/Unknown argument/);
		await expect(prisma.user.findFirst({ where: { email: { like: "a" } } })).rejects.toThrow(/Unknown argument/);
	});

	test("update and delete need a unique filter and a match; unique fields are enforced", async () => {
		const prisma = client();
		await prisma.user.create({ data: { id: "1", email: "a@x" } });
		await expect(prisma.user.update({ where: { image: null }, data: { email: "b" } })).rejects.toThrow(/unique/);
		await expect(prisma.user.delete({ where: { id: "2" } })).rejects.toMatchObject({ code: "P2025" });
		await expect(prisma.user.create({ data: { id: "3", email: "a@x" } })).rejects.toMatchObject({ code: "P2002" });
	});

	test("`not` excludes NULL rows, as SQL does", async () => {
		const prisma = client();
		await prisma.user.create({ data: { id: "1", email: "a", image: null } });
		await prisma.user.create({ data: { id: "2", email: "b", image: "x" } });
		expect(await prisma.user.count({ where: { image: { not: "y" } } })).toBe(1);
		expect(await prisma.user.count({ where: { image: { not: null } } })).toBe(1);
		expect(await prisma.user.count({ where: { OR: [] } })).toBe(0);
	});
});

describe("prisma adapter: where translation", () => {
	const cond = (extra: Record<string, unknown>) =>
		({ field: "email", value: "a", operator: "eq", connector: "AND", mode: "sensitive", ...extra }) as never;

	test("AND conditions and one OR group", () => {
		expect(
			toPrismaWhere(
				[
					cond({}),
					cond({ field: "n", value: 1, operator: "gt", connector: "OR" }),
					cond({ field: "n", value: [2, 3], operator: "in", connector: "OR" }),
				],
				"postgresql",
			),
		).toEqual({
			AND: [{ email: { equals: "a" } }, { OR: [{ n: { gt: 1 } }, { n: { in: [2, 3] } }] }],
		});
	});

	test("null, ne and not_in", () => {
		expect(toPrismaWhere([cond({ value: null })], "postgresql")).toEqual({ email: null });
		expect(toPrismaWhere([cond({ value: null, operator: "ne" })], "postgresql")).toEqual({ email: { not: null } });
		expect(toPrismaWhere([cond({ operator: "ne" })], "postgresql")).toEqual({ email: { not: { equals: "a" } } });
		expect(toPrismaWhere([cond({ value: ["a"], operator: "not_in" })], "postgresql")).toEqual({
			email: { notIn: ["a"] },
		});
	});

	test('mode: "insensitive" only where Prisma accepts it', () => {
		const where = [cond({ operator: "contains", mode: "insensitive" })];
		expect(toPrismaWhere(where, "postgresql")).toEqual({ email: { contains: "a", mode: "insensitive" } });
		expect(toPrismaWhere(where, "sqlite")).toEqual({ email: { contains: "a" } });
		expect(toPrismaWhere([cond({ field: "n", value: 1, mode: "insensitive" })], "postgresql")).toEqual({
			n: { equals: 1 },
		});
	});
});

describe("prisma adapter: configuration errors", () => {
	test("a model missing from the client is a BetterAuthError naming it", async () => {
		const client = fakeClientFor({});
		const { session: _dropped, ...withoutSession } = client as Record<string, unknown>;
		const adapter = prismaAdapter(withoutSession, { provider: "postgresql" })({});
		const error = await adapter
			.findOne({ model: "session", where: [{ field: "token", value: "x" }] })
			.catch((e: Error) => e);
		expect(error).toBeInstanceOf(BetterAuthError);
		expect((error as Error).message).toContain('"session"');
	});

	test("a missing provider is a BetterAuthError", () => {
		expect(() => prismaAdapter({}, {} as never)).toThrow(BetterAuthError);
	});

	test("usePlural reads the plural delegates", async () => {
		const client = fakeClientFor({ user: { modelName: "users" } });
		const adapter = prismaAdapter(client, { provider: "postgresql", usePlural: true })({});
		await adapter.create({ model: "user", data: { name: "P", email: "p@example.com", emailVerified: false } });
		expect(client.$store.get("users")).toHaveLength(1);
	});

	test("without `transaction: true` (the default, as in 1.7) the callback runs without $transaction", async () => {
		const client = fakeClientFor({});
		let calls = 0;
		const spy = { ...client, $transaction: () => calls++ };
		const adapter = prismaAdapter(spy, { provider: "postgresql" })({});
		await adapter.transaction(async (trx) =>
			trx.create({ model: "user", data: { name: "T", email: "t@example.com", emailVerified: false } }),
		);
		expect(calls).toBe(0);
		expect(client.$store.get("user")).toHaveLength(1);
	});

	test("the outer adapter used inside a transaction callback joins the transaction", async () => {
		const client = fakeClientFor({});
		const adapter = prismaAdapter(client, { provider: "postgresql", transaction: true })({});
		await expect(
			adapter.transaction(async () => {
				await adapter.create({ model: "user", data: { name: "O", email: "o@example.com", emailVerified: false } });
				throw new Error("abort");
			}),
		).rejects.toThrow("abort");
		expect(client.$store.get("user")).toHaveLength(0);
	});
});

describe("prisma adapter: betterAuth end to end (fake client)", () => {
	test("sign up, sign in and get-session", async () => {
		const base = {
			baseURL: "http://localhost:3000",
			secret: "better-auth-test-secret-0123456789",
			emailAndPassword: { enabled: true },
			logger: { disabled: true },
		} satisfies BetterAuthOptions;
		const client = fakeClientFor(base);
		const auth = betterAuth({ ...base, database: prismaAdapter(client, { provider: "sqlite" }) });
		const post = (path: string, body: unknown) =>
			auth.handler(
				new Request(`http://localhost:3000/api/auth${path}`, {
					method: "POST",
					headers: { "content-type": "application/json", origin: "http://localhost:3000" },
					body: JSON.stringify(body),
				}),
			);
		expect(
			(await post("/sign-up/email", { email: "e2e@example.com", password: "password123", name: "E" })).status,
		).toBe(200);
		const signIn = await post("/sign-in/email", { email: "e2e@example.com", password: "password123" });
		expect(signIn.status).toBe(200);
		const cookie = signIn.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const session = await auth.handler(
			new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }),
		);
		expect(((await session.json()) as { user: { email: string } }).user.email).toBe("e2e@example.com");
		expect(client.$store.get("session")).toHaveLength(2);
	});
});
