import { describe, expect, it } from "vitest";
import { rejects, setup } from "./test-setup";

describe("api-key: verify", () => {
	it("answers valid with the key (without its hash) and counts the request", async () => {
		const { serverCreate, signUpUser, verify } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id });
		const result = await verify(created.key);
		expect(result).toMatchObject({ valid: true, error: null, key: { id: created.id, requestCount: 1 } });
		expect(result.key).not.toHaveProperty("key");
		expect(result.key?.lastRequest).not.toBeNull();
	});

	it("answers invalid for unknown, short and refused keys", async () => {
		const { verify, api } = await setup({ customAPIKeyValidator: ({ key }) => !key.startsWith("deny") });
		for (const key of ["short", "x".repeat(64), `deny${"x".repeat(64)}`]) {
			expect(await verify(key)).toEqual({
				valid: false,
				error: { code: "INVALID_API_KEY", message: "Invalid API key." },
				key: null,
			});
		}
		expect(await rejects(api.verifyApiKey({ body: {} }))).toMatchObject({ body: { code: "VALIDATION_ERROR" } });
		expect(await rejects(api.verifyApiKey({ body: { key: 5 } }))).toMatchObject({ body: { code: "VALIDATION_ERROR" } });
	});

	it("spends remaining, then refuses and removes a key that never refills", async () => {
		const { serverCreate, signUpUser, verify, row } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, remaining: 2 });
		expect((await verify(created.key)).key?.remaining).toBe(1);
		expect((await verify(created.key)).key?.remaining).toBe(0);
		expect((await verify(created.key)).error?.code).toBe("USAGE_EXCEEDED");
		expect(row(created.id)).toBeUndefined();
		expect((await verify(created.key)).error?.code).toBe("INVALID_API_KEY");
	});

	it("refills remaining to refillAmount once refillInterval has passed, and keeps a spent key that refills", async () => {
		const { serverCreate, signUpUser, verify, row, database } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, remaining: 0, refillAmount: 3, refillInterval: 60_000 });
		expect((await verify(created.key)).error?.code).toBe("USAGE_EXCEEDED");
		expect(row(created.id)).toBeDefined();
		const past = new Date(Date.now() - 120_000).toISOString();
		database.prepare("update apikey set lastRefillAt = ? where id = ?").run(past, created.id);
		const refilled = await verify(created.key);
		expect(refilled).toMatchObject({ valid: true, key: { remaining: 2 } });
		expect(refilled.key?.lastRefillAt).not.toBe(past);
	});

	it("rate limits per key, says when to retry, and opens again after the window", async () => {
		const { serverCreate, signUpUser, verify, database } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, rateLimitMax: 2, rateLimitTimeWindow: 60_000 });
		expect((await verify(created.key)).valid).toBe(true);
		expect((await verify(created.key)).key?.requestCount).toBe(2);
		const limited = await verify(created.key);
		expect(limited).toMatchObject({ valid: false, error: { code: "RATE_LIMITED", message: "Rate limit exceeded." } });
		const wait = limited.error?.details?.tryAgainIn as number;
		expect(wait).toBeGreaterThan(55_000);
		expect(wait).toBeLessThanOrEqual(60_000);
		database
			.prepare("update apikey set lastRequest = ? where id = ?")
			.run(new Date(Date.now() - 61_000).toISOString(), created.id);
		expect(await verify(created.key)).toMatchObject({ valid: true, key: { requestCount: 1 } });
	});

	it("does not count requests of a key whose rate limit is off", async () => {
		const { serverCreate, signUpUser, verify } = await setup({ rateLimit: { enabled: false } });
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, rateLimitMax: 1 });
		for (let i = 0; i < 3; i++)
			expect(await verify(created.key)).toMatchObject({ valid: true, key: { requestCount: 0 } });
	});

	it("refuses disabled and expired keys (expired ones are removed)", async () => {
		const { serverCreate, signUpUser, verify, api, row, database } = await setup();
		const user = await signUpUser();
		const disabled = await serverCreate({ userId: user.id });
		await api.updateApiKey({ body: { keyId: disabled.id, userId: user.id, enabled: false } });
		expect((await verify(disabled.key)).error).toEqual({ code: "KEY_DISABLED", message: "API Key is disabled" });
		const expired = await serverCreate({ userId: user.id, expiresIn: 86_400 });
		database
			.prepare("update apikey set expiresAt = ? where id = ?")
			.run(new Date(Date.now() - 1000).toISOString(), expired.id);
		expect((await verify(expired.key)).error?.code).toBe("KEY_EXPIRED");
		expect(row(expired.id)).toBeUndefined();
	});

	it("checks permissions: every required action must be granted", async () => {
		const { serverCreate, signUpUser, verify, row } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, permissions: { projects: ["read", "write"] } });
		expect((await verify(created.key, { permissions: { projects: ["read"] } })).valid).toBe(true);
		expect((await verify(created.key, { permissions: { projects: ["read", "write"] } })).valid).toBe(true);
		for (const permissions of [{ projects: ["delete"] }, { projects: ["read", "delete"] }, { billing: ["read"] }]) {
			expect((await verify(created.key, { permissions })).error?.code).toBe("KEY_NOT_FOUND");
		}
		// Refused checks do not count as uses.
		expect(row(created.id)?.requestCount).toBe(2);
		const bare = await serverCreate({ userId: user.id });
		expect((await verify(bare.key, { permissions: { projects: ["read"] } })).valid).toBe(false);
	});

	// Two requests racing for the last use must not both get it.
	it("never spends more uses than remaining under concurrent verification", async () => {
		const { serverCreate, signUpUser, verify } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, remaining: 3, rateLimitEnabled: false });
		const results = await Promise.all(Array.from({ length: 8 }, () => verify(created.key)));
		expect(results.filter((result) => result.valid)).toHaveLength(3);
	});
});

describe("api-key: store", () => {
	// The compare-and-set behind concurrent verification: a stale read must not overwrite.
	it("updateIf writes only while the expected values still hold", async () => {
		const { serverCreate, signUpUser, context } = await setup();
		const user = await signUpUser();
		const created = await serverCreate({ userId: user.id, remaining: 3 });
		const { apiKeyStore } = await import("./store");
		const store = apiKeyStore((await context).adapter);
		expect(await store.updateIf(created.id, { remaining: 3 }, { remaining: 2 })).toMatchObject({ remaining: 2 });
		expect(await store.updateIf(created.id, { remaining: 3 }, { remaining: 2 })).toBeNull();
		expect(await store.updateIf(created.id, { remaining: 2, requestCount: 0 }, { remaining: 1 })).toMatchObject({
			remaining: 1,
		});
		const unlimited = await serverCreate({ userId: user.id });
		expect(await store.updateIf(unlimited.id, { remaining: null }, { requestCount: 1 })).toMatchObject({
			requestCount: 1,
		});
	});
});
