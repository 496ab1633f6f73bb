/**
 * The organization plugin against better-auth 1.7.24: tables, organizations, members,
 * invitations and permissions. Each scenario runs the same steps on both sides, each side with its
 * own cookies and ids; every step must agree on status, error code, body shape and cookie names.
 * Not compared (deliberate differences, see docs/plugins/organization.md): accepting an invitation
 * when already a member; the body of 401 answers without a session (status only).
 */
// Imported by path until `better-auth/plugins` exports the plugin.

import { type OrganizationOptions, organization } from "better-auth/plugins";
import { organization as referenceOrganization } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read, shapeOf } from "./harness";

type Side = Pair["ours"];
// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as JSON.
type Body = any;
/** One side's memory of the scenario: cookies per user, ids by name. */
type State = { cookies: Record<string, string>; ids: Record<string, string> };
type Step = { path: string; body?: unknown; as?: string; method?: string };

async function send(side: Side, state: State, step: Step) {
	const headers: Record<string, string> = { origin: BASE_URL };
	if (step.body !== undefined) headers["content-type"] = "application/json";
	if (step.as) headers.cookie = state.cookies[step.as];
	const method = step.method ?? (step.body !== undefined ? "POST" : "GET");
	const response = await side.handler(
		new Request(`${BASE_URL}/api/auth${step.path}`, {
			method,
			headers,
			body: step.body !== undefined ? JSON.stringify(step.body) : undefined,
		}),
	);
	const cookies = cookieNames(response);
	const cookie = cookieOf(response);
	return { ...(await read(response)), cookies, cookie };
}

/** Runs one step on both sides; `build` turns a side's ids into the request. */
function scenario(pair: Pair) {
	const states: [State, State] = [
		{ cookies: {}, ids: {} },
		{ cookies: {}, ids: {} },
	];
	const sides: [Side, Side] = [pair.ours, pair.reference];
	const run = async (label: string, build: (ids: Record<string, string>) => Step, statusOnly = false) => {
		const [a, b] = await Promise.all(sides.map((side, i) => send(side, states[i], build(states[i].ids))));
		expect(a.status, `${label}: status (${JSON.stringify(b.body)})`).toBe(b.status);
		if (statusOnly) return [a.body, b.body] as [Body, Body];
		expect(shapeOf(a.body), `${label}: body shape`).toEqual(shapeOf(b.body));
		if (b.body && typeof b.body === "object" && "code" in b.body) {
			expect((a.body as { code?: string }).code, `${label}: code`).toBe((b.body as { code: string }).code);
		}
		expect(a.cookies, `${label}: cookies`).toEqual(b.cookies);
		return [a.body, b.body] as [Body, Body];
	};
	return {
		states,
		sides,
		run,
		/** Runs a step and stores `pick(body)` under `name` on each side. */
		async save(
			name: string,
			label: string,
			build: (ids: Record<string, string>) => Step,
			pick: (body: Body) => string,
		) {
			const bodies = await run(label, build);
			states.forEach((state, i) => {
				state.ids[name] = pick(bodies[i]);
			});
			return bodies;
		},
		async signUp(name: string, email = `${name}@x.com`) {
			await Promise.all(
				sides.map(async (side, i) => {
					const result = await send(side, states[i], {
						path: "/sign-up/email",
						body: { email, password: "password123", name },
					});
					expect(result.status).toBe(200);
					states[i].cookies[name] = result.cookie;
					states[i].ids[name] = (result.body as { user: { id: string } }).user.id;
				}),
			);
		},
	};
}

function pairFor(options: OrganizationOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [organization(options)] },
		{ ...base, plugins: [referenceOrganization(options as never)] },
	);
}

const columns = (side: Side, table: string) =>
	(side.database.prepare(`pragma table_info("${table}")`).all() as { name: string; type: string; notnull: number }[])
		.map(({ name, type, notnull }) => `${name}:${type}:${notnull}`)
		.sort();

const indexes = (side: Side) =>
	(
		side.database.prepare("select name from sqlite_master where type = 'index' and sql is not null").all() as {
			name: string;
		}[]
	)
		.map(({ name }) => name)
		.sort();

describe("compat: organization plugin", () => {
	it("creates the same tables, columns and indexes", async () => {
		for (const options of [{}, { teams: { enabled: true }, dynamicAccessControl: { enabled: true } }]) {
			const pair = await pairFor(options);
			const tables = ["organization", "member", "invitation", "session", "team", "teamMember", "organizationRole"];
			for (const table of tables) expect(columns(pair.ours, table), table).toEqual(columns(pair.reference, table));
			expect(indexes(pair.ours)).toEqual(indexes(pair.reference));
		}
	});

	it("organizations: create, check-slug, list, get-full, set-active, update, delete", async () => {
		const s = scenario(await pairFor());
		await s.signUp("a");
		await s.signUp("b");
		await s.run("create: missing fields", () => ({ path: "/organization/create", body: {}, as: "a" }));
		// better-auth 1.7 answers this 401 with an empty body; ours carries the UNAUTHORIZED code.
		await s.run(
			"create: no session",
			() => ({ path: "/organization/create", body: { name: "Org", slug: "org" } }),
			true,
		);
		await s.run("create: wrong type", () => ({
			path: "/organization/create",
			body: { name: 1, slug: "org" },
			as: "a",
		}));
		await s.run("create: empty", () => ({ path: "/organization/create", body: { name: "", slug: "" }, as: "a" }));
		await s.save(
			"org",
			"create",
			() => ({
				path: "/organization/create",
				body: { name: "Org", slug: "org", logo: "l", metadata: { x: 1 } },
				as: "a",
			}),
			(body) => body.id,
		);
		await s.run("create: taken slug", () => ({
			path: "/organization/create",
			body: { name: "O", slug: "org" },
			as: "a",
		}));
		await s.run("session has the active org", () => ({ path: "/get-session", as: "a" }));
		await s.run("check-slug taken", () => ({ path: "/organization/check-slug", body: { slug: "org" }, as: "a" }));
		await s.run("check-slug free", () => ({ path: "/organization/check-slug", body: { slug: "free" }, as: "a" }));
		await s.run("check-slug no session", () => ({ path: "/organization/check-slug", body: { slug: "free" } }));
		await s.run("check-slug missing", () => ({ path: "/organization/check-slug", body: {}, as: "a" }));
		await s.run("list", () => ({ path: "/organization/list", as: "a" }));
		await s.run("list: none", () => ({ path: "/organization/list", as: "b" }));
		await s.run("list: no session", () => ({ path: "/organization/list" }));
		await s.run("get-full: active", () => ({ path: "/organization/get-full-organization", as: "a" }));
		await s.run("get-full: no active", () => ({ path: "/organization/get-full-organization", as: "b" }));
		await s.run("get-full: not a member", (ids) => ({
			path: `/organization/get-full-organization?organizationId=${ids.org}`,
			as: "b",
		}));
		await s.run("get-full: unknown", () => ({
			path: "/organization/get-full-organization?organizationId=nope",
			as: "b",
		}));
		await s.run("get-full: by slug", () => ({
			path: "/organization/get-full-organization?organizationSlug=org",
			as: "a",
		}));
		await s.run("set-active null", () => ({
			path: "/organization/set-active",
			body: { organizationId: null },
			as: "a",
		}));
		await s.run("get-full: none active", () => ({ path: "/organization/get-full-organization", as: "a" }));
		await s.run("set-active {} without active", () => ({ path: "/organization/set-active", body: {}, as: "a" }));
		await s.run("set-active by slug", () => ({
			path: "/organization/set-active",
			body: { organizationSlug: "org" },
			as: "a",
		}));
		await s.run("set-active {} with active", () => ({ path: "/organization/set-active", body: {}, as: "a" }));
		await s.run("set-active unknown slug", () => ({
			path: "/organization/set-active",
			body: { organizationSlug: "nope" },
			as: "a",
		}));
		await s.run("set-active not member", (ids) => ({
			path: "/organization/set-active",
			body: { organizationId: ids.org },
			as: "b",
		}));
		await s.run("set-active unknown id", () => ({
			path: "/organization/set-active",
			body: { organizationId: "nope" },
			as: "a",
		}));
		await s.run("set-active wrong type", () => ({
			path: "/organization/set-active",
			body: { organizationId: 5 },
			as: "a",
		}));
		await s.run("set-active by id", (ids) => ({
			path: "/organization/set-active",
			body: { organizationId: ids.org },
			as: "a",
		}));
		await s.run("update: no active", () => ({ path: "/organization/update", body: { data: { name: "N" } }, as: "b" }));
		await s.run("update: not member", (ids) => ({
			path: "/organization/update",
			body: { data: { name: "N" }, organizationId: ids.org },
			as: "b",
		}));
		await s.run("update: missing data", () => ({ path: "/organization/update", body: {}, as: "a" }));
		await s.run("update", () => ({
			path: "/organization/update",
			body: { data: { name: "New", metadata: { y: 2 } } },
			as: "a",
		}));
		await s.run("update: name only", () => ({ path: "/organization/update", body: { data: { name: "N2" } }, as: "a" }));
		await s.run("update: own slug", () => ({ path: "/organization/update", body: { data: { slug: "org" } }, as: "a" }));
		await s.save(
			"org2",
			"create keeping active",
			() => ({
				path: "/organization/create",
				body: { name: "Org2", slug: "org2", keepCurrentActiveOrganization: true },
				as: "a",
			}),
			(body) => body.id,
		);
		await s.run("session kept its active org", () => ({ path: "/get-session", as: "a" }));
		await s.run("update: slug taken", (ids) => ({
			path: "/organization/update",
			body: { organizationId: ids.org2, data: { slug: "org" } },
			as: "a",
		}));
		await s.run("delete: not member", (ids) => ({
			path: "/organization/delete",
			body: { organizationId: ids.org2 },
			as: "b",
		}));
		await s.run("delete: missing", () => ({ path: "/organization/delete", body: {}, as: "a" }));
		await s.run("delete", (ids) => ({ path: "/organization/delete", body: { organizationId: ids.org2 }, as: "a" }));
		await s.run("delete active", (ids) => ({
			path: "/organization/delete",
			body: { organizationId: ids.org },
			as: "a",
		}));
		await s.run("session lost its active org", () => ({ path: "/get-session", as: "a" }));
		await s.run("list after delete", () => ({ path: "/organization/list", as: "a" }));
	});

	it("creation limits", async () => {
		const s = scenario(await pairFor({ organizationLimit: 1 }));
		await s.signUp("a");
		await s.run("first", () => ({ path: "/organization/create", body: { name: "A", slug: "a" }, as: "a" }));
		await s.run("over the limit", () => ({ path: "/organization/create", body: { name: "B", slug: "b" }, as: "a" }));
		const closed = scenario(await pairFor({ allowUserToCreateOrganization: false }));
		await closed.signUp("a");
		await closed.run("not allowed", () => ({ path: "/organization/create", body: { name: "A", slug: "a" }, as: "a" }));
	});

	it("invitations: invite, resend, list, get, accept, reject, cancel", async () => {
		const s = scenario(await pairFor({ sendInvitationEmail: async () => {} }));
		await s.signUp("a");
		await s.signUp("b");
		await s.signUp("c");
		await s.save(
			"org",
			"create",
			() => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }),
			(b) => b.id,
		);
		await s.run("invite: no active org", () => ({
			path: "/organization/invite-member",
			body: { email: "x@x.com", role: "member" },
			as: "b",
		}));
		await s.run("invite: not a member", (ids) => ({
			path: "/organization/invite-member",
			body: { email: "x@x.com", role: "member", organizationId: ids.org },
			as: "b",
		}));
		await s.run("invite: missing", () => ({ path: "/organization/invite-member", body: {}, as: "a" }));
		await s.run("invite: bad email", () => ({
			path: "/organization/invite-member",
			body: { email: "nope", role: "member" },
			as: "a",
		}));
		await s.run("invite: unknown role", () => ({
			path: "/organization/invite-member",
			body: { email: "b@x.com", role: "ghost" },
			as: "a",
		}));
		await s.save(
			"invB",
			"invite b",
			() => ({ path: "/organization/invite-member", body: { email: "B@X.com", role: "member" }, as: "a" }),
			(b) => b.id,
		);
		await s.run("invite again", () => ({
			path: "/organization/invite-member",
			body: { email: "b@x.com", role: "member" },
			as: "a",
		}));
		await s.run("invite: resend", () => ({
			path: "/organization/invite-member",
			body: { email: "b@x.com", role: "admin", resend: true },
			as: "a",
		}));
		await s.run("invite: a member", () => ({
			path: "/organization/invite-member",
			body: { email: "a@x.com", role: "member" },
			as: "a",
		}));
		await s.save(
			"invC",
			"invite c with two roles",
			() => ({ path: "/organization/invite-member", body: { email: "c@x.com", role: ["admin", "member"] }, as: "a" }),
			(b) => b.id,
		);
		await s.run("list-invitations", () => ({ path: "/organization/list-invitations", as: "a" }));
		await s.run("list-invitations: no org", () => ({ path: "/organization/list-invitations", as: "b" }));
		await s.run("list-invitations: not member", (ids) => ({
			path: `/organization/list-invitations?organizationId=${ids.org}`,
			as: "b",
		}));
		await s.run("list-user-invitations: unverified", () => ({ path: "/organization/list-user-invitations", as: "b" }));
		await s.run("list-user-invitations: nobody", () => ({ path: "/organization/list-user-invitations" }));
		await s.run("get-invitation", (ids) => ({ path: `/organization/get-invitation?id=${ids.invB}`, as: "b" }));
		await s.run("get-invitation: not recipient", (ids) => ({
			path: `/organization/get-invitation?id=${ids.invB}`,
			as: "c",
		}));
		await s.run("get-invitation: no session", (ids) => ({ path: `/organization/get-invitation?id=${ids.invB}` }));
		await s.run("get-invitation: unknown", () => ({ path: "/organization/get-invitation?id=nope", as: "b" }));
		await s.run("get-invitation: missing id", () => ({ path: "/organization/get-invitation", as: "b" }));
		for (const action of ["accept", "reject"]) {
			await s.run(`${action}: not recipient`, (ids) => ({
				path: `/organization/${action}-invitation`,
				body: { invitationId: ids.invB },
				as: "c",
			}));
			await s.run(`${action}: unknown`, () => ({
				path: `/organization/${action}-invitation`,
				body: { invitationId: "nope" },
				as: "b",
			}));
			await s.run(`${action}: missing`, () => ({ path: `/organization/${action}-invitation`, body: {}, as: "b" }));
		}
		await s.run("cancel: not a member", (ids) => ({
			path: "/organization/cancel-invitation",
			body: { invitationId: ids.invB },
			as: "c",
		}));
		await s.run("cancel: unknown", () => ({
			path: "/organization/cancel-invitation",
			body: { invitationId: "nope" },
			as: "a",
		}));
		await s.run("accept", (ids) => ({
			path: "/organization/accept-invitation",
			body: { invitationId: ids.invB },
			as: "b",
		}));
		await s.run("accept sets the active org", () => ({ path: "/get-session", as: "b" }));
		await s.run("accept twice", (ids) => ({
			path: "/organization/accept-invitation",
			body: { invitationId: ids.invB },
			as: "b",
		}));
		await s.run("get accepted", (ids) => ({ path: `/organization/get-invitation?id=${ids.invB}`, as: "b" }));
		await s.run("invite as a plain member", () => ({
			path: "/organization/invite-member",
			body: { email: "x@x.com", role: "member" },
			as: "b",
		}));
		await s.save(
			"invY",
			"invite as owner",
			() => ({ path: "/organization/invite-member", body: { email: "y@x.com", role: "owner" }, as: "a" }),
			(b) => b.id,
		);
		await s.run("cancel: no permission", (ids) => ({
			path: "/organization/cancel-invitation",
			body: { invitationId: ids.invY },
			as: "b",
		}));
		await s.run("cancel", (ids) => ({
			path: "/organization/cancel-invitation",
			body: { invitationId: ids.invY },
			as: "a",
		}));
		await s.run("cancel again", (ids) => ({
			path: "/organization/cancel-invitation",
			body: { invitationId: ids.invY },
			as: "a",
		}));
		await s.run("reject", (ids) => ({
			path: "/organization/reject-invitation",
			body: { invitationId: ids.invC },
			as: "c",
		}));
		await s.run("reject twice", (ids) => ({
			path: "/organization/reject-invitation",
			body: { invitationId: ids.invC },
			as: "c",
		}));
		await s.run("get-full lists invitations", () => ({ path: "/organization/get-full-organization", as: "a" }));
	});

	it("re-invites cancel pending invitations when asked to", async () => {
		const s = scenario(await pairFor({ cancelPendingInvitationsOnReInvite: true, invitationLimit: 2 }));
		await s.signUp("a");
		await s.run("create", () => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }));
		await s.run("invite", () => ({
			path: "/organization/invite-member",
			body: { email: "x@x.com", role: "member" },
			as: "a",
		}));
		await s.run("re-invite", () => ({
			path: "/organization/invite-member",
			body: { email: "x@x.com", role: "admin" },
			as: "a",
		}));
		await s.run("list", () => ({ path: "/organization/list-invitations", as: "a" }));
		await s.run("second", () => ({
			path: "/organization/invite-member",
			body: { email: "y@x.com", role: "member" },
			as: "a",
		}));
		await s.run("over the limit", () => ({
			path: "/organization/invite-member",
			body: { email: "z@x.com", role: "member" },
			as: "a",
		}));
	});

	it("members: roles, removal, leaving, listing, permissions", async () => {
		const s = scenario(await pairFor());
		for (const name of ["a", "b", "c", "d"]) await s.signUp(name);
		await s.save(
			"org",
			"create",
			() => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }),
			(b) => b.id,
		);
		await s.save(
			"ownerA",
			"owner member",
			() => ({ path: "/organization/get-active-member", as: "a" }),
			(b) => b.id,
		);
		/** Invites `name` with `role` and accepts as them; stores the member id as `m<name>`. */
		const join = async (name: string, role: string) => {
			await s.save(
				`inv${name}`,
				`invite ${name}`,
				() => ({ path: "/organization/invite-member", body: { email: `${name}@x.com`, role }, as: "a" }),
				(b) => b.id,
			);
			await s.save(
				`m${name}`,
				`accept ${name}`,
				(ids) => ({ path: "/organization/accept-invitation", body: { invitationId: ids[`inv${name}`] }, as: name }),
				(b) => b.member.id,
			);
		};
		await join("b", "member");
		await join("c", "member");
		await s.run("list-members", () => ({ path: "/organization/list-members", as: "a" }));
		await s.run("list-members paged", () => ({
			path: "/organization/list-members?limit=1&offset=1&sortBy=createdAt&sortDirection=desc",
			as: "a",
		}));
		await s.run("list-members filtered", () => ({
			path: "/organization/list-members?filterField=role&filterValue=owner&filterOperator=eq",
			as: "a",
		}));
		await s.run("list-members: bad limit", () => ({ path: "/organization/list-members?limit=abc", as: "a" }));
		await s.run("list-members: no active", () => ({ path: "/organization/list-members", as: "d" }));
		await s.run("list-members: not member", (ids) => ({
			path: `/organization/list-members?organizationId=${ids.org}`,
			as: "d",
		}));
		await s.run("get-active-member", () => ({ path: "/organization/get-active-member", as: "b" }));
		await s.run("get-active-member: none", () => ({ path: "/organization/get-active-member", as: "d" }));
		await s.run("get-active-member-role", () => ({ path: "/organization/get-active-member-role", as: "a" }));
		await s.run("get-active-member-role of b", (ids) => ({
			path: `/organization/get-active-member-role?userId=${ids.b}`,
			as: "a",
		}));
		await s.run("get-active-member-role: not member", (ids) => ({
			path: `/organization/get-active-member-role?organizationId=${ids.org}`,
			as: "d",
		}));
		await s.run("has-permission: member", () => ({
			path: "/organization/has-permission",
			body: { permissions: { member: ["create"] } },
			as: "b",
		}));
		await s.run("has-permission: owner", () => ({
			path: "/organization/has-permission",
			body: { permissions: { member: ["create"], organization: ["delete"] } },
			as: "a",
		}));
		await s.run("has-permission: not member", (ids) => ({
			path: "/organization/has-permission",
			body: { permissions: { member: ["create"] }, organizationId: ids.org },
			as: "d",
		}));
		await s.run("has-permission: deprecated key", () => ({
			path: "/organization/has-permission",
			body: { permission: { member: ["create"] } },
			as: "a",
		}));
		await s.run("has-permission: empty", () => ({ path: "/organization/has-permission", body: {}, as: "a" }));
		await s.run("update-role: no permission", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "admin" },
			as: "b",
		}));
		await s.run("update-role: no permission, unknown role", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "ghost" },
			as: "b",
		}));
		await s.run("update-role", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "admin" },
			as: "a",
		}));
		await s.run("update-role: list", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mc, role: ["admin", "member"] },
			as: "a",
		}));
		await s.run("update-role: unknown role", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "ghost" },
			as: "a",
		}));
		await s.run("update-role: unknown member", () => ({
			path: "/organization/update-member-role",
			body: { memberId: "nope", role: "admin" },
			as: "a",
		}));
		await s.run("update-role: last owner steps down", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.ownerA, role: "admin" },
			as: "a",
		}));
		await s.run("update-role: admin on owner", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.ownerA, role: "member" },
			as: "b",
		}));
		await s.run("update-role: admin makes an owner", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "owner" },
			as: "b",
		}));
		await s.run("update-role: admin demotes admin", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mc, role: "member" },
			as: "b",
		}));
		await s.run("update-role: missing", () => ({ path: "/organization/update-member-role", body: {}, as: "a" }));
		await s.run("update-role: no active org", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "admin" },
			as: "d",
		}));
		await s.run("remove: admin removes the only owner", (ids) => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: ids.ownerA },
			as: "b",
		}));
		await s.run("remove: owner removes self", (ids) => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: ids.ownerA },
			as: "a",
		}));
		await s.run("remove: member removes owner", (ids) => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: ids.ownerA },
			as: "c",
		}));
		await s.run("remove: member removes member", (ids) => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: ids.mb },
			as: "c",
		}));
		await s.run("remove: unknown", () => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: "nope" },
			as: "a",
		}));
		await s.run("remove: unknown email", () => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: "d@x.com" },
			as: "a",
		}));
		await s.run("remove: missing", () => ({ path: "/organization/remove-member", body: {}, as: "a" }));
		await s.run("make b an owner", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mb, role: "owner" },
			as: "a",
		}));
		await s.run("make c an admin", (ids) => ({
			path: "/organization/update-member-role",
			body: { memberId: ids.mc, role: "admin" },
			as: "a",
		}));
		await s.run("remove: admin removes one of two owners", (ids) => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: ids.mb },
			as: "c",
		}));
		await s.run("invite: admin invites an owner", () => ({
			path: "/organization/invite-member",
			body: { email: "z@x.com", role: "owner" },
			as: "c",
		}));
		await s.run("invite: admin invites an admin", () => ({
			path: "/organization/invite-member",
			body: { email: "z@x.com", role: "admin" },
			as: "c",
		}));
		await s.run("remove: by email", () => ({
			path: "/organization/remove-member",
			body: { memberIdOrEmail: "c@x.com" },
			as: "a",
		}));
		await s.run("leave: unknown", () => ({ path: "/organization/leave", body: { organizationId: "nope" }, as: "a" }));
		await s.run("leave: missing", () => ({ path: "/organization/leave", body: {}, as: "a" }));
		await s.run("leave: one of two owners", (ids) => ({
			path: "/organization/leave",
			body: { organizationId: ids.org },
			as: "b",
		}));
		await s.run("leave clears the active org", () => ({ path: "/get-session", as: "b" }));
		await s.run("leave: last owner", (ids) => ({
			path: "/organization/leave",
			body: { organizationId: ids.org },
			as: "a",
		}));
		await s.run("members left", () => ({ path: "/organization/list-members", as: "a" }));
	});

	it("add-member is server-only", async () => {
		const pair = await pairFor();
		const s = scenario(pair);
		await s.signUp("a");
		await s.signUp("b");
		await s.save(
			"org",
			"create",
			() => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }),
			(b) => b.id,
		);
		await s.run("over HTTP", (ids) => ({
			path: "/organization/add-member",
			body: { userId: ids.b, role: "member", organizationId: ids.org },
			as: "a",
		}));
		const call = async (side: Side, body: Record<string, unknown>) => {
			try {
				return { status: 200, body: await side.api.addMember({ body }) };
			} catch (error) {
				const e = error as { statusCode?: number; body?: { code?: string } };
				return { status: e.statusCode, body: e.body };
			}
		};
		const [ours, reference] = [s.states[0].ids, s.states[1].ids];
		for (const build of [
			(ids: Record<string, string>) => ({ userId: ids.b, role: "member", organizationId: ids.org }),
			(ids: Record<string, string>) => ({ userId: ids.b, role: "member", organizationId: ids.org }),
			(ids: Record<string, string>) => ({ userId: "nope", role: "member", organizationId: ids.org }),
			(ids: Record<string, string>) => ({ userId: ids.a, role: "member", organizationId: "nope" }),
			(ids: Record<string, string>) => ({ userId: ids.b, role: "member" }),
		]) {
			const a = await call(pair.ours, build(ours));
			const b = await call(pair.reference, build(reference));
			expect(a.status).toBe(b.status);
			expect(shapeOf(a.body)).toEqual(shapeOf(b.body));
			expect((a.body as { code?: string }).code).toBe((b.body as { code?: string }).code);
		}
	});

	it("with teams on: create makes a default team, get-full lists teams", async () => {
		const pair = await pairFor({ teams: { enabled: true } });
		const s = scenario(pair);
		await s.signUp("a");
		await s.run("create", () => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }));
		await s.run("get-full", () => ({ path: "/organization/get-full-organization", as: "a" }));
		const teams = (side: Side) => side.database.prepare("select name, memberCount from team").all();
		expect(teams(pair.ours)).toEqual(teams(pair.reference));
		const teamMembers = (side: Side) => side.database.prepare("select count(*) as n from teamMember").get();
		expect(teamMembers(pair.ours)).toEqual(teamMembers(pair.reference));
	});

	it("teams: create, list, update, members, active team, remove; get-organization", async () => {
		const pair = await pairFor({ teams: { enabled: true, maximumTeams: 4, maximumMembersPerTeam: 2 } });
		const s = scenario(pair);
		for (const name of ["a", "b", "c"]) await s.signUp(name);
		await s.save(
			"org",
			"create",
			() => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }),
			(b) => b.id,
		);
		await s.run("session has the default team", () => ({ path: "/get-session", as: "a" }));
		const [invO, invR] = await s.run("invite b", () => ({
			path: "/organization/invite-member",
			body: { email: "b@x.com", role: "member" },
			as: "a",
		}));
		s.states[0].ids.inv = invO.id;
		s.states[1].ids.inv = invR.id;
		await s.run("accept", (ids) => ({
			path: "/organization/accept-invitation",
			body: { invitationId: ids.inv },
			as: "b",
		}));
		const steps: [string, (ids: Record<string, string>) => Step][] = [
			["create-team: by member", () => ({ path: "/organization/create-team", body: { name: "X" }, as: "b" })],
			["create-team: bad", () => ({ path: "/organization/create-team", body: { name: 5 }, as: "a" })],
			["create-team: no org", () => ({ path: "/organization/create-team", body: { name: "X" }, as: "c" })],
			[
				"create-team: not a member",
				(ids) => ({ path: "/organization/create-team", body: { name: "X", organizationId: ids.org }, as: "c" }),
			],
			["list-teams", () => ({ path: "/organization/list-teams", as: "a" })],
			["list-teams: not a member", (ids) => ({ path: `/organization/list-teams?organizationId=${ids.org}`, as: "c" })],
			["list-teams: no org", () => ({ path: "/organization/list-teams", as: "c" })],
			[
				"update-team",
				(ids) => ({ path: "/organization/update-team", body: { teamId: ids.t, data: { name: "T1b" } }, as: "a" }),
			],
			[
				"update-team: by member",
				(ids) => ({ path: "/organization/update-team", body: { teamId: ids.t, data: { name: "z" } }, as: "b" }),
			],
			[
				"update-team: unknown",
				() => ({ path: "/organization/update-team", body: { teamId: "nope", data: { name: "z" } }, as: "a" }),
			],
			["update-team: no data", (ids) => ({ path: "/organization/update-team", body: { teamId: ids.t }, as: "a" })],
			[
				"update-team: not a member",
				(ids) => ({
					path: "/organization/update-team",
					body: { teamId: ids.t, data: { name: "z", organizationId: ids.org } },
					as: "c",
				}),
			],
			[
				"add-team-member",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t, userId: ids.b }, as: "a" }),
			],
			[
				"add-team-member: again",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t, userId: ids.b }, as: "a" }),
			],
			[
				"add-team-member: non-member",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t, userId: ids.c }, as: "a" }),
			],
			[
				"add-team-member: unknown team",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: "nope", userId: ids.b }, as: "a" }),
			],
			[
				"add-team-member: by member",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t, userId: ids.a }, as: "b" }),
			],
			["add-team-member: bad", (ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t }, as: "a" })],
			[
				"add-team-member: self",
				(ids) => ({ path: "/organization/add-team-member", body: { teamId: ids.t, userId: ids.a }, as: "a" }),
			],
			["list-team-members", (ids) => ({ path: `/organization/list-team-members?teamId=${ids.t}`, as: "b" })],
			[
				"list-team-members: not in team",
				(ids) => ({ path: `/organization/list-team-members?teamId=${ids.t2}`, as: "b" }),
			],
			["list-team-members: no active team", () => ({ path: "/organization/list-team-members", as: "b" })],
			["list-team-members: unknown", () => ({ path: "/organization/list-team-members?teamId=nope", as: "b" })],
			["list-user-teams", () => ({ path: "/organization/list-user-teams", as: "b" })],
			["list-user-teams: none", () => ({ path: "/organization/list-user-teams", as: "c" })],
			["set-active-team", (ids) => ({ path: "/organization/set-active-team", body: { teamId: ids.t }, as: "b" })],
			["session", () => ({ path: "/get-session", as: "b" })],
			["list-team-members: active", () => ({ path: "/organization/list-team-members", as: "b" })],
			["set-active-team: keep", () => ({ path: "/organization/set-active-team", body: {}, as: "b" })],
			[
				"set-active-team: not in team",
				(ids) => ({ path: "/organization/set-active-team", body: { teamId: ids.t2 }, as: "b" }),
			],
			[
				"set-active-team: unknown",
				() => ({ path: "/organization/set-active-team", body: { teamId: "nope" }, as: "b" }),
			],
			[
				"set-active-team: no org",
				(ids) => ({ path: "/organization/set-active-team", body: { teamId: ids.t }, as: "c" }),
			],
			["set-active-team: bad", () => ({ path: "/organization/set-active-team", body: { teamId: 5 }, as: "b" })],
			["set-active-team: clear", () => ({ path: "/organization/set-active-team", body: { teamId: null }, as: "b" })],
			["set-active-team: nothing", () => ({ path: "/organization/set-active-team", body: {}, as: "b" })],
			[
				"remove-team-member: by member",
				(ids) => ({ path: "/organization/remove-team-member", body: { teamId: ids.t, userId: ids.b }, as: "b" }),
			],
			[
				"remove-team-member",
				(ids) => ({ path: "/organization/remove-team-member", body: { teamId: ids.t, userId: ids.b }, as: "a" }),
			],
			[
				"remove-team-member: again",
				(ids) => ({ path: "/organization/remove-team-member", body: { teamId: ids.t, userId: ids.b }, as: "a" }),
			],
			[
				"remove-team-member: non-member",
				(ids) => ({ path: "/organization/remove-team-member", body: { teamId: ids.t, userId: ids.c }, as: "a" }),
			],
			[
				"remove-team-member: unknown",
				(ids) => ({ path: "/organization/remove-team-member", body: { teamId: "nope", userId: ids.b }, as: "a" }),
			],
			["create-team: third", () => ({ path: "/organization/create-team", body: { name: "T3" }, as: "a" })],
			["create-team: over maximumTeams", () => ({ path: "/organization/create-team", body: { name: "T4" }, as: "a" })],
			["remove-team: by member", (ids) => ({ path: "/organization/remove-team", body: { teamId: ids.t }, as: "b" })],
			[
				"remove-team: active team",
				(ids) => ({ path: "/organization/remove-team", body: { teamId: ids.default }, as: "a" }),
			],
			["remove-team", (ids) => ({ path: "/organization/remove-team", body: { teamId: ids.t }, as: "a" })],
			["remove-team: again", (ids) => ({ path: "/organization/remove-team", body: { teamId: ids.t }, as: "a" })],
			["remove-team: bad", () => ({ path: "/organization/remove-team", body: {}, as: "a" })],
			[
				"remove-team: not a member",
				(ids) => ({ path: "/organization/remove-team", body: { teamId: ids.t2, organizationId: ids.org }, as: "c" }),
			],
			["get-organization", () => ({ path: "/organization/get-organization", as: "a" })],
			["get-organization: by slug", () => ({ path: "/organization/get-organization?organizationSlug=o", as: "b" })],
			[
				"get-organization: not a member",
				(ids) => ({ path: `/organization/get-organization?organizationId=${ids.org}`, as: "c" }),
			],
			["get-organization: none active", () => ({ path: "/organization/get-organization", as: "c" })],
			["get-organization: unknown", () => ({ path: "/organization/get-organization?organizationId=nope", as: "a" })],
			["get-organization: no session", () => ({ path: "/organization/get-organization" })],
		];
		const [listO, listR] = await s.run("list default", () => ({ path: "/organization/list-teams", as: "a" }));
		s.states[0].ids.default = listO[0].id;
		s.states[1].ids.default = listR[0].id;
		await s.save(
			"t",
			"create-team",
			() => ({ path: "/organization/create-team", body: { name: "T1" }, as: "a" }),
			(b) => b.id,
		);
		await s.save(
			"t2",
			"create-team with organizationId",
			(ids) => ({ path: "/organization/create-team", body: { name: "T2", organizationId: ids.org }, as: "a" }),
			(b) => b.id,
		);
		for (const [label, build] of steps) await s.run(label, build);
		// 1.7 answers an empty body, we answer { code: "UNAUTHORIZED" } (documented).
		await s.run("create-team: no session", () => ({ path: "/organization/create-team", body: { name: "X" } }), true);
		const teams = (side: Side) => side.database.prepare("select name, memberCount from team order by name").all();
		expect(teams(pair.ours)).toEqual(teams(pair.reference));
	});

	it("teams: the last team, allowRemovingAllTeams and member limits", async () => {
		for (const allowRemovingAllTeams of [false, true]) {
			const pair = await pairFor({ teams: { enabled: true, allowRemovingAllTeams, maximumMembersPerTeam: 1 } });
			const s = scenario(pair);
			await s.signUp("a");
			await s.run("create", () => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }));
			const [o, r] = await s.run("list", () => ({ path: "/organization/list-teams", as: "a" }));
			s.states[0].ids.team = o[0].id;
			s.states[1].ids.team = r[0].id;
			await s.run("full team", (ids) => ({
				path: "/organization/add-team-member",
				body: { teamId: ids.team, userId: ids.a },
				as: "a",
			}));
			await s.run("clear active", () => ({ path: "/organization/set-active-team", body: { teamId: null }, as: "a" }));
			await s.run("remove last", (ids) => ({ path: "/organization/remove-team", body: { teamId: ids.team }, as: "a" }));
		}
	});

	it("dynamic roles: create, list, get, update, delete", async () => {
		const { createAccessControl } = await import("better-auth/plugins/access");
		const { defaultStatements, adminAc, ownerAc, memberAc } = await import("better-auth/plugins/organization/access");
		const ac = createAccessControl({ ...defaultStatements, project: ["create", "delete"] });
		const roles = {
			owner: ac.newRole({ ...ownerAc.statements, project: ["create", "delete"] }),
			admin: ac.newRole({ ...adminAc.statements }),
			member: ac.newRole({ ...memberAc.statements }),
		};
		const options = { dynamicAccessControl: { enabled: true, maximumRolesPerOrganization: 3 } };
		const pair = await pairFor({ ...options, ac, roles } as never);
		const s = scenario(pair);
		for (const name of ["a", "b", "c"]) await s.signUp(name);
		await s.save(
			"org",
			"create",
			() => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }),
			(b) => b.id,
		);
		const [invO, invR] = await s.run("invite b", () => ({
			path: "/organization/invite-member",
			body: { email: "b@x.com", role: "member" },
			as: "a",
		}));
		s.states[0].ids.inv = invO.id;
		s.states[1].ids.inv = invR.id;
		await s.run("accept", (ids) => ({
			path: "/organization/accept-invitation",
			body: { invitationId: ids.inv },
			as: "b",
		}));
		await s.save(
			"r",
			"create-role",
			() => ({
				path: "/organization/create-role",
				body: { role: "sales", permission: { member: ["create"] } },
				as: "a",
			}),
			(b) => b.roleData.id,
		);
		const steps: [string, (ids: Record<string, string>) => Step][] = [
			[
				"create-role: taken",
				() => ({
					path: "/organization/create-role",
					body: { role: "sales", permission: { member: ["create"] } },
					as: "a",
				}),
			],
			[
				"create-role: pre-defined",
				() => ({
					path: "/organization/create-role",
					body: { role: "admin", permission: { member: ["create"] } },
					as: "a",
				}),
			],
			[
				"create-role: bad resource",
				() => ({ path: "/organization/create-role", body: { role: "x1", permission: { foo: ["create"] } }, as: "a" }),
			],
			[
				"create-role: escalation",
				() => ({ path: "/organization/create-role", body: { role: "x2", permission: { member: ["fly"] } }, as: "a" }),
			],
			[
				"create-role: by member",
				() => ({ path: "/organization/create-role", body: { role: "x3", permission: { ac: ["read"] } }, as: "b" }),
			],
			[
				"create-role: no org",
				() => ({ path: "/organization/create-role", body: { role: "x3", permission: { ac: ["read"] } }, as: "c" }),
			],
			[
				"create-role: not a member",
				(ids) => ({
					path: "/organization/create-role",
					body: { role: "x3", permission: { ac: ["read"] }, organizationId: ids.org },
					as: "c",
				}),
			],
			[
				"create-role: no session",
				() => ({ path: "/organization/create-role", body: { role: "x3", permission: { ac: ["read"] } } }),
			],
			["create-role: bad", () => ({ path: "/organization/create-role", body: { role: 5, permission: {} }, as: "a" })],
			["create-role: missing permission", () => ({ path: "/organization/create-role", body: { role: "x4" }, as: "a" })],
			[
				"create-role: second",
				() => ({
					path: "/organization/create-role",
					body: { role: "x5", permission: { project: ["create"] } },
					as: "a",
				}),
			],
			[
				"create-role: third",
				() => ({ path: "/organization/create-role", body: { role: "x6", permission: { ac: ["read"] } }, as: "a" }),
			],
			[
				"create-role: too many",
				() => ({ path: "/organization/create-role", body: { role: "x7", permission: { ac: ["read"] } }, as: "a" }),
			],
			["list-roles", () => ({ path: "/organization/list-roles", as: "b" })],
			["list-roles: not a member", (ids) => ({ path: `/organization/list-roles?organizationId=${ids.org}`, as: "c" })],
			["list-roles: no org", () => ({ path: "/organization/list-roles", as: "c" })],
			["get-role by name", () => ({ path: "/organization/get-role?roleName=sales", as: "a" })],
			["get-role by id", (ids) => ({ path: `/organization/get-role?roleId=${ids.r}`, as: "b" })],
			["get-role: unknown", () => ({ path: "/organization/get-role?roleName=nope", as: "a" })],
			["get-role: neither", () => ({ path: "/organization/get-role", as: "a" })],
			[
				"get-role: not a member",
				(ids) => ({ path: `/organization/get-role?roleName=sales&organizationId=${ids.org}`, as: "c" }),
			],
			[
				"update-role: permission",
				() => ({
					path: "/organization/update-role",
					body: { roleName: "sales", data: { permission: { member: ["create", "update"] } } },
					as: "a",
				}),
			],
			[
				"update-role: rename",
				(ids) => ({
					path: "/organization/update-role",
					body: { roleId: ids.r, data: { roleName: "sales2" } },
					as: "a",
				}),
			],
			[
				"update-role: taken",
				(ids) => ({ path: "/organization/update-role", body: { roleId: ids.r, data: { roleName: "x6" } }, as: "a" }),
			],
			[
				"update-role: pre-defined name",
				(ids) => ({ path: "/organization/update-role", body: { roleId: ids.r, data: { roleName: "admin" } }, as: "a" }),
			],
			[
				"update-role: bad resource",
				(ids) => ({
					path: "/organization/update-role",
					body: { roleId: ids.r, data: { permission: { foo: ["x"] } } },
					as: "a",
				}),
			],
			[
				"update-role: by member",
				(ids) => ({ path: "/organization/update-role", body: { roleId: ids.r, data: { roleName: "q" } }, as: "b" }),
			],
			[
				"update-role: unknown",
				() => ({ path: "/organization/update-role", body: { roleName: "nope", data: { roleName: "q" } }, as: "a" }),
			],
			[
				"update-role: neither",
				() => ({ path: "/organization/update-role", body: { data: { roleName: "q" } }, as: "a" }),
			],
			["update-role: no data", (ids) => ({ path: "/organization/update-role", body: { roleId: ids.r }, as: "a" })],
			[
				"invite with a dynamic role",
				() => ({ path: "/organization/invite-member", body: { email: "c@x.com", role: "sales2" }, as: "a" }),
			],
		];
		for (const [label, build] of steps) await s.run(label, build);
		const [list] = await s.run("invitations", () => ({ path: "/organization/list-invitations", as: "a" }));
		const [, listR] = await s.run("invitations again", () => ({ path: "/organization/list-invitations", as: "a" }));
		s.states[0].ids.inv2 = list.find((i: Body) => i.email === "c@x.com").id;
		s.states[1].ids.inv2 = listR.find((i: Body) => i.email === "c@x.com").id;
		await s.run("accept as sales2", (ids) => ({
			path: "/organization/accept-invitation",
			body: { invitationId: ids.inv2 },
			as: "c",
		}));
		await s.run("sales2 may create members' invitations? (has-permission)", () => ({
			path: "/organization/has-permission",
			body: { permissions: { member: ["update"] } },
			as: "c",
		}));
		for (const [label, build] of [
			["delete-role: assigned", () => ({ path: "/organization/delete-role", body: { roleName: "sales2" }, as: "a" })],
			["delete-role: pre-defined", () => ({ path: "/organization/delete-role", body: { roleName: "admin" }, as: "a" })],
			["delete-role: by member", () => ({ path: "/organization/delete-role", body: { roleName: "x6" }, as: "b" })],
			["delete-role: unknown", () => ({ path: "/organization/delete-role", body: { roleName: "nope" }, as: "a" })],
			["delete-role: neither", () => ({ path: "/organization/delete-role", body: {}, as: "a" })],
			["delete-role", () => ({ path: "/organization/delete-role", body: { roleName: "x6" }, as: "a" })],
		] as [string, (ids: Record<string, string>) => Step][]) {
			await s.run(label, build);
		}
	});

	it("dynamic roles without an ac instance", async () => {
		const pair = await pairFor({ dynamicAccessControl: { enabled: true } });
		const s = scenario(pair);
		await s.signUp("a");
		await s.run("create", () => ({ path: "/organization/create", body: { name: "O", slug: "o" }, as: "a" }));
		await s.run("create-role", () => ({
			path: "/organization/create-role",
			body: { role: "r", permission: { member: ["create"] } },
			as: "a",
		}));
		await s.run("update-role", () => ({
			path: "/organization/update-role",
			body: { roleName: "r", data: { roleName: "q" } },
			as: "a",
		}));
		await s.run("list-roles", () => ({ path: "/organization/list-roles", as: "a" }));
	});
});
