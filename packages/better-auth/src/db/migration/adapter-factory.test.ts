import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { kyselyAdapter } from "../../adapters/kysely";
import { betterAuth } from "../../auth";
import { getMigrations } from ".";

describe("getMigrations with database: kyselyAdapter(db)", () => {
	it("reaches the database behind the adapter, migrates it, and the instance then works", async () => {
		const sqlite = new Database(":memory:");
		const options = {
			secret: "s".repeat(32),
			baseURL: "http://localhost:3000",
			emailAndPassword: { enabled: true },
			database: kyselyAdapter(new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }), { type: "sqlite" }),
		};
		const { toBeCreated, runMigrations } = await getMigrations(options);
		expect(toBeCreated.map((table) => table.table).sort()).toEqual(["account", "session", "user", "verification"]);
		await runMigrations();
		expect((await getMigrations(options)).toBeCreated).toEqual([]);
		const auth = betterAuth(options);
		const result = await auth.api.signUpEmail({ body: { email: "k@example.com", password: "password123", name: "K" } });
		expect(result.user.email).toBe("k@example.com");
		expect(sqlite.prepare("select count(*) as n from user").get()).toEqual({ n: 1 });
	});
});
