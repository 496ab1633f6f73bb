/**
 * Redis as Better Auth's secondary storage: sessions and rate-limit counters live in Redis,
 * shared by every app process.
 *
 * @example
 * import Redis from "ioredis";
 * import { redisStorage } from "@better-auth/redis-storage";
 * betterAuth({ secondaryStorage: redisStorage({ client: new Redis(process.env.REDIS_URL) }) });
 */
import type { SecondaryStorage } from "@better-auth/core/db";

/** An ioredis client (`set(key, value, "EX", ttl)`). */
export interface IoRedisLike {
	get(key: string): Promise<string | null>;
	set(key: string, value: string): Promise<unknown>;
	set(key: string, value: string, secondsToken: "EX", seconds: number): Promise<unknown>;
	del(...keys: string[]): Promise<number>;
	/** Redis 6.2+ GETDEL; used for single-use values when present. */
	getdel?(key: string): Promise<string | null>;
}

/** A node-redis v4+ client (`set(key, value, { EX: ttl })`). */
export interface NodeRedisLike {
	get(key: string): Promise<string | null>;
	set(key: string, value: string, options?: { EX?: number }): Promise<unknown>;
	del(keys: string | string[]): Promise<number>;
	/** Redis 6.2+ GETDEL; used for single-use values when present. */
	getDel?(key: string): Promise<string | null>;
	/** node-redis clients expose `isOpen`; ioredis clients do not. */
	isOpen: boolean;
}

export interface RedisStorageOptions {
	client: IoRedisLike | NodeRedisLike;
	/** Prepended to every key. @default "better-auth:" */
	keyPrefix?: string;
}

function isNodeRedis(client: IoRedisLike | NodeRedisLike): client is NodeRedisLike {
	return "isOpen" in client;
}

export function redisStorage({ client, keyPrefix = "better-auth:" }: RedisStorageOptions): SecondaryStorage {
	const nodeRedis = isNodeRedis(client);
	const getdel = nodeRedis
		? (client as NodeRedisLike).getDel?.bind(client)
		: (client as IoRedisLike).getdel?.bind(client);
	return {
		get: (key) => client.get(`${keyPrefix}${key}`),
		async set(key, value, ttl) {
			// Redis rejects EX 0: a missing, zero or negative ttl stores without expiry.
			const expires = ttl && ttl > 0 ? Math.ceil(ttl) : undefined;
			if (nodeRedis) {
				await (client as NodeRedisLike).set(`${keyPrefix}${key}`, value, expires ? { EX: expires } : undefined);
			} else if (expires) {
				await (client as IoRedisLike).set(`${keyPrefix}${key}`, value, "EX", expires);
			} else {
				await (client as IoRedisLike).set(`${keyPrefix}${key}`, value);
			}
		},
		async delete(key) {
			await client.del(`${keyPrefix}${key}`);
		},
		...(getdel ? { getAndDelete: (key: string) => getdel(`${keyPrefix}${key}`) } : {}),
	};
}
