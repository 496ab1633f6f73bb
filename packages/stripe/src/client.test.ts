import { createAuthClient } from "better-auth/client";
import { TEST_BASE_URL } from "better-auth/test";
import { describe, expect, expectTypeOf, it } from "vitest";
import { stripeClient } from "./client";
import type { ListedSubscription } from "./index";
import { setup } from "./test/setup";

/** A fetch that reaches the instance in-process, keeping cookies like a browser. */
function browserFetch(handler: (request: Request) => Promise<Response>) {
	const jar = new Map<string, string>();
	return async (input: string | URL | Request, init?: RequestInit) => {
		const url = new URL(input instanceof Request ? input.url : String(input), TEST_BASE_URL);
		const headers = new Headers(init?.headers as HeadersInit | undefined);
		headers.set("origin", TEST_BASE_URL);
		if (jar.size) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
		const method = init?.method ?? "GET";
		const response = await handler(
			new Request(url, { method, headers, body: method === "GET" ? undefined : (init?.body as BodyInit) }),
		);
		for (const cookie of response.headers.getSetCookie()) {
			const [pair] = cookie.split(";");
			const index = pair.indexOf("=");
			jar.set(pair.slice(0, index), pair.slice(index + 1));
		}
		return response;
	};
}

describe("stripeClient", () => {
	it("types and calls the subscription endpoints", async () => {
		const instance = await setup();
		const client = createAuthClient({
			baseURL: `${TEST_BASE_URL}/api/auth`,
			plugins: [stripeClient({ subscription: true })],
			fetchOptions: { customFetchImpl: browserFetch(instance.auth.handler) },
		});
		expectTypeOf(client.subscription.upgrade).toBeFunction();
		expectTypeOf(client.subscription.cancel).toBeFunction();
		expectTypeOf(client.subscription.restore).toBeFunction();
		expectTypeOf(client.subscription.list).toBeFunction();
		expectTypeOf(client.subscription.billingPortal).toBeFunction();
		// The webhook and the browser redirects are not client actions.
		expectTypeOf<"stripe" extends keyof typeof client ? true : false>().toEqualTypeOf<false>();
		expectTypeOf<"success" extends keyof typeof client.subscription ? true : false>().toEqualTypeOf<false>();

		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });
		const upgraded = await client.subscription.upgrade({
			plan: "basic",
			successUrl: "/dashboard",
			cancelUrl: "/pricing",
			disableRedirect: true,
		});
		expect(upgraded.error).toBeNull();
		expect(upgraded.data?.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
		expect(upgraded.data?.redirect).toBe(false);

		const listed = await client.subscription.list();
		expect(listed.data).toEqual([]);
		expectTypeOf(listed.data).toEqualTypeOf<ListedSubscription[] | null>();

		const restore = await client.subscription.restore();
		expect(restore.error).toMatchObject({ status: 404, code: "SUBSCRIPTION_NOT_FOUND" });
		const portal = await client.subscription.billingPortal();
		expect(portal.data).toMatchObject({ redirect: true });
		const missing = await client.subscription.upgrade({ plan: "platinum" });
		expect(missing.error).toMatchObject({ status: 400, code: "SUBSCRIPTION_PLAN_NOT_FOUND" });
		expect(client.$ERROR_CODES.SUBSCRIPTION_PLAN_NOT_FOUND.code).toBe("SUBSCRIPTION_PLAN_NOT_FOUND");
		expect(instance.fake.calls("POST", "/v1/billing_portal/sessions")).toHaveLength(1);
	});

	it("has no subscription methods without subscription: true", () => {
		const client = createAuthClient({ baseURL: TEST_BASE_URL, plugins: [stripeClient({ subscription: false })] });
		expectTypeOf<"subscription" extends keyof typeof client ? true : false>().toEqualTypeOf<false>();
		expect(stripeClient({ subscription: false }).pathMethods).toEqual({
			"/subscription/restore": "POST",
			"/subscription/billing-portal": "POST",
		});
	});
});
