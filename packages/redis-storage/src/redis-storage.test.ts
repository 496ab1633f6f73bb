import { memoryAdapter } from "better-auth/adapters/memory";
import { runSecondaryStorageTest } from "better-auth/adapters/test";
import { getTestInstance } from "better-auth/test";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisStorage } from ".";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
const prefix = `ba_test_${Math.random().toString(36).slice(2, 10)}:`;

async function connect(): Promise<Redis | null> {
	const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
	try {
		await client.connect();
		await client.ping();
		return client;
	} catch (error) {
		client.disconnect();
		if (process.env.CI === "true" || process.env.CI === "1") {
			throw new Error(`Redis at ${REDIS_URL} is required when CI=true but is unreachable: ${String(error)}`);
		}
		console.warn(`\n**** Redis at ${REDIS_URL} is unreachable: the Redis storage suite is SKIPPED. ****\n`);
		return null;
	}
}

const client = await connect();

describe.skipIf(!client)("redis storage", () => {
	afterAll(async () => {
		const keys = await client!.keys(`${prefix}*`);
		if (keys.length > 0) await client!.del(...keys);
		client!.disconnect();
	});

	runSecondaryStorageTest({
		getStorage: () => redisStorage({ client: client!, keyPrefix: prefix }),
		advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	});

	it("stores under the prefix with the ttl in seconds", async () => {
		const storage = redisStorage({ client: client!, keyPrefix: prefix });
		await storage.set("session-token", '{"session":{}}', 120);
		expect(await client!.get(`${prefix}session-token`)).toBe('{"session":{}}');
		const ttl = await client!.ttl(`${prefix}session-token`);
		expect(ttl).toBeGreaterThan(115);
		expect(ttl).toBeLessThanOrEqual(120);
	});

	it("speaks node-redis's set options too", async () => {
		const calls: unknown[][] = [];
		const nodeRedis = {
			isOpen: true,
			get: async () => null,
			set: async (...args: unknown[]) => {
				calls.push(args);
				return "OK";
			},
			del: async () => 1,
		};
		await redisStorage({ client: nodeRedis, keyPrefix: "p:" }).set("k", "v", 30);
		expect(calls).toEqual([["p:k", "v", { EX: 30 }]]);
	});

	it("lets two instances share sessions through Redis, as two app processes would", async () => {
		const options = {
			emailAndPassword: { enabled: true },
			secondaryStorage: redisStorage({ client: client!, keyPrefix: prefix }),
		};
		const a = await getTestInstance(options);
		const b = await getTestInstance(options);
		const { cookie } = await a.signUp({ email: "redis-user@example.com" });
		const seen = await (await b.request("/get-session", { cookie })).json();
		expect(seen.user.email).toBe("redis-user@example.com");
		await b.request("/sign-out", { body: {}, cookie });
		expect(await (await a.request("/get-session", { cookie })).json()).toBeNull();
	});

	it("hands a password-reset token to exactly one of 16 requests spread over two processes", async () => {
		let token = "";
		const options = {
			emailAndPassword: {
				enabled: true,
				sendResetPassword: async ({ token: sent }: { token: string }) => {
					token = sent;
				},
			},
			secondaryStorage: redisStorage({ client: client!, keyPrefix: prefix }),
			// One database shared by both "processes", as in production.
			database: memoryAdapter({}),
		};
		const a = await getTestInstance(options);
		const b = await getTestInstance(options);
		await a.signUp({ email: "reset-race@example.com" });
		await a.auth.api.requestPasswordReset({ body: { email: "reset-race@example.com" } });
		expect(token).not.toBe("");
		const results = await Promise.allSettled(
			Array.from({ length: 16 }, (_, i) =>
				(i % 2 ? a : b).auth.api.resetPassword({ body: { token, newPassword: `new-password-${i}` } }),
			),
		);
		expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
		expect(results.filter((r) => r.status === "rejected")).toHaveLength(15);
	});
});
