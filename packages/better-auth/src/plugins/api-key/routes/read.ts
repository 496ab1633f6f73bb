/** `GET /api-key/get`, `GET /api-key/list` and `POST /api-key/delete`: the signed-in user's own keys. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { API_KEY_ERROR_CODES } from "../error-codes";
import { publicKey } from "../store";
import type { ApiKey } from "../types";
import { type ApiKeyState, refuseOrganizationKeys, storeFor } from "./shared";

const getQuery = z.object({ configId: z.string().optional(), id: z.string() });
const deleteBody = z.object({ configId: z.string().optional(), keyId: z.string() });

/** Columns a list may be sorted by: all but the hash, the owner and the JSON ones. */
const SORTABLE = [
	"id",
	"configId",
	"name",
	"start",
	"prefix",
	"refillInterval",
	"refillAmount",
	"lastRefillAt",
	"enabled",
	"rateLimitEnabled",
	"rateLimitTimeWindow",
	"rateLimitMax",
	"requestCount",
	"remaining",
	"lastRequest",
	"expiresAt",
	"createdAt",
	"updatedAt",
] as const satisfies readonly (keyof ApiKey)[];

const listQuery = z.optional(
	z.object({
		configId: z.string().optional(),
		organizationId: z.string().optional(),
		limit: z.coerce.number().int().min(0).optional(),
		offset: z.coerce.number().int().min(0).optional(),
		sortBy: z.enum(SORTABLE).optional(),
		sortDirection: z.enum(["asc", "desc"]).optional(),
	}),
);

/** The key if it exists, belongs to `userId` and to the configuration; else 404 `KEY_NOT_FOUND`. */
async function ownKey(state: ApiKeyState, ctx: { context: unknown }, id: string, userId: string, configId?: string) {
	const config = state.configs.pick(configId);
	const store = storeFor(ctx, config);
	const apiKey = await store.findById(id);
	if (!apiKey || apiKey.referenceId !== userId || !state.configs.matches(apiKey, config)) {
		throw new APIError("NOT_FOUND", API_KEY_ERROR_CODES.KEY_NOT_FOUND);
	}
	return { apiKey, store };
}

export function getApiKey(state: ApiKeyState) {
	return createAuthEndpoint(
		"/api-key/get",
		{ method: "GET", query: getQuery, use: [sessionMiddleware] },
		async (ctx) => {
			const { user } = currentSession(ctx);
			const { apiKey } = await ownKey(state, ctx, ctx.query.id, user.id, ctx.query.configId);
			await state.purgeExpired(ctx);
			return ctx.json(publicKey(apiKey));
		},
	);
}

export function deleteApiKey(state: ApiKeyState) {
	return createAuthEndpoint(
		"/api-key/delete",
		{ method: "POST", body: deleteBody, use: [sessionMiddleware] },
		async (ctx) => {
			const { user } = currentSession(ctx);
			const { apiKey, store } = await ownKey(state, ctx, ctx.body.keyId, user.id, ctx.body.configId);
			await store.delete(apiKey.id);
			await state.purgeExpired(ctx);
			return ctx.json({ success: true });
		},
	);
}

export function listApiKeys(state: ApiKeyState) {
	return createAuthEndpoint(
		"/api-key/list",
		{ method: "GET", query: listQuery, use: [sessionMiddleware] },
		async (ctx) => {
			const { user } = currentSession(ctx);
			const query = ctx.query ?? {};
			refuseOrganizationKeys(query.organizationId);
			// Without a configId, keys of every configuration are listed (from the default one's store).
			const store = storeFor(ctx, state.configs.ofKey(query.configId));
			const { apiKeys, total } = await store.list({
				referenceId: user.id,
				configId: query.configId,
				limit: query.limit,
				offset: query.offset,
				sortBy: query.sortBy ? { field: query.sortBy, direction: query.sortDirection ?? "asc" } : undefined,
			});
			await state.purgeExpired(ctx);
			return ctx.json({
				apiKeys: apiKeys.map(publicKey),
				total,
				...(query.limit !== undefined ? { limit: query.limit } : {}),
				...(query.offset !== undefined ? { offset: query.offset } : {}),
			});
		},
	);
}
