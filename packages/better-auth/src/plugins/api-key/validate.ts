/**
 * Checking a presented key: format, custom validator, lookup, enabled, expiry, permissions,
 * usage (`remaining` with refills) and the per-key rate limit, then recording the use. The same
 * steps serve `verifyApiKey` and sessions from API keys; only how a failure is reported differs.
 */
import type { ErrorCode } from "@better-auth/core/error";
import type { ApiKeyConfig } from "./config";
import { API_KEY_ERROR_CODES, RATE_LIMITED } from "./error-codes";
import { storedKey } from "./key";
import type { ApiKeyStore } from "./store";
import type { ApiKey, ApiKeyCallbackContext, ApiKeyPermissions } from "./types";

/** Why a key was refused: the error (code and message), the HTTP status it maps to, details. */
export interface KeyFailure {
	error: ErrorCode;
	status: "UNAUTHORIZED" | "FORBIDDEN" | "TOO_MANY_REQUESTS";
	details?: Record<string, unknown>;
}

export type KeyCheck = { ok: true; apiKey: ApiKey } | { ok: false; failure: KeyFailure };

const fail = (error: ErrorCode, status: KeyFailure["status"], details?: Record<string, unknown>): KeyCheck => ({
	ok: false,
	failure: details ? { error, status, details } : { error, status },
});

/** Every required action of every required resource is granted. */
export function hasPermissions(granted: ApiKeyPermissions | null, required: ApiKeyPermissions): boolean {
	for (const [resource, actions] of Object.entries(required)) {
		const allowed = granted?.[resource];
		if (!Array.isArray(allowed)) return false;
		if (!actions.every((action) => allowed.includes(action))) return false;
	}
	return true;
}

/** The use to record, or a refusal: refills `remaining`, spends one, applies the rate limit. */
function recordUse(apiKey: ApiKey, now: Date): { update: Partial<ApiKey> } | { refusal: KeyFailure } {
	const update: Partial<ApiKey> = {};
	let remaining = apiKey.remaining;
	if (remaining !== null) {
		const { refillAmount, refillInterval } = apiKey;
		if (refillAmount !== null && refillInterval !== null) {
			const since = (apiKey.lastRefillAt ?? apiKey.createdAt).getTime();
			// A refill resets the count to `refillAmount`; it does not add to what is left.
			if (now.getTime() - since > refillInterval) {
				remaining = refillAmount;
				update.lastRefillAt = now;
			}
		}
		if (remaining <= 0) return { refusal: { error: API_KEY_ERROR_CODES.USAGE_EXCEEDED, status: "TOO_MANY_REQUESTS" } };
		update.remaining = remaining - 1;
	}
	const { rateLimitTimeWindow: window, rateLimitMax: max } = apiKey;
	if (!apiKey.rateLimitEnabled) {
		update.lastRequest = now;
	} else if (window !== null && max !== null) {
		// The window runs from the last accepted request, as in better-auth 1.7.
		const elapsed = apiKey.lastRequest ? now.getTime() - apiKey.lastRequest.getTime() : Number.POSITIVE_INFINITY;
		if (elapsed < window) {
			const count = apiKey.requestCount ?? 0;
			if (count >= max) {
				const details = { tryAgainIn: Math.ceil(window - elapsed) };
				return { refusal: { error: RATE_LIMITED, status: "TOO_MANY_REQUESTS", details } };
			}
			update.requestCount = count + 1;
		} else {
			update.requestCount = 1;
		}
		update.lastRequest = now;
	}
	return { update };
}

export async function checkKey(input: {
	key: string;
	config: ApiKeyConfig;
	store: ApiKeyStore;
	ctx: ApiKeyCallbackContext;
	permissions?: ApiKeyPermissions;
	/** Several configurations: the key must belong to the chosen one. */
	strictConfig: boolean;
}): Promise<KeyCheck> {
	const { key, config, store, ctx } = input;
	if (key.length < config.defaultKeyLength) return fail(API_KEY_ERROR_CODES.INVALID_API_KEY, "FORBIDDEN");
	if (config.customAPIKeyValidator && !(await config.customAPIKeyValidator({ ctx, key }))) {
		return fail(API_KEY_ERROR_CODES.INVALID_API_KEY, "FORBIDDEN");
	}
	const apiKey = await store.findByHash(await storedKey(config, key));
	if (!apiKey || (input.strictConfig && apiKey.configId !== config.configId)) {
		return fail(API_KEY_ERROR_CODES.INVALID_API_KEY, "UNAUTHORIZED");
	}
	if (!apiKey.enabled) return fail(API_KEY_ERROR_CODES.KEY_DISABLED, "UNAUTHORIZED");
	const now = new Date();
	if (apiKey.expiresAt && apiKey.expiresAt.getTime() < now.getTime()) {
		await store.delete(apiKey.id);
		return fail(API_KEY_ERROR_CODES.KEY_EXPIRED, "UNAUTHORIZED");
	}
	if (input.permissions && !hasPermissions(apiKey.permissions, input.permissions)) {
		// better-auth 1.7 reports missing permissions as KEY_NOT_FOUND.
		return fail(API_KEY_ERROR_CODES.KEY_NOT_FOUND, "UNAUTHORIZED");
	}
	return spend(apiKey, store, now);
}

/**
 * Records the use with a compare-and-set on the counters it changes, so two concurrent requests
 * cannot both spend the last use or the last slot of a window: the loser re-reads and re-decides.
 */
async function spend(first: ApiKey, store: ApiKeyStore, now: Date): Promise<KeyCheck> {
	let apiKey: ApiKey | null = first;
	for (let attempt = 0; attempt < 5 && apiKey; attempt++) {
		const use = recordUse(apiKey, now);
		if ("refusal" in use) {
			// A spent key that will never refill is removed.
			const spent = use.refusal.error.code === API_KEY_ERROR_CODES.USAGE_EXCEEDED.code;
			if (spent && (apiKey.refillAmount === null || apiKey.refillInterval === null)) await store.delete(apiKey.id);
			return { ok: false, failure: use.refusal };
		}
		if (Object.keys(use.update).length === 0) return { ok: true, apiKey };
		const expected: Partial<ApiKey> = {};
		if ("remaining" in use.update) expected.remaining = apiKey.remaining;
		if ("requestCount" in use.update) expected.requestCount = apiKey.requestCount;
		const updated = await store.updateIf(apiKey.id, expected, { ...use.update, updatedAt: now });
		if (updated) return { ok: true, apiKey: updated };
		apiKey = await store.findById(apiKey.id);
	}
	// Still losing after five rounds (a storm of requests on one key), or the key vanished meanwhile.
	return apiKey ? fail(RATE_LIMITED, "TOO_MANY_REQUESTS") : fail(API_KEY_ERROR_CODES.INVALID_API_KEY, "UNAUTHORIZED");
}
