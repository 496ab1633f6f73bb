import { getMigrations } from "better-auth/db/migration";
import { getMigrations as referenceGetMigrations } from "better-auth-reference/db/migration";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Options } from "./harness";

const variants: Record<string, Options> = {
	"core tables": {},
	"database rate limit and serial ids": {
		rateLimit: { storage: "database" },
		advanced: { database: { generateId: "serial" } },
	},
	"renamed tables and additional fields": {
		user: {
			modelName: "users",
			fields: { email: "email_address" },
			additionalFields: {
				role: { type: "string", required: false, index: true },
				tags: { type: "string[]", required: false },
				score: { type: "number", bigint: true, defaultValue: 0 },
			},
		},
		session: { additionalFields: { device: { type: "string", required: false } } },
	},
};

async function compile(fn: typeof getMigrations, options: Options): Promise<string> {
	const migrations = await fn({ ...options, database: new Database(":memory:") } as never);
	return migrations.compileMigrations();
}

describe("compat: migrations", () => {
	for (const [name, options] of Object.entries(variants)) {
		it(`creates the same SQLite tables as better-auth 1.7 (${name})`, async () => {
			expect(await compile(getMigrations, options)).toBe(
				await compile(referenceGetMigrations as unknown as typeof getMigrations, options),
			);
		});
	}

	it("adds the same columns to an existing database", async () => {
		const run = async (fn: typeof getMigrations) => {
			const database = new Database(":memory:");
			await (await fn({ database } as never)).runMigrations();
			const next = await fn({
				database,
				...variants["renamed tables and additional fields"],
				user: { additionalFields: { nickname: { type: "string", required: false } } },
			} as never);
			return next.compileMigrations();
		};
		expect(await run(getMigrations)).toBe(await run(referenceGetMigrations as unknown as typeof getMigrations));
	});
});
