import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { adminClient } from "../../client/plugins/admin";
import { createClientTestServer } from "../../client/test-utils";
import { createAccessControl } from "../access";
import { defaultStatements } from "./access";
import { admin } from "./index";

describe("adminClient", () => {
	it("calls the admin endpoints and refreshes the session around impersonation", async () => {
		const server = await createClientTestServer({ emailAndPassword: { enabled: true }, plugins: [admin()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [adminClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.admin.listUsers).toBeFunction();
		expectTypeOf(client.admin.updateUser).toBeFunction();
		expectTypeOf(client.admin.hasPermission).toBeFunction();

		await client.signUp.email({ email: "admin@x.com", password: "password123", name: "Admin" });
		const { data: session } = await client.getSession();
		expect(session?.user.role).toBe("user");
		expectTypeOf<NonNullable<typeof session>["user"]["banned"]>().toEqualTypeOf<boolean | null | undefined>();
		const forbidden = await client.admin.listUsers({ query: { limit: 10 } });
		expect(forbidden.error).toMatchObject({ status: 403, code: "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS" });
		expect(client.$ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS.code).toBe("YOU_ARE_NOT_ALLOWED_TO_LIST_USERS");

		// Promote the signed-in user from the server side, then act as an admin.
		const context = await server.auth.$context;
		await (
			context as unknown as { internalAdapter: { updateUser: (id: string, data: object) => Promise<unknown> } }
		).internalAdapter.updateUser(session?.user.id as string, { role: "admin" });
		const created = await client.admin.createUser({
			email: "u@x.com",
			password: "password123",
			name: "U",
			role: "user",
		});
		expect(created.data?.user).toMatchObject({ email: "u@x.com", role: "user" });
		const listed = await client.admin.listUsers({ query: { searchValue: "u@", limit: 10 } });
		expect(listed.data).toMatchObject({ total: 1, limit: 10 });
		const allowed = await client.admin.hasPermission({ permissions: { user: ["ban"] } });
		expect(allowed.data).toEqual({ error: null, success: true });

		const impersonated = await client.admin.impersonateUser({ userId: created.data?.user.id as string });
		expect(impersonated.data?.session.impersonatedBy).toBe(session?.user.id);
		expect((await client.getSession()).data?.user.email).toBe("u@x.com");
		const stopped = await client.admin.stopImpersonating();
		expect(stopped.data?.user.email).toBe("admin@x.com");
		expect((await client.getSession()).data?.user.email).toBe("admin@x.com");
	});

	it("checkRolePermission checks roles locally, defaults or your own", () => {
		const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [adminClient()] });
		const check = client.admin.checkRolePermission;
		expect(check({ role: "admin", permissions: { user: ["delete"] } })).toBe(true);
		expect(check({ role: "admin", permissions: { user: ["delete"], session: ["revoke"] } })).toBe(true);
		expect(check({ role: "admin", permissions: { user: ["impersonate-admins"] } })).toBe(false);
		expect(check({ role: "user", permissions: { user: ["delete"] } })).toBe(false);
		expect(check({ role: ["user", "admin"], permissions: { user: ["delete"] } })).toBe(true);
		expect(check({ role: "user,admin" as "user", permissions: { user: ["delete"] } })).toBe(true);
		expect(check({ role: "ghost" as "user", permissions: { user: ["delete"] } })).toBe(false);
		expect(check({ role: "admin", permissions: {} })).toBe(false);
		// @ts-expect-error "fly" is not an action of user
		check({ role: "admin", permissions: { user: ["fly"] } });

		const ac = createAccessControl({ ...defaultStatements, project: ["create", "delete"] });
		const roles = { owner: ac.newRole({ project: ["create", "delete"] }), viewer: ac.newRole({ project: ["create"] }) };
		const custom = createAuthClient({ baseURL: "http://localhost:3000", plugins: [adminClient({ ac, roles })] });
		expect(custom.admin.checkRolePermission({ role: "owner", permissions: { project: ["delete"] } })).toBe(true);
		expect(custom.admin.checkRolePermission({ role: "viewer", permissions: { project: ["delete"] } })).toBe(false);
		// Your roles replace the defaults, as on the server.
		expect(custom.admin.checkRolePermission({ role: "admin" as "owner", permissions: { user: ["list"] } })).toBe(false);
		expectTypeOf(custom.admin.checkRolePermission)
			.parameter(0)
			.toHaveProperty("role")
			.toEqualTypeOf<"owner" | "viewer" | ("owner" | "viewer")[]>();
		expectTypeOf(custom.admin.hasPermission).parameter(0).toHaveProperty("permissions").toHaveProperty("project");
	});
});
