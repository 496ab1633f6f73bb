import type { BetterAuthOptions } from "@better-auth/core";
import { betterAuth } from "better-auth";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { mysqlAvailable, mysqlDatabase, postgresAvailable, postgresSchema } from "../test-utils/databases";
import { fakeAdapter, notesPlugin } from "../test-utils/fixtures";
import { recordingUi } from "../test-utils/ui";
import { migrate } from "./migrate";

const hasPostgres = await postgresAvailable();
const hasMysql = await mysqlAvailable();

const SECRET = "a-test-secret-that-is-long-enough-0123456789";

/** Signs a user up and in through the migrated tables. */
async function signUpAndIn(options: BetterAuthOptions) {
	const auth = betterAuth({ ...options, secret: SECRET, emailAndPassword: { enabled: true } });
	const email = `ada-${Math.random().toString(36).slice(2)}@example.com`;
	const signedUp = await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name: "Ada" } });
	expect(signedUp.user.email).toBe(email);
	const signedIn = await auth.api.signInEmail({ body: { email, password: "correct horse battery" } });
	expect(signedIn.user.id).toBe(signedUp.user.id);
	expect(signedIn.token).toEqual(expect.any(String));
	await expect(auth.api.signInEmail({ body: { email, password: "wrong password!!" } })).rejects.toThrow();
}

/** migrate, sign-up/in, migrate again (nothing), then a plugin's tables and columns, then nothing. */
async function migrateTwice(database: unknown) {
	const options = { database } as BetterAuthOptions;
	const ui = recordingUi();
	const first = await migrate(options, ui, true);
	expect(first.applied).toBe(true);
	expect(first.tables).toEqual(["user", "session", "account", "verification"]);
	expect(ui.text()).toContain("+ table user (id, name, email");
	await signUpAndIn(options);

	const again = recordingUi();
	const second = await migrate(options, again, true);
	expect(second).toEqual({ applied: false, tables: [], columns: [] });
	expect(again.text()).toContain("The database is up to date");

	// A plugin added later: its table and the user columns are added, existing rows kept.
	const withPlugin = { ...options, plugins: [notesPlugin] } as BetterAuthOptions;
	const third = await migrate(withPlugin, recordingUi(), true);
	expect(third.tables).toEqual(["note", "profile"]);
	expect(third.columns).toContain("user.credits");
	await signUpAndIn(withPlugin);
	expect((await migrate(withPlugin, recordingUi(), true)).applied).toBe(false);
}

describe("migrate", () => {
	it("SQLite: creates the tables, then does nothing the second time", async () => {
		await migrateTwice(new Database(":memory:"));
	});

	it.skipIf(!hasPostgres)("PostgreSQL: creates the tables, then does nothing the second time", async () => {
		const { pool, cleanup } = await postgresSchema("migrate");
		try {
			await migrateTwice(pool);
		} finally {
			await cleanup();
		}
	});

	it.skipIf(!hasMysql)("MySQL: creates the tables, then does nothing the second time", async () => {
		const { pool, cleanup } = await mysqlDatabase("migrate");
		try {
			await migrateTwice(pool);
		} finally {
			await cleanup();
		}
	});

	it("asks before applying, and changes nothing when the answer is no", async () => {
		const database = new Database(":memory:");
		const ui = recordingUi([false]);
		const result = await migrate({ database }, ui, false);
		expect(ui.questions).toEqual(["Apply this migration?"]);
		expect(result.applied).toBe(false);
		expect(database.prepare("select name from sqlite_master where type = 'table'").all()).toEqual([]);
		expect((await migrate({ database }, recordingUi([true]), false)).applied).toBe(true);
	});

	it("refuses ORM adapters, naming generate as the fix", async () => {
		for (const [id, tool] of [
			["prisma", "prisma migrate dev"],
			["drizzle", "drizzle-kit migrate"],
		]) {
			const attempt = migrate({ database: fakeAdapter(id, "postgresql") }, recordingUi(), true);
			await expect(attempt).rejects.toThrow("npx @better-auth/cli generate");
			await expect(migrate({ database: fakeAdapter(id, "pg") }, recordingUi(), true)).rejects.toThrow(tool);
		}
	});

	it("refuses a config without a database", async () => {
		await expect(migrate({}, recordingUi(), true)).rejects.toThrow(/no `database`/);
	});

	it("reports a database it cannot reach, with what to check", async () => {
		const { default: pg } = await import("pg");
		const pool = new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
		try {
			await expect(migrate({ database: pool }, recordingUi(), true)).rejects.toThrow(/DATABASE_URL/);
		} finally {
			await pool.end();
		}
	});
});
