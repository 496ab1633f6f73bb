/**
 * Sessions from API keys (`enableSessionForAPIKeys`): a before hook reads the key from the request
 * (`apiKeyHeaders`, or `customAPIKeyGetter`), validates it exactly as `verifyApiKey` does (so each
 * request spends a use and counts against the key's rate limit), and puts the owner's session on
 * `ctx.context.session`, where the session middlewares take it. The session is not stored: its id
 * is the key's id, its token the key itself. `/get-session` answers with it directly.
 */
import type { AuthHook, Session, User } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { userOutput } from "../../api/routes/shared";
import { requestMeta } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import type { ApiKeyConfig, ApiKeyConfigs } from "./config";
import { API_KEY_ERROR_CODES } from "./error-codes";
import { storeFor } from "./routes/shared";
import type { ApiKey, ApiKeyCallbackContext } from "./types";
import { checkKey } from "./validate";

type SessionPair = { session: Session; user: User };

/** Where the hook leaves the session for the `/get-session` after hook. */
const API_KEY_SESSION = "apiKeySession";

/** The key a request carries for this configuration, or null. */
async function readKey(config: ApiKeyConfig, ctx: ApiKeyCallbackContext): Promise<string | null> {
	if (config.customAPIKeyGetter) {
		const value = await config.customAPIKeyGetter(ctx);
		if (value === null || value === undefined) return null;
		if (typeof value !== "string") {
			throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_API_KEY_GETTER_RETURN_TYPE);
		}
		return value || null;
	}
	const headers = ctx.headers ?? ctx.request?.headers;
	for (const name of config.apiKeyHeaders) {
		const value = headers?.get(name);
		if (value) return value;
	}
	return null;
}

/** A user banned by the admin plugin (and not yet unbanned by time) gets no session from a key. */
function isBanned(user: User): boolean {
	const { banned, banExpires } = user as User & { banned?: boolean | null; banExpires?: Date | string | null };
	if (!banned) return false;
	return !banExpires || new Date(banExpires).getTime() > Date.now();
}

function mockSession(apiKey: ApiKey, key: string, user: User, ctx: ApiKeyCallbackContext & { context: unknown }) {
	const context = fullContext(ctx);
	const now = new Date();
	const meta = requestMeta(ctx);
	const session: Session = {
		id: apiKey.id,
		token: key,
		userId: user.id,
		userAgent: meta.userAgent || null,
		ipAddress: meta.ipAddress || null,
		createdAt: now,
		updatedAt: now,
		expiresAt: apiKey.expiresAt ?? new Date(now.getTime() + context.sessionConfig.expiresIn * 1000),
	} as Session;
	return { session, user: userOutput(context, user) };
}

export function apiKeySessionHooks(configs: ApiKeyConfigs): { before: AuthHook[]; after: AuthHook[] } {
	const enabled = configs.all.filter((config) => config.enableSessionForAPIKeys);
	if (enabled.length === 0) return { before: [], after: [] };
	return {
		before: [
			{
				matcher: () => true,
				handler: createAuthMiddleware(async (ctx) => {
					let found: { key: string; config: ApiKeyConfig } | null = null;
					for (const config of enabled) {
						const key = await readKey(config, ctx);
						if (key) {
							found = { key, config };
							break;
						}
					}
					if (!found) return;
					const result = await checkKey({
						key: found.key,
						config: found.config,
						store: storeFor(ctx, found.config),
						ctx,
						strictConfig: configs.all.length > 1,
					});
					if (!result.ok) {
						const { status, error, details } = result.failure;
						throw new APIError(status, details ? { ...error, details } : { ...error });
					}
					const user = await fullContext(ctx).internalAdapter.findUserById(result.apiKey.referenceId);
					if (!user) throw new APIError("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_REFERENCE_ID_FROM_API_KEY);
					if (isBanned(user)) throw new APIError("UNAUTHORIZED", API_KEY_ERROR_CODES.USER_BANNED);
					const session: SessionPair = mockSession(result.apiKey, found.key, user, ctx);
					return { context: { session, [API_KEY_SESSION]: session } };
				}),
			},
		],
		after: [
			{
				matcher: (ctx) => ctx.path === "/get-session",
				handler: createAuthMiddleware(async (ctx) => {
					const session = (ctx.context as Record<string, unknown>)[API_KEY_SESSION] as SessionPair | undefined;
					if (session) return ctx.json(session);
				}),
			},
		],
	};
}
