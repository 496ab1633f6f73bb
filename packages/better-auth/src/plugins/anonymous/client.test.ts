// @vitest-environment jsdom
import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { anonymousClient } from "../../client/plugins/anonymous";
import { createClientTestServer, eventually } from "../../client/test-utils";
import { anonymous } from "./index";

describe("anonymousClient", () => {
	it("signs in anonymously, links by signing up, and deletes an anonymous user", async () => {
		const server = await createClientTestServer({ plugins: [anonymous()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [anonymousClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.signIn.anonymous).toBeFunction();
		expectTypeOf(client.deleteAnonymousUser).toBeFunction();
		expect(client.$ERROR_CODES.ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY.code).toBe(
			"ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY",
		);

		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		const signedIn = await client.signIn.anonymous();
		expect(signedIn.error).toBeNull();
		expect(signedIn.data?.user.isAnonymous).toBe(true);
		await eventually(() => expect(client.useSession.get().data?.user.isAnonymous).toBe(true));
		// Body-less POSTs.
		expect(server.requests.filter((request) => request.path === "/sign-in/anonymous")).toEqual([
			{ method: "POST", path: "/sign-in/anonymous" },
		]);

		const again = await client.signIn.anonymous();
		expect(again.error).toMatchObject({ status: 400, code: "ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY" });

		const linked = await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		expect(linked.data?.user).toMatchObject({ email: "a@x.com", isAnonymous: false });
		const notAnonymous = await client.deleteAnonymousUser();
		expect(notAnonymous.error).toMatchObject({ status: 403, code: "USER_IS_NOT_ANONYMOUS" });

		await client.signOut();
		await client.signIn.anonymous();
		await eventually(() => expect(client.useSession.get().data?.user.isAnonymous).toBe(true));
		const deleted = await client.deleteAnonymousUser();
		expect(deleted.data).toEqual({ success: true });
		expect(server.requests.filter((request) => request.path === "/delete-anonymous-user").map((r) => r.method)).toEqual(
			["POST", "POST"],
		);
		// The session refetches after the delete and finds nobody.
		await eventually(() => expect(client.useSession.get().data).toBeNull());
		const users = server.database.prepare("select email from user").all();
		expect(users).toEqual([{ email: "a@x.com" }]);
	});
});
