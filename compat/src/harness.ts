/**
 * Runs the same requests against this project and better-auth 1.7.24 (a black box installed as
 * `better-auth-reference`), each on its own fresh in-memory SQLite database, so tests can compare
 * status codes, error codes, response keys and cookie names.
 */

import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { betterAuth as referenceBetterAuth } from "better-auth-reference";
import { getMigrations as referenceGetMigrations } from "better-auth-reference/db/migration";
import Database from "better-sqlite3";
import { expect } from "vitest";

export const BASE_URL = "http://localhost:3000";
export const SECRET = "compat-secret-0123456789abcdef0123456789";

// biome-ignore lint/suspicious/noExplicitAny: both libraries accept the same plain options object.
export type Options = Record<string, any>;

interface Side {
	handler: (request: Request) => Promise<Response>;
	// biome-ignore lint/suspicious/noExplicitAny: the endpoint map differs per configuration.
	api: Record<string, (input?: any) => Promise<any>>;
	database: Database.Database;
}

export interface Pair {
	ours: Side;
	reference: Side;
	/** Sends one request (built fresh for each side) and returns both responses. */
	request(path: string, init?: RequestInit): Promise<{ ours: Response; reference: Response }>;
}

async function side(
	create: (options: Options) => { handler: Side["handler"]; api: unknown },
	migrate: (options: Options) => Promise<{ runMigrations: () => Promise<void> }>,
	options: Options,
): Promise<Side> {
	const database = new Database(":memory:");
	const full = { baseURL: BASE_URL, secret: SECRET, ...options, database };
	await (await migrate(full)).runMigrations();
	const auth = create(full);
	return { handler: auth.handler, api: auth.api as Side["api"], database };
}

export async function createPair(options: Options = {}, referenceOptions: Options = options): Promise<Pair> {
	const ours = await side(betterAuth as never, getMigrations as never, options);
	const reference = await side(referenceBetterAuth as never, referenceGetMigrations as never, referenceOptions);
	return {
		ours,
		reference,
		async request(path, init) {
			const url = `${BASE_URL}/api/auth${path}`;
			const [a, b] = await Promise.all([
				ours.handler(new Request(url, init)),
				reference.handler(new Request(url, init)),
			]);
			return { ours: a, reference: b };
		},
	};
}

/** The structure of a JSON value: keys and value kinds, not values. */
export function shapeOf(value: unknown): unknown {
	if (value === null) return "null";
	if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
	if (typeof value === "object") {
		return Object.fromEntries(
			Object.keys(value as object)
				.sort()
				.map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
		);
	}
	return typeof value;
}

/** Cookie names (and attribute names) set by a response, sorted. */
export function cookieNames(response: Response): string[] {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split("=")[0])
		.sort();
}

/** Status plus the parsed body (JSON when possible). */
export async function read(response: Response): Promise<{ status: number; body: unknown }> {
	const text = await response.text();
	try {
		return { status: response.status, body: text ? JSON.parse(text) : null };
	} catch {
		return { status: response.status, body: text };
	}
}

/** The `name=value` pairs a response sets, as a Cookie header for the next request. */
export function cookieOf(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");
}

/** Checks that both sides agree on status, body shape and, where the reference sends one, the error code. */
export function agree(path: string, a: { status: number; body: unknown }, b: { status: number; body: unknown }) {
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code, `${path} code`).toBe((b.body as { code: string }).code);
	}
}
