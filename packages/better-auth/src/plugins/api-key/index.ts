/**
 * `apiKey`: API keys for your users. Keys are generated here, shown once, and stored as their
 * SHA-256 hash (base64url, as @better-auth/api-key 1.7 stores them, so either implementation
 * verifies the other's keys). Each key may expire, carry a usage budget (`remaining`, refilled
 * every `refillInterval`), a rate limit, metadata and permissions; with `enableSessionForAPIKeys`
 * a key in the `x-api-key` header acts as its owner's session.
 *
 * Several configurations (`apiKey([{ configId: "public", ... }, { configId: "secret", ... }])`)
 * share the `apikey` table; each key records its `configId`.
 *
 * @example
 * betterAuth({ plugins: [apiKey({ defaultPrefix: "app_", enableMetadata: true })] })
 * const { key } = await auth.api.createApiKey({ body: { userId, name: "CI" } });
 * const { valid } = await auth.api.verifyApiKey({ body: { key } });
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { resolveConfigs } from "./config";
import { API_KEY_ERROR_CODES } from "./error-codes";
import { createApiKey } from "./routes/create";
import { deleteApiKey, getApiKey, listApiKeys } from "./routes/read";
import type { ApiKeyState } from "./routes/shared";
import { updateApiKey } from "./routes/update";
import { deleteAllExpiredApiKeys, verifyApiKey } from "./routes/verify";
import { apiKeySchema } from "./schema";
import { apiKeySessionHooks } from "./session";
import { apiKeyStore } from "./store";
import type { ApiKeyOptions } from "./types";

export { API_KEY_ERROR_CODES } from "./error-codes";
export { defaultKeyHasher } from "./key";
export type { ApiKey, ApiKeyOptions, ApiKeyPermissions, ApiKeyReferences } from "./types";

/** How often, at most, endpoints sweep expired keys. */
const PURGE_INTERVAL_MS = 10_000;

export function apiKey(options: ApiKeyOptions | ApiKeyOptions[] = {}) {
	const configs = resolveConfigs(options);
	const usesDatabase = configs.all.some((config) => config.storage === "database" || config.fallbackToDatabase);
	let lastPurge = 0;
	const state: ApiKeyState = {
		configs,
		async purgeExpired(ctx, force = false) {
			const now = Date.now();
			if (!force && now - lastPurge < PURGE_INTERVAL_MS) return;
			lastPurge = now;
			// Secondary storage expires keys by itself; only the table needs sweeping.
			if (usesDatabase) await apiKeyStore((ctx.context as AuthContext).adapter).deleteExpired();
		},
	};
	// The table's column defaults come from the first configuration, as in better-auth 1.7.
	const first = Array.isArray(options) ? (options[0] ?? {}) : options;
	return {
		id: "api-key" as const,
		endpoints: {
			createApiKey: createApiKey(state),
			verifyApiKey: verifyApiKey(state),
			getApiKey: getApiKey(state),
			updateApiKey: updateApiKey(state),
			deleteApiKey: deleteApiKey(state),
			listApiKeys: listApiKeys(state),
			deleteAllExpiredApiKeys: deleteAllExpiredApiKeys(state),
		},
		init(context) {
			if (!context.secondaryStorage && configs.all.some((config) => config.storage === "secondary-storage")) {
				throw new BetterAuthError(
					'apiKey: storage: "secondary-storage" needs the `secondaryStorage` option of betterAuth() (Redis, for instance).',
				);
			}
		},
		schema: apiKeySchema(first),
		hooks: apiKeySessionHooks(configs),
		$ERROR_CODES: API_KEY_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
