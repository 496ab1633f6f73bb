import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { customSessionClient } from "../../client/plugins";
import { createClientTestServer } from "../../client/test-utils";
import { getTestInstance } from "../../test";
import { customSession } from ".";

const options = {
	emailAndPassword: { enabled: true },
	user: { additionalFields: { plan: { type: "string", defaultValue: "free" } } },
} as const;

const plugin = customSession(
	async ({ user, session }) => ({
		user: { id: user.id, email: user.email, plan: user.plan },
		roles: ["reader"],
		expires: session.expiresAt,
	}),
	options,
);

describe("customSession", () => {
	it("get-session answers with the function's result, and null when signed out", async () => {
		const { auth, signUp, request } = await getTestInstance({ ...options, plugins: [plugin] });
		const { cookie } = await signUp();
		const custom = await (await request("/get-session", { cookie })).json();
		expect(custom).toMatchObject({ user: { email: "test@example.com", plan: "free" }, roles: ["reader"] });
		expect(Object.keys(custom.user).sort()).toEqual(["email", "id", "plan"]);
		expect(await (await request("/get-session")).json()).toBeNull();
		const viaApi = await auth.api.getSession({ headers: new Headers({ cookie }) });
		expect(viaApi?.roles).toEqual(["reader"]);
		expectTypeOf<NonNullable<typeof viaApi>["roles"]>().toEqualTypeOf<string[]>();
		expectTypeOf<NonNullable<typeof viaApi>["user"]["plan"]>().toEqualTypeOf<string | null | undefined>();
	});

	it("keeps get-session's cookie handling: an ended session clears the cookies", async () => {
		const { signUp, request, database } = await getTestInstance({ ...options, plugins: [plugin] });
		const { cookie } = await signUp();
		database.prepare("delete from session").run();
		const response = await request("/get-session", { cookie });
		expect(await response.json()).toBeNull();
		expect(response.headers.getSetCookie().join()).toMatch(/better-auth\.session_token=; Max-Age=0/);
	});

	it("customSessionClient types the client's session from the server's function", async () => {
		const server = await createClientTestServer({ ...options, plugins: [plugin] });
		const auth = { options: { ...options, plugins: [plugin] } };
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [customSessionClient<typeof auth>()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		await client.signUp.email({ email: "c@example.com", password: "password1234", name: "C" });
		const { data } = await client.getSession();
		expect(data?.roles).toEqual(["reader"]);
		expectTypeOf<NonNullable<typeof data>["roles"]>().toEqualTypeOf<string[]>();
	});
});
