// @vitest-environment jsdom
import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { multiSessionClient } from "../../client/plugins/multi-session";
import { createClientTestServer, eventually } from "../../client/test-utils";
import { multiSession } from "./index";

describe("multiSessionClient", () => {
	it("lists, switches and revokes device sessions; the session follows", async () => {
		const server = await createClientTestServer({ plugins: [multiSession()] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [multiSessionClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.multiSession.listDeviceSessions).toBeFunction();
		expectTypeOf(client.multiSession.setActive).toBeFunction();
		expectTypeOf(client.multiSession.revoke).toBeFunction();
		expect(client.$ERROR_CODES.INVALID_SESSION_TOKEN.code).toBe("INVALID_SESSION_TOKEN");

		const a = await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		const tokenA = a.data?.token as string;
		await client.signUp.email({ email: "b@x.com", password: "password123", name: "B" });
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().data?.user.email).toBe("b@x.com"));

		const listed = await client.multiSession.listDeviceSessions();
		expect(listed.data?.map((entry) => entry.user.email)).toEqual(["a@x.com", "b@x.com"]);
		expect(server.requests.at(-1)).toEqual({ method: "GET", path: "/multi-session/list-device-sessions" });

		const switched = await client.multiSession.setActive({ sessionToken: tokenA });
		expect(switched.data?.user.email).toBe("a@x.com");
		await eventually(() => expect(client.useSession.get().data?.user.email).toBe("a@x.com"));

		const refused = await client.multiSession.setActive({ sessionToken: "unknown" });
		expect(refused.error).toMatchObject({ status: 401, code: "INVALID_SESSION_TOKEN" });

		// Revoking the active session makes the other one active.
		const revoked = await client.multiSession.revoke({ sessionToken: tokenA });
		expect(revoked.data).toEqual({ status: true });
		await eventually(() => expect(client.useSession.get().data?.user.email).toBe("b@x.com"));

		await client.signOut();
		expect([...server.jar.keys()]).toEqual([]);
		expect((await client.multiSession.listDeviceSessions()).data).toEqual([]);
	});
});
