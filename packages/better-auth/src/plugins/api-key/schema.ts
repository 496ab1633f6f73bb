import type { ApiKeyOptions } from "./types";

/** The logical model name of the table (and its default physical name). */
export const API_KEY_MODEL = "apikey";

/**
 * The `apikey` table, column for column as @better-auth/api-key 1.7 creates it, so either
 * implementation can read the other's keys. `key` holds the SHA-256 hash (base64url) unless hashing
 * is turned off; `metadata` and `permissions` hold JSON text. `referenceId` is the owner (a user id,
 * or an organization id) and has no foreign key, since it may name either.
 */
export function apiKeySchema(options: Pick<ApiKeyOptions, "rateLimit" | "schema">) {
	const names = options.schema?.apikey?.fields ?? {};
	const column = (name: string) => ({ fieldName: names[name] ?? name });
	const optional = { required: false as const, input: false };
	return {
		[API_KEY_MODEL]: {
			modelName: options.schema?.apikey?.modelName ?? API_KEY_MODEL,
			fields: {
				configId: {
					type: "string" as const,
					required: true,
					defaultValue: "default",
					input: false,
					index: true,
					...column("configId"),
				},
				name: { type: "string" as const, ...optional, ...column("name") },
				start: { type: "string" as const, ...optional, ...column("start") },
				referenceId: { type: "string" as const, required: true, input: false, index: true, ...column("referenceId") },
				prefix: { type: "string" as const, ...optional, ...column("prefix") },
				key: { type: "string" as const, required: true, input: false, index: true, ...column("key") },
				refillInterval: { type: "number" as const, ...optional, ...column("refillInterval") },
				refillAmount: { type: "number" as const, ...optional, ...column("refillAmount") },
				lastRefillAt: { type: "date" as const, ...optional, ...column("lastRefillAt") },
				enabled: { type: "boolean" as const, ...optional, defaultValue: true, ...column("enabled") },
				rateLimitEnabled: { type: "boolean" as const, ...optional, defaultValue: true, ...column("rateLimitEnabled") },
				rateLimitTimeWindow: {
					type: "number" as const,
					...optional,
					defaultValue: options.rateLimit?.timeWindow ?? 86_400_000,
					...column("rateLimitTimeWindow"),
				},
				rateLimitMax: {
					type: "number" as const,
					...optional,
					defaultValue: options.rateLimit?.maxRequests ?? 10,
					...column("rateLimitMax"),
				},
				requestCount: { type: "number" as const, ...optional, defaultValue: 0, ...column("requestCount") },
				remaining: { type: "number" as const, ...optional, ...column("remaining") },
				lastRequest: { type: "date" as const, ...optional, ...column("lastRequest") },
				expiresAt: { type: "date" as const, ...optional, ...column("expiresAt") },
				createdAt: { type: "date" as const, required: true, input: false, ...column("createdAt") },
				updatedAt: { type: "date" as const, required: true, input: false, ...column("updatedAt") },
				permissions: { type: "string" as const, ...optional, ...column("permissions") },
				metadata: { type: "string" as const, required: false as const, input: true, ...column("metadata") },
			},
		},
	};
}
