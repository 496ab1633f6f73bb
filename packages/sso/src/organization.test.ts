import type { BetterAuthPlugin } from "@better-auth/core";
import { describe, expect, it } from "vitest";
import { expectError, setup } from "./test/helpers";
import { ACS_FOR, encodeResponse, IDP_CERT, IDP_ISSUER, IDP_SSO_URL, samlResponseXML } from "./test/saml-idp";
import type { SSOOptions } from "./types";

/** Stands in for the organization plugin: only its id and its two tables matter to SSO. */
const fakeOrganization = {
	id: "organization",
	schema: {
		organization: {
			fields: {
				name: { type: "string", required: true },
				slug: { type: "string", required: true, unique: true },
				createdAt: { type: "date", required: true },
			},
		},
		member: {
			fields: {
				organizationId: { type: "string", required: true, references: { model: "organization", field: "id" } },
				userId: { type: "string", required: true, references: { model: "user", field: "id" } },
				role: { type: "string", required: true },
				createdAt: { type: "date", required: true },
			},
		},
	},
} satisfies BetterAuthPlugin;

const SP = "https://sp.acme.test";
const samlProvider = (organizationId?: string) => ({
	providerId: "corp-saml",
	issuer: IDP_ISSUER,
	domain: "corp.test",
	organizationId,
	samlConfig: { entryPoint: IDP_SSO_URL, cert: IDP_CERT, callbackUrl: "/", audience: SP, spMetadata: { entityID: SP } },
});

async function orgSetup(options: SSOOptions = {}) {
	const instance = await setup(options, { plugins: [fakeOrganization] });
	const owner = instance.rows("select id from user where email = 'owner@acme.test'")[0].id as string;
	instance.database
		.prepare("insert into organization (id, name, slug, createdAt) values ('org-1', 'Corp', 'corp', ?)")
		.run(new Date().toISOString());
	const join = (userId: string, organizationId = "org-1") =>
		instance.database
			.prepare("insert into member (id, organizationId, userId, role, createdAt) values (?, ?, ?, 'owner', ?)")
			.run(`m-${userId}-${organizationId}`, organizationId, userId, new Date().toISOString());
	const samlSignIn = () =>
		instance.postForm("/sso/saml2/callback/corp-saml", {
			SAMLResponse: encodeResponse(samlResponseXML({ acs: ACS_FOR("corp-saml"), audience: SP })),
		});
	return { ...instance, owner, join, samlSignIn };
}

describe("sso with the organization plugin", () => {
	it("registers a provider for an organization only for its members", async () => {
		const { register, join, owner } = await orgSetup();
		await expectError(await register(samlProvider("org-1")), 403, "NOT_ORGANIZATION_MEMBER");
		join(owner);
		const response = await register(samlProvider("org-1"));
		expect(response.status).toBe(200);
		expect((await response.json()).organizationId).toBe("org-1");
	});

	it("signs in by organization slug", async () => {
		const { register, join, owner, request } = await orgSetup();
		join(owner);
		await register(samlProvider("org-1"));
		const response = await request("/sign-in/sso", { body: { organizationSlug: "corp", callbackURL: "/" } });
		expect(response.status).toBe(200);
		expect((await response.json()).url).toMatch(/^https:\/\/idp\.corp\.test\/sso\?/);
		await expectError(
			await request("/sign-in/sso", { body: { organizationSlug: "other", callbackURL: "/" } }),
			404,
			"PROVIDER_NOT_FOUND",
		);
	});

	it("adds SSO users to the provider's organization with the default role, once", async () => {
		const { register, join, owner, samlSignIn, rows } = await orgSetup();
		join(owner);
		await register(samlProvider("org-1"));
		expect((await samlSignIn()).status).toBe(302);
		expect((await samlSignIn()).status).toBe(302);
		expect(
			rows(
				"select m.role, m.organizationId from member m join user u on u.id = m.userId where u.email = 'carol@corp.test'",
			),
		).toEqual([{ role: "member", organizationId: "org-1" }]);
	});

	it("uses getRole, and adds nobody when disabled", async () => {
		const withRole = await orgSetup({
			organizationProvisioning: {
				getRole: ({ userInfo }) => (userInfo.displayName === "Carol Corp" ? "admin" : "member"),
			},
		});
		withRole.join(withRole.owner);
		await withRole.register(samlProvider("org-1"));
		await withRole.samlSignIn();
		expect(withRole.rows("select role from member where role = 'admin'")).toHaveLength(1);

		const disabled = await orgSetup({ organizationProvisioning: { disabled: true } });
		disabled.join(disabled.owner);
		await disabled.register(samlProvider("org-1"));
		expect((await disabled.samlSignIn()).status).toBe(302);
		expect(disabled.rows("select id from member")).toHaveLength(1); // the owner only
	});
});

describe("sso without the organization plugin", () => {
	it("keeps organizationId as data, skips provisioning and slug sign-in", async () => {
		const { register, request, postForm, rows } = await setup();
		expect((await register(samlProvider("org-1"))).status).toBe(200);
		const response = await postForm("/sso/saml2/callback/corp-saml", {
			SAMLResponse: encodeResponse(samlResponseXML({ acs: ACS_FOR("corp-saml"), audience: SP })),
		});
		expect(response.status).toBe(302);
		expect(rows("select id from user where email = 'carol@corp.test'")).toHaveLength(1);
		await expectError(
			await request("/sign-in/sso", { body: { organizationSlug: "corp", callbackURL: "/" } }),
			404,
			"PROVIDER_NOT_FOUND",
		);
	});
});
