import { describe, expect, it } from "vitest";
import { expectError, setupAdmin } from "./test-helpers";

async function setupList() {
	const instance = await setupAdmin();
	await instance.createUser("carol@example.com");
	await instance.createUser("dave@other.org", "admin,sale");
	const list = async (query = "") => {
		const response = await instance.call(`/admin/list-users${query ? `?${query}` : ""}`);
		return { status: response.status, body: await response.json() };
	};
	const emails = async (query = "") =>
		((await list(query)).body.users as { email: string }[]).map((user) => user.email);
	return { ...instance, list, emails };
}

describe("admin: list-users", () => {
	it("lists every user with the total; limit and offset only when given", async () => {
		const { list } = await setupList();
		const all = await list();
		expect(all.status).toBe(200);
		expect(Object.keys(all.body).sort()).toEqual(["total", "users"]);
		expect(all.body.total).toBe(4);
		expect(all.body.users[0]).toMatchObject({ email: "admin@x.com", role: "admin", banned: false });
		const page = await list("limit=2&offset=1&sortBy=email&sortDirection=desc");
		expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
		expect(page.body.users.map((user: { email: string }) => user.email)).toEqual([
			"dave@other.org",
			"carol@example.com",
		]);
		// 0 means "not given", as in better-auth 1.7.
		expect(Object.keys((await list("limit=0&offset=0")).body).sort()).toEqual(["total", "users"]);
	});

	it("searches email (default) or name, case-insensitively, with each operator", async () => {
		const { emails, list } = await setupList();
		expect(await emails("searchValue=EXAMPLE")).toEqual(["carol@example.com"]);
		expect(await emails("searchValue=car&searchField=name&searchOperator=starts_with")).toEqual(["carol@example.com"]);
		expect(await emails("searchValue=.org&searchField=email&searchOperator=ends_with")).toEqual(["dave@other.org"]);
		expect(await emails("searchValue=zzz")).toEqual([]);
		expect((await list("searchValue=x.com")).body.total).toBe(2);
		expect((await list("searchValue=")).body.total).toBe(4);
	});

	it("filters by any user field, converting the value to the field's type", async () => {
		const { emails, call, user } = await setupList();
		expect(await emails("filterField=role&filterValue=admin")).toEqual(["admin@x.com"]);
		expect(await emails("filterField=role&filterValue=admin&filterOperator=ne")).toHaveLength(3);
		expect(await emails("filterField=role&filterValue=user,admin&filterOperator=in")).toEqual([
			"admin@x.com",
			"user@x.com",
			"carol@example.com",
		]);
		expect(await emails("filterField=role&filterValue=user,admin&filterOperator=not_in")).toEqual(["dave@other.org"]);
		expect(await emails("filterField=email&filterValue=x.com&filterOperator=contains")).toEqual([
			"admin@x.com",
			"user@x.com",
		]);
		await call("/admin/ban-user", { userId: user.id });
		expect(await emails("filterField=banned&filterValue=true")).toEqual(["user@x.com"]);
		expect(await emails("filterField=emailVerified&filterValue=false")).toHaveLength(4);
		expect(await emails("filterField=createdAt&filterValue=2000-01-01&filterOperator=gt")).toHaveLength(4);
		expect(await emails("filterField=createdAt&filterValue=2000-01-01&filterOperator=lt")).toEqual([]);
		// A field without a value filters nothing, as in better-auth 1.7.
		expect(await emails("filterField=role")).toHaveLength(4);
		// Search and filter combine.
		expect(await emails("searchValue=x.com&filterField=role&filterValue=user")).toEqual(["user@x.com"]);
	});

	it("answers 400 to malformed queries", async () => {
		const { list } = await setupList();
		for (const query of [
			"sortDirection=up",
			"searchField=foo&searchValue=x",
			"searchOperator=like&searchValue=x",
			"filterField=name&filterValue=x&filterOperator=like",
			"filterField=nosuch&filterValue=x",
			"filterValue=x",
			"filterField=banned&filterValue=maybe",
			"filterField=createdAt&filterValue=not-a-date",
			"sortBy=nosuch",
			"limit=abc",
			"limit=1.5",
			"limit=-1",
			"offset=-1",
		]) {
			const { status, body } = await list(query);
			expect({ query, status, code: body.code }).toEqual({ query, status: 400, code: "VALIDATION_ERROR" });
		}
	});

	it("is a GET: POST is not a route", async () => {
		const { call } = await setupList();
		expect((await call("/admin/list-users", {})).status).toBe(404);
		await expectError(await call("/admin/list-users", undefined, ""), 401, "UNAUTHORIZED");
	});
});
