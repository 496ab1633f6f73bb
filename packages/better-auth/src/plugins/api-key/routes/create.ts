/** `POST /api-key/create`: a new key for the signed-in user (or, from server code, for `userId`). */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { defaultPermissionsFor } from "../config";
import { API_KEY_ERROR_CODES } from "../error-codes";
import { generateKey, startOf, storedKey } from "../key";
import { publicKey } from "../store";
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

const createBody = z.object({
	configId: z.string().optional(),
	name: z.string().optional(),
	expiresIn: z.number().min(1).nullable().optional(),
	prefix: z
		.string()
		.regex(/^[a-zA-Z0-9_-]+$/, {
			message: "Invalid prefix format, must be alphanumeric and contain only underscores and hyphens.",
		})
		.optional(),
	remaining: z.number().min(0).nullable().optional(),
	metadata: z.any().optional(),
	refillAmount: z.number().min(1).optional(),
	refillInterval: z.number().min(1).optional(),
	rateLimitTimeWindow: z.number().optional(),
	rateLimitMax: z.number().optional(),
	rateLimitEnabled: z.boolean().optional(),
	permissions: permissionsSchema.optional(),
	userId: z.string().optional(),
	organizationId: z.string().optional(),
});

/** Fields only server code may set. */
const SERVER_ONLY = [
	"remaining",
	"refillAmount",
	"refillInterval",
	"rateLimitTimeWindow",
	"rateLimitMax",
	"rateLimitEnabled",
	"permissions",
] as const;

export function createApiKey(state: ApiKeyState) {
	return createAuthEndpoint("/api-key/create", { method: "POST", body: createBody }, async (ctx) => {
		const body = ctx.body;
		const config = state.configs.pick(body.configId);
		const user = await actingUser(ctx, body.userId);
		assertServerOnly(ctx, body, SERVER_ONLY);
		if (body.metadata !== undefined && body.metadata !== null) {
			if (!config.enableMetadata) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.METADATA_DISABLED);
			checkMetadataType(body.metadata);
		}
		checkRefill(body.refillAmount, body.refillInterval);
		const requested = expiryFrom(config, body.expiresIn);
		const prefix = body.prefix ?? config.defaultPrefix;
		if (body.prefix !== undefined) {
			const { min, max } = config.prefixLength;
			if (body.prefix.length < min || body.prefix.length > max) {
				throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_PREFIX_LENGTH);
			}
		}
		checkName(config, body.name, true);
		await state.purgeExpired(ctx);

		const key = await generateKey(config, prefix);
		const now = new Date();
		const { defaultExpiresIn } = config.expiration;
		const expiresAt =
			requested !== undefined
				? requested
				: defaultExpiresIn !== null
					? new Date(now.getTime() + defaultExpiresIn * 1000)
					: null;
		const permissions = body.permissions ?? (await defaultPermissionsFor(config, user.id, ctx));
		const created = await storeFor(ctx, config).create({
			configId: config.configId,
			name: body.name ?? null,
			start: startOf(config, key),
			referenceId: user.id,
			prefix: prefix ?? null,
			key: await storedKey(config, key),
			refillInterval: body.refillInterval ?? null,
			refillAmount: body.refillAmount ?? null,
			lastRefillAt: null,
			enabled: true,
			rateLimitEnabled: body.rateLimitEnabled ?? config.rateLimit.enabled,
			rateLimitTimeWindow: body.rateLimitTimeWindow ?? config.rateLimit.timeWindow,
			rateLimitMax: body.rateLimitMax ?? config.rateLimit.maxRequests,
			requestCount: 0,
			remaining: body.remaining ?? null,
			lastRequest: null,
			expiresAt,
			createdAt: now,
			updatedAt: now,
			permissions: permissions ?? null,
			metadata: (body.metadata as Record<string, unknown> | null | undefined) ?? null,
		});
		// The only time the plaintext key is returned: it is stored hashed.
		const { id, ...rest } = publicKey(created);
		return ctx.json({ ...rest, key, id });
	});
}
