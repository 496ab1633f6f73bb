import { describe, expect, it } from "vitest";
import { getTestInstance } from ".";

describe("getTestInstance", () => {
	it("gives a migrated SQLite instance and helpers that sign users in", async () => {
		const { signUp, signIn, request, database } = await getTestInstance({ emailAndPassword: { enabled: true } });
		const { response, cookie } = await signUp();
		expect(response.status).toBe(200);
		expect(cookie).toMatch(/^better-auth\.session_token=/);
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user.email).toBe("test@example.com");
		expect((await signIn()).response.status).toBe(200);
		expect(database.prepare(`select count(*) as n from "session"`).get()).toEqual({ n: 2 });
	});
});
