import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { organizationClient } from "../../client/plugins/organization";
import { createClientTestServer } from "../../client/test-utils";
import { createAccessControl } from "../access";
import { defaultStatements } from "./access";
import { organization } from "./index";

const waitFor = async (check: () => boolean) => {
	for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(check()).toBe(true);
};

describe("organizationClient", () => {
	it("calls the endpoints and keeps the atoms current", async () => {
		const server = await createClientTestServer({ plugins: [organization()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [organizationClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.organization.create).toBeFunction();
		expectTypeOf(client.organization.inviteMember).toBeFunction();
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });

		const $list = client.useListOrganizations;
		const $active = client.useActiveOrganization;
		const stopList = $list.subscribe(() => {});
		const stopActive = $active.subscribe(() => {});
		await waitFor(() => !$list.get().isPending && !$active.get().isPending);
		expect($list.get().data).toEqual([]);
		expect($active.get().data).toBeNull();

		const created = await client.organization.create({ name: "Acme", slug: "acme" });
		expect(created.data?.members[0].role).toBe("owner");
		await waitFor(() => ($list.get().data?.length ?? 0) === 1);
		await waitFor(() => $active.get().data?.slug === "acme");
		expect($active.get().data?.members[0].user.email).toBe("a@x.com");

		await client.organization.setActive({ organizationId: null });
		await waitFor(() => $active.get().data === null);
		await client.organization.setActive({ organizationSlug: "acme" });
		await waitFor(() => $active.get().data?.slug === "acme");

		const taken = await client.organization.checkSlug({ slug: "acme" });
		expect(taken.error).toMatchObject({ status: 400, code: "ORGANIZATION_SLUG_ALREADY_TAKEN" });
		expect(client.$ERROR_CODES.ORGANIZATION_SLUG_ALREADY_TAKEN.code).toBe("ORGANIZATION_SLUG_ALREADY_TAKEN");
		const invited = await client.organization.inviteMember({ email: "b@x.com", role: "member" });
		expect(invited.data?.status).toBe("pending");
		await waitFor(() => $active.get().data?.invitations.length === 1);
		const members = await client.organization.listMembers({ query: { limit: 10 } });
		expect(members.data?.total).toBe(1);
		const permission = await client.organization.hasPermission({ permissions: { organization: ["delete"] } });
		expect(permission.data?.success).toBe(true);
		const full = await client.organization.getFullOrganization({ query: { organizationSlug: "acme" } });
		expect(full.data?.slug).toBe("acme");
		stopList();
		stopActive();
	});

	it("checkRolePermission checks roles locally, defaults or your own", () => {
		const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [organizationClient()] });
		const check = client.organization.checkRolePermission;
		expect(check({ role: "owner", permissions: { organization: ["delete"] } })).toBe(true);
		expect(check({ role: "admin", permissions: { organization: ["delete"] } })).toBe(false);
		expect(check({ role: "admin", permissions: { organization: ["update"], member: ["delete"] } })).toBe(true);
		expect(check({ role: "member", permissions: { member: ["create"] } })).toBe(false);
		expect(check({ role: ["member", "owner"], permissions: { organization: ["delete"] } })).toBe(true);
		expect(check({ role: "ghost" as "member", permissions: { member: ["create"] } })).toBe(false);
		// @ts-expect-error "fly" is not an action of member
		check({ role: "owner", permissions: { member: ["fly"] } });

		const ac = createAccessControl({ ...defaultStatements, project: ["create", "delete"] });
		const roles = { lead: ac.newRole({ project: ["create", "delete"] }), dev: ac.newRole({ project: ["create"] }) };
		const custom = createAuthClient({ baseURL: "http://localhost:3000", plugins: [organizationClient({ ac, roles })] });
		expect(custom.organization.checkRolePermission({ role: "lead", permissions: { project: ["delete"] } })).toBe(true);
		expect(custom.organization.checkRolePermission({ role: "dev", permissions: { project: ["delete"] } })).toBe(false);
		expectTypeOf(custom.organization.checkRolePermission)
			.parameter(0)
			.toHaveProperty("role")
			.toEqualTypeOf<"lead" | "dev" | ("lead" | "dev")[]>();
	});
});
