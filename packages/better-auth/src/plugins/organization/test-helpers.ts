/** Shared setup of the organization plugin's tests: an instance, users, and call helpers. */
import type Database from "better-sqlite3";
import { expect } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { organization } from "./index";
import type { OrganizationOptions } from "./types";

export async function setupOrganization(options: OrganizationOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [organization(options)],
	});
	const { request, database } = instance;

	/** Signs a user up; returns their id and session cookie. */
	const user = async (name: string) => {
		const response = await request("/sign-up/email", {
			body: { email: `${name}@x.com`, password: "password123", name },
		});
		expect(response.status).toBe(200);
		const body = (await response.json()) as { user: { id: string } };
		return { id: body.user.id, email: `${name}@x.com`, cookie: cookieHeader(response) };
	};

	/** A request as `who`; a body makes it a POST. */
	const call = async (path: string, who?: { cookie: string }, body?: unknown) => {
		const response = await request(path, { body, cookie: who?.cookie });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null, response };
	};

	/** Creates an organization as `who`; returns it. */
	const createOrg = async (who: { cookie: string }, slug: string) => {
		const result = await call("/organization/create", who, { name: slug.toUpperCase(), slug });
		expect(result.status, JSON.stringify(result.body)).toBe(200);
		return result.body as { id: string; slug: string; members: { id: string }[] };
	};

	/** Invites `who` into `organizationId` as `inviter` and accepts; returns the member. */
	const join = async (
		inviter: { cookie: string },
		who: { cookie: string; email: string },
		organizationId: string,
		role: string | string[] = "member",
	) => {
		const invited = await call("/organization/invite-member", inviter, { email: who.email, role, organizationId });
		expect(invited.status, JSON.stringify(invited.body)).toBe(200);
		const accepted = await call("/organization/accept-invitation", who, { invitationId: invited.body.id });
		expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
		return accepted.body.member as { id: string; role: string };
	};

	const rows = (sql: string, ...params: unknown[]) => database.prepare(sql).all(...params) as Record<string, unknown>[];

	return { ...instance, database: database as Database.Database, user, call, createOrg, join, rows };
}

/** Checks the status and error code of an answer. */
export function expectError(result: { status: number; body: unknown }, status: number, code: string) {
	expect(result.status, JSON.stringify(result.body)).toBe(status);
	expect(result.body).toMatchObject({ code });
}
