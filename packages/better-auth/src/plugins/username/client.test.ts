import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { usernameClient } from "../../client/plugins/username";
import { createClientTestServer } from "../../client/test-utils";
import { username } from "./index";

describe("usernameClient", () => {
	it("signs up with a username, signs in with it and checks availability", async () => {
		const server = await createClientTestServer({ plugins: [username()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [usernameClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.signIn.username).toBeFunction();
		expectTypeOf(client.isUsernameAvailable).toBeFunction();

		const signedUp = await client.signUp.email({
			email: "a@x.com",
			password: "password123",
			name: "A",
			username: "TestUser",
		});
		expect(signedUp.data?.user).toMatchObject({ username: "testuser", displayUsername: "TestUser" });
		await client.signOut();

		const signedIn = await client.signIn.username({ username: "testuser", password: "password123" });
		expect(signedIn.data?.user.username).toBe("testuser");
		expectTypeOf<NonNullable<typeof signedIn.data>["user"]["displayUsername"]>().toEqualTypeOf<
			string | null | undefined
		>();
		const session = await client.getSession();
		expect(session.data?.user.username).toBe("testuser");

		expect((await client.isUsernameAvailable({ username: "TESTUSER" })).data).toEqual({ available: false });
		expect((await client.isUsernameAvailable({ username: "free_one" })).data).toEqual({ available: true });

		const updated = await client.updateUser({ username: "renamed" });
		expect(updated.data).toEqual({ status: true });

		const wrong = await client.signIn.username({ username: "renamed", password: "wrong-password" });
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_USERNAME_OR_PASSWORD" });
		const malformed = await client.isUsernameAvailable({ username: "ab" });
		expect(malformed.error).toMatchObject({ status: 422, code: "USERNAME_TOO_SHORT" });
	});
});
