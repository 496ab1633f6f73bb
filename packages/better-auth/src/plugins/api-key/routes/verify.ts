/**
 * Server-only endpoints: `verifyApiKey` (is this key valid, and does it grant these permissions?)
 * and `deleteAllExpiredApiKeys`. Neither has an HTTP route, as in better-auth 1.7.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { publicKey } from "../store";
import { checkKey } from "../validate";
import { type ApiKeyState, permissionsSchema, storeFor } from "./shared";

const verifyBody = z.object({
	configId: z.string().optional(),
	key: z.string(),
	permissions: permissionsSchema.optional(),
});

export function verifyApiKey(state: ApiKeyState) {
	return createAuthEndpoint(
		"/api-key/verify",
		{ method: "POST", body: verifyBody, metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			const config = state.configs.pick(ctx.body.configId);
			const result = await checkKey({
				key: ctx.body.key,
				config,
				store: storeFor(ctx, config),
				ctx,
				permissions: ctx.body.permissions,
				strictConfig: state.configs.all.length > 1,
			});
			await state.purgeExpired(ctx);
			if (!result.ok) {
				const { error, details } = result.failure;
				return ctx.json({ valid: false, error: details ? { ...error, details } : { ...error }, key: null });
			}
			return ctx.json({ valid: true, error: null, key: publicKey(result.apiKey) });
		},
	);
}

export function deleteAllExpiredApiKeys(state: ApiKeyState) {
	return createAuthEndpoint(
		"/api-key/delete-all-expired-api-keys",
		{ method: "POST", metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			try {
				await state.purgeExpired(ctx, true);
				return ctx.json({ success: true, error: null });
			} catch (error) {
				(ctx.context as { logger: { error: (...args: unknown[]) => void } }).logger.error(
					"Failed to delete expired API keys",
					error,
				);
				return ctx.json({ success: false, error: "Failed to delete expired API keys" });
			}
		},
	);
}
