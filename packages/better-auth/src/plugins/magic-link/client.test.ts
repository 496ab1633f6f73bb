import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { magicLinkClient } from "../../client/plugins/magic-link";
import { createClientTestServer } from "../../client/test-utils";
import { magicLink } from "./index";

describe("magicLinkClient", () => {
	it("requests a link and verifies its token by hand", async () => {
		const tokens: string[] = [];
		const server = await createClientTestServer({
			plugins: [
				magicLink({
					sendMagicLink: async ({ token }) => {
						tokens.push(token);
					},
				}),
			],
		});
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [magicLinkClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.signIn.magicLink).toBeFunction();
		expectTypeOf(client.magicLink.verify).toBeFunction();

		const requested = await client.signIn.magicLink({ email: "a@x.com", name: "A" });
		expect(requested.data).toEqual({ status: true });
		const bad = await client.signIn.magicLink({ email: "a@x.com", callbackURL: "http://evil.com" });
		expect(bad.error).toMatchObject({ status: 403, code: "INVALID_CALLBACK_URL" });

		const verified = await client.magicLink.verify({ query: { token: tokens[0] } });
		expect(verified.data).toMatchObject({ user: { email: "a@x.com", name: "A" } });
		expect((await client.getSession()).data?.user.email).toBe("a@x.com");
	});
});
