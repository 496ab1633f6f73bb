/**
 * MSSQL: no server runs in the tests, so the SQL Kysely compiles for each operation is checked
 * (T-SQL has no LIMIT nor RETURNING, and its default collations ignore case).
 */
import type { CompiledQuery } from "kysely";
import { DummyDriver, Kysely, MssqlAdapter, MssqlIntrospector, MssqlQueryCompiler } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { kyselyAdapter } from ".";

const queries: CompiledQuery[] = [];
const kysely = new Kysely({
	dialect: {
		createAdapter: () => new MssqlAdapter(),
		createDriver: () => new DummyDriver(),
		createIntrospector: (db) => new MssqlIntrospector(db),
		createQueryCompiler: () => new MssqlQueryCompiler(),
	},
	log: (event) => {
		queries.push(event.query);
	},
});
// The type is read from the dialect: no `type` option.
const adapter = kyselyAdapter(kysely)({});
const USER_COLUMNS = `"user"."id", "user"."name", "user"."email", "user"."emailVerified", "user"."image", "user"."createdAt", "user"."updatedAt"`;

describe("kysely adapter SQL on MSSQL", () => {
	beforeEach(() => {
		queries.length = 0;
	});

	it("pages with ORDER BY ... OFFSET ... FETCH NEXT", async () => {
		await adapter.findMany({
			model: "user",
			where: [{ field: "email", value: "a@b.c" }],
			limit: 10,
			offset: 20,
			sortBy: { field: "createdAt", direction: "desc" },
		});
		expect(queries[0].sql).toBe(
			`select ${USER_COLUMNS} from "user" where ("user"."email" = @1 and "user"."email" collate Latin1_General_BIN2 = @2 collate Latin1_General_BIN2) order by "user"."createdAt" desc offset @3 rows fetch next @4 rows only`,
		);
		expect(queries[0].parameters).toEqual(["a@b.c", "a@b.c", 20, 10]);
	});

	it("orders by id when paging without a sort, and uses TOP without an offset", async () => {
		await adapter.findMany({ model: "user", limit: 5, offset: 5 });
		await adapter.findMany({ model: "user", limit: 5 });
		await adapter.findOne({ model: "user", where: [{ field: "name", value: "x", mode: "insensitive" }] });
		expect(queries.map((query) => query.sql)).toEqual([
			`select ${USER_COLUMNS} from "user" order by "user"."id" offset @1 rows fetch next @2 rows only`,
			`select top(5) ${USER_COLUMNS} from "user"`,
			`select top(1) ${USER_COLUMNS} from "user" where lower("user"."name") = lower(@1)`,
		]);
	});

	it("escapes LIKE wildcards, [ included, under a binary collation", async () => {
		await adapter.findMany({ model: "user", where: [{ field: "name", value: "50%_[a]", operator: "contains" }] });
		expect(queries[0].sql).toBe(
			`select top(100) ${USER_COLUMNS} from "user" where "user"."name" collate Latin1_General_BIN2 like @1 escape '!'`,
		);
		expect(queries[0].parameters).toEqual(["%50!%!_![a]%"]);
	});

	it("returns written rows with OUTPUT inserted.*", async () => {
		await adapter.create({ model: "user", data: { name: "n", email: "e@x.y", emailVerified: true } }).catch(() => {});
		await adapter.update({ model: "user", where: [{ field: "id", value: "u1" }], update: { name: "m" } });
		expect(queries[0].sql).toMatch(/^insert into "user" \(.*\) output "inserted"\.\* values \(/);
		// Booleans are stored as bit 0/1.
		expect(queries[0].parameters).toContain(1);
		expect(queries[1].sql).toMatch(/^update "user" set "name" = @1, "updatedAt" = @2 output "inserted"\.\* where /);
	});

	it("uses plural table names with `usePlural`", async () => {
		const plural = kyselyAdapter(kysely, { usePlural: true })({});
		await plural.findOne({ model: "session", where: [{ field: "token", value: "t" }], join: { user: true } });
		expect(queries[0].sql).toMatch(/ from "sessions" left join "users" as "j0" on "j0"\."id" = "sessions"\."userId" /);
	});

	it("joins a session's user in one statement", async () => {
		await adapter.findOne({ model: "session", where: [{ field: "token", value: "t" }], join: { user: true } });
		expect(queries).toHaveLength(1);
		expect(queries[0].sql).toMatch(
			/^select top\(1\) "session"\."id", .* from "session" left join "user" as "j0" on "j0"\."id" = "session"\."userId" where /,
		);
	});
});
