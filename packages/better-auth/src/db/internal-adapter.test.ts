import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { kyselyAdapter } from "../adapters/kysely";
import { createKyselyDatabase } from "../adapters/kysely/dialect";
import { memoryAdapter } from "../adapters/memory";
import { createInternalAdapter } from "./internal-adapter";
import { getMigrations } from "./migration";

async function sqlite() {
	const options = { database: new Database(":memory:") };
	await (await getMigrations(options)).runMigrations();
	const { kysely } = createKyselyDatabase(options)!;
	return kyselyAdapter(kysely, { type: "sqlite" })(options);
}

describe.each([
	["memory", async () => memoryAdapter({})({})],
	["sqlite", sqlite],
])("internal adapter on %s", (_name, makeAdapter) => {
	it("gives a verification value to exactly one of 16 parallel consumers", async () => {
		const internal = createInternalAdapter(await makeAdapter(), { options: {} });
		await internal.createVerificationValue({
			identifier: "reset-password:token",
			value: "user-1",
			expiresAt: new Date(Date.now() + 60_000),
		});
		const results = await Promise.all(
			Array.from({ length: 16 }, () => internal.consumeVerificationValue("reset-password:token")),
		);
		expect(results.filter(Boolean)).toHaveLength(1);
		expect(await internal.findVerificationValue("reset-password:token")).toBeNull();
	});

	it("does not hand out an expired value", async () => {
		const internal = createInternalAdapter(await makeAdapter(), { options: {} });
		await internal.createVerificationValue({ identifier: "old", value: "v", expiresAt: new Date(Date.now() - 1) });
		expect(await internal.consumeVerificationValue("old")).toBeNull();
	});

	it("finds a session with its user, and lists and deletes a user's sessions", async () => {
		const internal = createInternalAdapter(await makeAdapter(), { options: {} });
		const user = (await internal.createUser({ name: "S", email: "S@Example.com", emailVerified: false }))!;
		expect(user.email).toBe("s@example.com");
		const a = (await internal.createSession(user.id, { ipAddress: "1.2.3.4", userAgent: "ua" }))!;
		await internal.createSession(user.id, {}, true);
		const found = await internal.findSession(a.token);
		expect(found?.user.id).toBe(user.id);
		expect(found?.session.ipAddress).toBe("1.2.3.4");
		expect(await internal.listSessions(user.id)).toHaveLength(2);
		expect(await internal.deleteUserSessions(user.id)).toBe(2);
		expect(await internal.findSession(a.token)).toBeNull();
	});
});
