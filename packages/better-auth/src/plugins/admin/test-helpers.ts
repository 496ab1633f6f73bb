/** Shared setup of the admin plugin's tests: an instance with an admin and a plain user signed in. */
import type Database from "better-sqlite3";
import { expect } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { admin } from "./index";
import type { AdminOptions } from "./types";

export const password = "password123";

export async function setupAdmin(options: AdminOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [admin(options), ...((extra.plugins as never[]) ?? [])],
	});
	const { database, request } = instance;

	/** Signs a user up; `role` is written straight to the row (no endpoint lets a user pick one). */
	const createUser = async (email: string, role?: string) => {
		const response = await request("/sign-up/email", { body: { email, password, name: email.split("@")[0] } });
		expect(response.status).toBe(200);
		const body = (await response.json()) as { user: { id: string } };
		if (role !== undefined) database.prepare("update user set role = ? where id = ?").run(role, body.user.id);
		return { id: body.user.id, cookie: cookieHeader(response) };
	};

	const adminUser = await createUser("admin@x.com", "admin");
	const user = await createUser("user@x.com");

	/** A POST (or GET with a query string) as the admin, unless another cookie is given. */
	const call = (path: string, body?: unknown, cookie = adminUser.cookie) =>
		request(path, body === undefined ? { cookie } : { body, cookie });

	const row = (id: string) =>
		database.prepare("select * from user where id = ?").get(id) as Record<string, unknown> | undefined;
	const sessionCount = (userId: string) =>
		(database.prepare("select count(*) as n from session where userId = ?").get(userId) as { n: number }).n;

	return { ...instance, database: database as Database.Database, createUser, adminUser, user, call, row, sessionCount };
}

/** Checks status and error code of an error answer. */
export async function expectError(response: Response, status: number, code: string) {
	const body = await response.json();
	expect(response.status, JSON.stringify(body)).toBe(status);
	expect(body).toMatchObject({ code });
}

/** Merges the cookies a response sets into a Cookie header (expired ones removed). */
export function withCookies(cookie: string, response: Response): string {
	const jar = new Map(
		cookie
			.split("; ")
			.filter(Boolean)
			.map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const),
	);
	for (const set of response.headers.getSetCookie()) {
		const pair = set.split(";")[0];
		const name = pair.slice(0, pair.indexOf("="));
		if (pair.endsWith("=") || /max-age=0(;|$)/i.test(set)) jar.delete(name);
		else jar.set(name, pair);
	}
	return [...jar.values()].join("; ");
}
