/**
 * Auth instances for the scenarios: the same options on both sides, a database of their own
 * (a SQLite file in WAL mode, or the side's PostgreSQL schema) whose statements are counted.
 */

import { type Counter, countingSqlite, createCounter, type Schema } from "./drivers";
import type { Auth, Lib, Library, Options } from "./libs";

export const BASE_URL = "http://localhost:3000";
export const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
export const PASSWORD = "bench-password-0123";

export type Backend = "sqlite" | "postgres";

/** One configured instance of one library. */
export interface Instance {
	lib: Lib;
	auth: Auth;
	counter: Counter;
	close(): void;
}

/** Options both sides get: rate limiting off (it would skew throughput), no telemetry or logs. */
export function baseOptions(): Options {
	return {
		baseURL: BASE_URL,
		secret: SECRET,
		emailAndPassword: { enabled: true },
		rateLimit: { enabled: false },
		telemetry: { enabled: false },
		logger: { disabled: true },
	};
}

/** Creates a migrated instance of `library` on `backend` with `extra` options on top of the base. */
export async function createInstance(
	library: Library,
	backend: Backend,
	schema: Schema | undefined,
	extra: Options = {},
): Promise<Instance> {
	const counter = createCounter();
	let close = () => {};
	let database: unknown;
	if (backend === "sqlite") {
		const db = countingSqlite(library.lib, counter);
		database = db;
		close = () => db.close();
	} else {
		if (!schema) throw new Error("PostgreSQL scenario without a schema");
		// Pools end when the schema is dropped.
		database = schema.pool(counter);
	}
	const options = { ...baseOptions(), ...extra, database };
	await (await library.getMigrations(options)).runMigrations();
	const auth = library.betterAuth(options);
	counter.reset();
	return { lib: library.lib, auth, counter, close };
}

/** A request to an auth endpoint. */
export function authRequest(path: string, init?: RequestInit): Request {
	return new Request(`${BASE_URL}/api/auth${path}`, init);
}

/** A same-origin JSON POST, as a browser form would send it. */
export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Request {
	return authRequest(path, {
		method: "POST",
		headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
		body: JSON.stringify(body),
	});
}

/** The `name=value` pairs a response sets, as a Cookie header. */
export function cookieOf(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");
}

/** Keeps only the named cookies of a Cookie header. */
export function onlyCookies(cookie: string, names: readonly string[]): string {
	return cookie
		.split("; ")
		.filter((pair) => names.includes(pair.split("=")[0]))
		.join("; ");
}

let emails = 0;

/** A new email address, unique within the run. */
export function uniqueEmail(lib: Lib): string {
	return `${lib}-${process.pid}-${emails++}@bench.example`;
}

/** Throws unless `response` has `status`; returns the parsed JSON body. */
export async function expectJson(response: Response, status: number, what: string): Promise<unknown> {
	const text = await response.text();
	if (response.status !== status) {
		throw new Error(`${what}: expected status ${status}, got ${response.status} ${text.slice(0, 200)}`);
	}
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Throws unless `response` has `status`, then reads the body (as a server would send it). */
export async function consume(response: Response, status: number, what: string): Promise<void> {
	if (response.status !== status) throw new Error(`${what}: status ${response.status} during timing`);
	await response.arrayBuffer();
}

/** Throws unless `actual` equals `expected`. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
	if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

/** Signs a new user up and returns the email and the session cookies. */
export async function signUp(instance: Instance): Promise<{ email: string; cookie: string }> {
	const email = uniqueEmail(instance.lib);
	const response = await instance.auth.handler(
		postJson("/sign-up/email", { email, password: PASSWORD, name: "Bench" }),
	);
	const body = (await expectJson(response.clone(), 200, `${instance.lib} sign-up`)) as { user?: { email?: string } };
	expectEqual(body.user?.email, email, `${instance.lib} sign-up user`);
	return { email, cookie: cookieOf(response) };
}

/** Signs `email` in and returns the session cookies. */
export async function signIn(instance: Instance, email: string): Promise<string> {
	const response = await instance.auth.handler(postJson("/sign-in/email", { email, password: PASSWORD }));
	const body = (await expectJson(response.clone(), 200, `${instance.lib} sign-in`)) as { user?: { email?: string } };
	expectEqual(body.user?.email, email, `${instance.lib} sign-in user`);
	return cookieOf(response);
}

export const SESSION_TOKEN = "better-auth.session_token";
export const SESSION_DATA = "better-auth.session_data";
