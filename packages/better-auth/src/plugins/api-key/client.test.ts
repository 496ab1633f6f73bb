import { describe, expect, expectTypeOf, it } from "vitest";
import { createAuthClient } from "../../client";
import { apiKeyClient } from "../../client/plugins/api-key";
import { createClientTestServer } from "../../client/test-utils";
import { apiKey } from "./index";

describe("apiKeyClient", () => {
	it("creates, reads, lists, updates and deletes the signed-in user's keys", async () => {
		const server = await createClientTestServer({ plugins: [apiKey({ enableMetadata: true })] });
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [apiKeyClient()],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expectTypeOf(client.apiKey.create).toBeFunction();
		expectTypeOf(client.apiKey.list).toBeFunction();
		await client.signUp.email({ email: "a@x.com", password: "password123", name: "A" });

		const created = await client.apiKey.create({ name: "CI", prefix: "ci_", metadata: { tier: "pro" } });
		expect(created.error).toBeNull();
		expectTypeOf<NonNullable<typeof created.data>["key"]>().toEqualTypeOf<string>();
		expectTypeOf<NonNullable<typeof created.data>["remaining"]>().toEqualTypeOf<number | null>();
		const key = created.data?.key as string;
		expect(key).toMatch(/^ci_[A-Za-z]{64}$/);
		const id = created.data?.id as string;

		const got = await client.apiKey.get({ query: { id } });
		expect(got.data).toMatchObject({ id, name: "CI", metadata: { tier: "pro" } });
		expect(got.data).not.toHaveProperty("key");

		const listed = await client.apiKey.list();
		expectTypeOf<NonNullable<typeof listed.data>["total"]>().toEqualTypeOf<number>();
		expect(listed.data?.total).toBe(1);

		const updated = await client.apiKey.update({ keyId: id, name: "Renamed", enabled: false });
		expect(updated.data).toMatchObject({ name: "Renamed", enabled: false });

		const refused = await client.apiKey.create({ remaining: 5 } as never);
		expect(refused.error).toMatchObject({ status: 400, code: "SERVER_ONLY_PROPERTY" });
		expect(client.$ERROR_CODES.SERVER_ONLY_PROPERTY.code).toBe("SERVER_ONLY_PROPERTY");

		expect((await client.apiKey.delete({ keyId: id })).data).toEqual({ success: true });
		const gone = await client.apiKey.get({ query: { id } });
		expect(gone.error).toMatchObject({ status: 404, code: "KEY_NOT_FOUND" });
		expect(server.requests.filter((r) => r.path === "/api-key/delete").map((r) => r.method)).toEqual(["POST"]);
	});
});
