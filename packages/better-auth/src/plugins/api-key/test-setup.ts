/** Shared setup for the api-key tests: an instance with the plugin, a user, HTTP and server calls. */
import type { DBAdapter } from "@better-auth/core/db";
import { cookieHeader, getTestInstance } from "../../test";
import { apiKey } from "./index";
import type { ApiKeyOptions } from "./types";

const password = "password123";

export type Json = Record<string, unknown>;

/** The part of better-sqlite3 the tests use, structurally (its own type cannot be re-exported). */
export interface SqlDatabase {
	prepare(sql: string): {
		get(...params: unknown[]): unknown;
		all(...params: unknown[]): unknown[];
		run(...params: unknown[]): unknown;
	};
}

export async function setup(options: ApiKeyOptions | ApiKeyOptions[] = {}, extra: Json = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [apiKey(options), ...((extra.plugins as never[]) ?? [])],
	});
	const api = instance.auth.api as unknown as Record<string, (input?: unknown) => Promise<Json>>;
	const signUpUser = async (email = "a@x.com") => {
		const response = await instance.request("/sign-up/email", { body: { email, password, name: "User" } });
		const body = (await response.json()) as { user: { id: string } };
		return { cookie: cookieHeader(response), id: body.user.id };
	};
	const call = async (
		path: string,
		init: { body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
	) => {
		const response = await instance.request(path, init);
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : null) as Json & Json[] };
	};
	/** Creates a key from server code (every field allowed). */
	const serverCreate = (body: Json) => api.createApiKey({ body }) as Promise<Json & { key: string; id: string }>;
	const verify = (key: string, extraBody: Json = {}) =>
		api.verifyApiKey({ body: { key, ...extraBody } }) as Promise<{
			valid: boolean;
			error: { code: string; message: string; details?: Json } | null;
			key: (Json & { remaining: number | null; requestCount: number | null }) | null;
		}>;
	const row = (id: string) =>
		instance.database.prepare("select * from apikey where id = ?").get(id) as Json | undefined;
	const database: SqlDatabase = instance.database;
	// Only what the tests use: the instance's own type names better-sqlite3 in ways exports cannot.
	const context = instance.auth.$context as Promise<{ adapter: DBAdapter }>;
	return { context, database, api, signUpUser, call, serverCreate, verify, row };
}

export async function rejects(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		return error as { statusCode: number; body: { code: string; message: string } };
	}
	throw new Error("expected the call to fail");
}
