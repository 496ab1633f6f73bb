/**
 * `better-auth/test`: a real `betterAuth()` instance on in-memory SQLite (migrated), with
 * helpers to call it over its HTTP handler and to sign users in.
 *
 * @example
 * const { auth, signUp, request } = await getTestInstance({ emailAndPassword: { enabled: true } });
 * const { cookie } = await signUp({ email: "a@b.com", password: "password123", name: "A" });
 * const session = await (await request("/get-session", { cookie })).json();
 */
import Database from "better-sqlite3";

type SqliteDatabase = InstanceType<typeof Database>;

import type { BetterAuthOptions } from "@better-auth/core";
import { betterAuth } from "../auth";
import { getMigrations } from "../db/migration";

export const TEST_BASE_URL = "http://localhost:3000";

export interface TestRequestInit {
	method?: string;
	body?: unknown;
	cookie?: string;
	headers?: Record<string, string>;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookieHeader(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");
}

export async function getTestInstance<const Options extends BetterAuthOptions>(options: Options = {} as Options) {
	const database = new Database(":memory:");
	const full = {
		baseURL: TEST_BASE_URL,
		secret: "better-auth-test-secret-0123456789",
		logger: { disabled: true },
		...options,
		database: options.database ?? database,
	} as Options;
	if (!options.database) await (await getMigrations(full)).runMigrations();
	const auth = betterAuth(full);

	/** Sends a request through `auth.handler` (JSON body, same-origin `Origin` header). */
	const request = (path: string, init: TestRequestInit = {}) => {
		const headers: Record<string, string> = { origin: TEST_BASE_URL, ...init.headers };
		if (init.body !== undefined) headers["content-type"] = "application/json";
		if (init.cookie) headers.cookie = init.cookie;
		return auth.handler(
			new Request(`${TEST_BASE_URL}/api/auth${path}`, {
				method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
				headers,
				body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
			}),
		);
	};

	/** Signs a user up (default test user) and returns the response and its session cookie. */
	const signUp = async (user: { email?: string; password?: string; name?: string } & Record<string, unknown> = {}) => {
		const response = await request("/sign-up/email", {
			body: { email: "test@example.com", password: "test-password-123", name: "Test User", ...user },
		});
		return { response, cookie: cookieHeader(response) };
	};

	/** Signs in and returns the response and its session cookie. */
	const signIn = async (
		email = "test@example.com",
		password = "test-password-123",
		extra: Record<string, unknown> = {},
	) => {
		const response = await request("/sign-in/email", { body: { email, password, ...extra } });
		return { response, cookie: cookieHeader(response) };
	};

	return { auth, database: database as SqliteDatabase, options: full, request, signUp, signIn };
}
