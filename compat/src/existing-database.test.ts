import { betterAuth } from "better-auth";
import { betterAuth as referenceBetterAuth } from "better-auth-reference";
import { getMigrations as referenceGetMigrations } from "better-auth-reference/db/migration";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_URL, SECRET } from "./harness";

describe("compat: an existing better-auth 1.7 database", () => {
	it("works unchanged: same file, same password, same session cookie", async () => {
		// The database is created, migrated and filled by better-auth 1.7.24 only.
		const database = new Database(":memory:");
		const options = { baseURL: BASE_URL, secret: SECRET, database, emailAndPassword: { enabled: true } };
		await (await referenceGetMigrations(options as never)).runMigrations();
		const reference = referenceBetterAuth(options as never);
		const signUp = await reference.handler(
			new Request(`${BASE_URL}/api/auth/sign-up/email`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ email: "legacy@example.com", password: "legacy-password-1", name: "Legacy" }),
			}),
		);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");

		// This project, pointed at the very same database, without migrating anything.
		const ours = betterAuth(options);
		const session = await ours.handler(new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie } }));
		expect((await session.json()).user).toMatchObject({ email: "legacy@example.com", emailVerified: false });
		const signIn = await ours.handler(
			new Request(`${BASE_URL}/api/auth/sign-in/email`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ email: "legacy@example.com", password: "legacy-password-1" }),
			}),
		);
		expect(signIn.status).toBe(200);
		// And what this project writes, better-auth 1.7 reads back.
		const ourCookie = signIn.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const back = await reference.handler(
			new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie: ourCookie } }),
		);
		expect((await back.json()).user.email).toBe("legacy@example.com");
		const wrong = await ours.handler(
			new Request(`${BASE_URL}/api/auth/sign-in/email`, {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ email: "legacy@example.com", password: "not-the-password" }),
			}),
		);
		expect(wrong.status).toBe(401);
	});
});
