/**
 * `POST /api-key/update`: clients may change `name`, `enabled`, `expiresIn` and `metadata` of
 * their own keys; server code may also change limits, refills and permissions, for any `userId`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { API_KEY_ERROR_CODES } from "../error-codes";
import { publicKey } from "../store";
import type { ApiKey } from "../types";
import {
	type ApiKeyState,
	actingUser,
	assertServerOnly,
	checkMetadataType,
	checkName,
	checkRefill,
	expiryFrom,
	permissionsSchema,
	storeFor,
} from "./shared";

const updateBody = z.object({
	configId: z.string().optional(),
	keyId: z.string(),
	userId: z.string().optional(),
	name: z.string().optional(),
	enabled: z.boolean().optional(),
	remaining: z.number().min(1).optional(),
	refillAmount: z.number().optional(),
	refillInterval: z.number().optional(),
	metadata: z.any().optional(),
	expiresIn: z.number().min(1).nullable().optional(),
	rateLimitEnabled: z.boolean().optional(),
	rateLimitTimeWindow: z.number().optional(),
	rateLimitMax: z.number().optional(),
	permissions: permissionsSchema.nullable().optional(),
});

const SERVER_ONLY = [
	"remaining",
	"refillAmount",
	"refillInterval",
	"rateLimitEnabled",
	"rateLimitTimeWindow",
	"rateLimitMax",
	"permissions",
] as const;

export function updateApiKey(state: ApiKeyState) {
	return createAuthEndpoint("/api-key/update", { method: "POST", body: updateBody }, async (ctx) => {
		const body = ctx.body;
		const config = state.configs.pick(body.configId);
		const user = await actingUser(ctx, body.userId);
		assertServerOnly(ctx, body, SERVER_ONLY);
		const store = storeFor(ctx, config);
		const existing = await store.findById(body.keyId);
		if (!existing || existing.referenceId !== user.id || !state.configs.matches(existing, config)) {
			throw new APIError("NOT_FOUND", API_KEY_ERROR_CODES.KEY_NOT_FOUND);
		}

		const changes: Partial<ApiKey> = {};
		if (body.name !== undefined) {
			checkName(config, body.name, false);
			changes.name = body.name;
		}
		if (body.enabled !== undefined) changes.enabled = body.enabled;
		const expiresAt = expiryFrom(config, body.expiresIn);
		if (expiresAt !== undefined) changes.expiresAt = expiresAt;
		// As in better-auth 1.7, metadata is ignored (not refused) here while the feature is off.
		if (body.metadata !== undefined && config.enableMetadata) {
			checkMetadataType(body.metadata);
			changes.metadata = body.metadata;
		}
		if (body.remaining !== undefined) changes.remaining = body.remaining;
		checkRefill(body.refillAmount, body.refillInterval);
		if (body.refillAmount !== undefined && body.refillInterval !== undefined) {
			changes.refillAmount = body.refillAmount;
			changes.refillInterval = body.refillInterval;
		}
		if (body.rateLimitEnabled !== undefined) changes.rateLimitEnabled = body.rateLimitEnabled;
		if (body.rateLimitTimeWindow !== undefined) changes.rateLimitTimeWindow = body.rateLimitTimeWindow;
		if (body.rateLimitMax !== undefined) changes.rateLimitMax = body.rateLimitMax;
		if (body.permissions !== undefined) changes.permissions = body.permissions;
		if (Object.keys(changes).length === 0) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.NO_VALUES_TO_UPDATE);
		await state.purgeExpired(ctx);

		const updated = await store.update(existing.id, { ...changes, updatedAt: new Date() });
		if (!updated) throw new APIError("INTERNAL_SERVER_ERROR", API_KEY_ERROR_CODES.FAILED_TO_UPDATE_API_KEY);
		return ctx.json(publicKey(updated));
	});
}
