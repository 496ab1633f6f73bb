import { describe, expect, it, vi } from "vitest";
import { expectError, setupOrganization } from "./test-helpers";

describe("organization: create, read, update, delete", () => {
	it("creates an organization with its creator as owner and makes it active", async () => {
		const { user, call, rows } = await setupOrganization();
		const a = await user("a");
		const created = await call("/organization/create", a, {
			name: "Acme",
			slug: "acme",
			logo: "https://x/logo.png",
			metadata: { plan: "pro" },
		});
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ name: "Acme", slug: "acme", metadata: { plan: "pro" } });
		expect(created.body.members).toEqual([expect.objectContaining({ userId: a.id, role: "owner" })]);
		expect(rows("select metadata from organization")[0].metadata).toBe('{"plan":"pro"}');
		const session = await call("/get-session", a);
		expect(session.body.session.activeOrganizationId).toBe(created.body.id);
	});

	it("refuses duplicate slugs, bad input and missing sessions", async () => {
		const { user, call, createOrg } = await setupOrganization();
		const a = await user("a");
		await createOrg(a, "acme");
		expectError(await call("/organization/create", a, { name: "X", slug: "acme" }), 400, "ORGANIZATION_ALREADY_EXISTS");
		expectError(await call("/organization/create", a, { name: 5, slug: "x" }), 400, "VALIDATION_ERROR");
		expectError(await call("/organization/create", a, { name: "", slug: "" }), 400, "VALIDATION_ERROR");
		expectError(
			await call("/organization/create", a, { name: "X", slug: "x", metadata: "no" }),
			400,
			"VALIDATION_ERROR",
		);
		expectError(await call("/organization/create", undefined, { name: "X", slug: "x" }), 401, "UNAUTHORIZED");
		expectError(await call("/organization/check-slug", a, { slug: "acme" }), 400, "ORGANIZATION_SLUG_ALREADY_TAKEN");
		expect((await call("/organization/check-slug", a, { slug: "free" })).body).toEqual({ status: true });
		expectError(await call("/organization/check-slug", undefined, { slug: "free" }), 401, "UNAUTHORIZED");
	});

	it("keeps the active organization when asked to", async () => {
		const { user, call, createOrg } = await setupOrganization();
		const a = await user("a");
		const first = await createOrg(a, "one");
		await call("/organization/create", a, { name: "Two", slug: "two", keepCurrentActiveOrganization: true });
		expect((await call("/get-session", a)).body.session.activeOrganizationId).toBe(first.id);
	});

	it("applies allowUserToCreateOrganization and organizationLimit", async () => {
		const closed = await setupOrganization({ allowUserToCreateOrganization: async (u) => u.email !== "a@x.com" });
		const a = await closed.user("a");
		const b = await closed.user("b");
		expectError(
			await closed.call("/organization/create", a, { name: "A", slug: "a" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_ORGANIZATION",
		);
		expect((await closed.call("/organization/create", b, { name: "B", slug: "b" })).status).toBe(200);

		const limited = await setupOrganization({ organizationLimit: 1 });
		const c = await limited.user("c");
		await limited.createOrg(c, "c1");
		expectError(
			await limited.call("/organization/create", c, { name: "C2", slug: "c2" }),
			403,
			"YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS",
		);
	});

	it("creates for a user from the server, and runs the creation hooks", async () => {
		const beforeCreateOrganization = vi.fn(async ({ organization }) => ({
			data: { ...organization, name: "Renamed" },
		}));
		const afterCreateOrganization = vi.fn();
		const { auth, user } = await setupOrganization({
			organizationHooks: { beforeCreateOrganization, afterCreateOrganization },
		});
		const a = await user("a");
		const created = await auth.api.createOrganization({ body: { name: "Acme", slug: "acme", userId: a.id } });
		expect(created).toMatchObject({ name: "Renamed", members: [{ userId: a.id, role: "owner" }] });
		expect(beforeCreateOrganization).toHaveBeenCalledOnce();
		expect(afterCreateOrganization.mock.calls[0][0]).toMatchObject({
			organization: { slug: "acme" },
			user: { id: a.id },
		});
	});

	it("lists, reads and switches organizations", async () => {
		const { user, call, createOrg } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const one = await createOrg(a, "one");
		const two = await createOrg(a, "two");
		expect((await call("/organization/list", a)).body.map((o: { slug: string }) => o.slug).sort()).toEqual([
			"one",
			"two",
		]);
		expect((await call("/organization/list", b)).body).toEqual([]);
		expectError(await call("/organization/list"), 401, "UNAUTHORIZED");

		const full = await call("/organization/get-full-organization", a);
		expect(full.body).toMatchObject({ id: two.id, invitations: [], members: [{ user: { email: "a@x.com" } }] });
		expect((await call(`/organization/get-full-organization?organizationSlug=one`, a)).body.id).toBe(one.id);
		expect((await call("/organization/get-full-organization", b)).body).toBeNull();
		expectError(
			await call(`/organization/get-full-organization?organizationId=${one.id}`, b),
			403,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(
			await call("/organization/get-full-organization?organizationId=nope", a),
			400,
			"ORGANIZATION_NOT_FOUND",
		);

		const switched = await call("/organization/set-active", a, { organizationSlug: "one" });
		expect(switched.body).toMatchObject({ id: one.id });
		expect(switched.response.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
		expect((await call("/get-session", a)).body.session.activeOrganizationId).toBe(one.id);
		expect((await call("/organization/set-active", a, {})).body).toMatchObject({ id: one.id });
		expect((await call("/organization/set-active", a, { organizationId: null })).body).toBeNull();
		expect((await call("/get-session", a)).body.session.activeOrganizationId).toBeNull();
		expect((await call("/organization/set-active", a, {})).body).toBeNull();
		expectError(await call("/organization/set-active", a, { organizationSlug: "nope" }), 400, "ORGANIZATION_NOT_FOUND");
		expectError(
			await call("/organization/set-active", b, { organizationId: one.id }),
			403,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(await call("/organization/set-active", a, { organizationId: 5 }), 400, "VALIDATION_ERROR");
	});

	it("updates with organization:update and refuses taken slugs", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const one = await createOrg(a, "one");
		await createOrg(a, "two");
		await join(a, b, one.id);
		const updated = await call("/organization/update", a, {
			organizationId: one.id,
			data: { name: "Uno", metadata: { x: 1 } },
		});
		expect(updated.body).toMatchObject({ name: "Uno", slug: "one", metadata: { x: 1 } });
		expectError(
			await call("/organization/update", a, { organizationId: one.id, data: { slug: "two" } }),
			400,
			"ORGANIZATION_SLUG_ALREADY_TAKEN",
		);
		expect((await call("/organization/update", a, { organizationId: one.id, data: { slug: "one" } })).status).toBe(200);
		expectError(
			await call("/organization/update", b, { organizationId: one.id, data: { name: "Hijack" } }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION",
		);
		const outsider = await user("c");
		expectError(
			await call("/organization/update", outsider, { organizationId: one.id, data: { name: "X" } }),
			400,
			"USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
		);
		expectError(await call("/organization/update", outsider, { data: { name: "X" } }), 400, "ORGANIZATION_NOT_FOUND");
		expectError(await call("/organization/update", a, {}), 400, "VALIDATION_ERROR");
	});

	it("deletes with organization:delete, with everything in it", async () => {
		const { user, call, createOrg, join, rows } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const org = await createOrg(a, "one");
		await join(a, b, org.id, "admin");
		await call("/organization/invite-member", a, { email: "z@x.com", role: "member" });
		expectError(
			await call("/organization/delete", b, { organizationId: org.id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION",
		);
		expectError(await call("/organization/delete", a, {}), 400, "VALIDATION_ERROR");
		const deleted = await call("/organization/delete", a, { organizationId: org.id });
		expect(deleted.body).toMatchObject({ id: org.id, slug: "one" });
		expect(rows("select * from member")).toEqual([]);
		expect(rows("select * from invitation")).toEqual([]);
		expect((await call("/get-session", a)).body.session.activeOrganizationId).toBeNull();
	});

	it("can turn deletion off", async () => {
		const { user, call, createOrg } = await setupOrganization({ disableOrganizationDeletion: true });
		const a = await user("a");
		const org = await createOrg(a, "one");
		expect((await call("/organization/delete", a, { organizationId: org.id })).status).toBe(404);
	});
});
