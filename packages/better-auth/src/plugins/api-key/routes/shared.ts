/** What every api-key endpoint shares: configurations, the store, owners, input checks. */
import type { AuthContext, User } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { getSessionFromCtx } from "../../../api/middlewares/session";
import { generateRandomString } from "../../../crypto/random";
import type { ApiKeyConfig, ApiKeyConfigs } from "../config";
import { API_KEY_ERROR_CODES } from "../error-codes";
import { API_KEY_MODEL } from "../schema";
import { storageStore } from "../storage-store";
import { type ApiKeyStore, apiKeyStore } from "../store";
import type { ApiKeyCallbackContext } from "../types";

/** The plugin instance's state, handed to each endpoint factory. */
export interface ApiKeyState {
	configs: ApiKeyConfigs;
	/** Deletes expired keys, at most once every 10 seconds per instance unless `force`d. */
	purgeExpired: (ctx: { context: unknown }, force?: boolean) => Promise<void>;
}

export type EndpointCtx = ApiKeyCallbackContext & { body?: unknown; query?: unknown };

/** The store a configuration's keys live in: the `apikey` table, or secondary storage. */
export function storeFor(ctx: { context: unknown }, config: ApiKeyConfig): ApiKeyStore {
	const context = ctx.context as AuthContext;
	const database = apiKeyStore(context.adapter);
	if (config.storage !== "secondary-storage" || !context.secondaryStorage) return database;
	return storageStore(context.secondaryStorage, {
		database: config.fallbackToDatabase ? database : undefined,
		generateId: () => context.generateId({ model: API_KEY_MODEL }) || generateRandomString(32, "a-z", "A-Z", "0-9"),
	});
}

/** `{ resource: [actions] }` */
export const permissionsSchema = z.record(z.string(), z.array(z.string()));

/**
 * A call from server code with no request and no headers (`auth.api.x({ body })`). Only such calls
 * may set the server-only fields (limits, refills, permissions) or act for a `userId`, as in
 * better-auth 1.7, where any headers make a call count as a client's.
 */
export function isServerCall(ctx: EndpointCtx): boolean {
	if (ctx.request) return false;
	if (!ctx.headers) return true;
	let empty = true;
	ctx.headers.forEach(() => {
		empty = false;
	});
	return empty;
}

/** Refuses fields only server code may set: 400 `SERVER_ONLY_PROPERTY`. */
export function assertServerOnly(ctx: EndpointCtx, body: Record<string, unknown>, fields: readonly string[]) {
	if (isServerCall(ctx)) return;
	if (fields.some((field) => body[field] !== undefined)) {
		throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.SERVER_ONLY_PROPERTY);
	}
}

/**
 * The user a create or update acts for: the session's user, or (server code only) `userId`.
 * A `userId` sent over HTTP is refused outright, signed in or not.
 */
export async function actingUser(ctx: EndpointCtx, userId: string | undefined): Promise<Pick<User, "id">> {
	if (ctx.request && userId !== undefined) throw new APIError("UNAUTHORIZED", API_KEY_ERROR_CODES.UNAUTHORIZED_SESSION);
	const session = await getSessionFromCtx(ctx);
	if (session) return session.user;
	if (userId) return { id: userId };
	throw new APIError("UNAUTHORIZED", API_KEY_ERROR_CODES.UNAUTHORIZED_SESSION);
}

/** Name rules: required when the configuration says so, and within the length limits. */
export function checkName(config: ApiKeyConfig, name: string | undefined, creating: boolean) {
	if (creating && config.requireName && !name) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.NAME_REQUIRED);
	if (name === undefined) return;
	// better-auth 1.7 accepts an empty name on create and refuses it on update; so do we.
	if (creating && name === "") return;
	if (name.length < config.nameLength.min || name.length > config.nameLength.max) {
		throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_NAME_LENGTH);
	}
}

/** `metadata` must be an object (arrays included, as 1.7 allows) or null. */
export function checkMetadataType(metadata: unknown) {
	if (metadata !== undefined && metadata !== null && typeof metadata !== "object") {
		throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_METADATA_TYPE);
	}
}

/** A refill needs both its amount and its interval. */
export function checkRefill(refillAmount: number | undefined, refillInterval: number | undefined) {
	if (refillAmount !== undefined && refillInterval === undefined) {
		throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_AMOUNT_AND_INTERVAL_REQUIRED);
	}
	if (refillInterval !== undefined && refillAmount === undefined) {
		throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_INTERVAL_AND_AMOUNT_REQUIRED);
	}
}

/**
 * `expiresIn` (seconds) → the expiry date, within the configured limits (days); null = never.
 * Undefined leaves the choice to the caller (the default lifetime on create, unchanged on update).
 */
export function expiryFrom(config: ApiKeyConfig, expiresIn: number | null | undefined): Date | null | undefined {
	if (expiresIn === undefined) return undefined;
	if (config.expiration.disableCustom) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.KEY_DISABLED_EXPIRATION);
	if (expiresIn === null) return null;
	const days = expiresIn / 86_400;
	if (days < config.expiration.minDays) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.EXPIRES_IN_IS_TOO_SMALL);
	if (days > config.expiration.maxDays) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.EXPIRES_IN_IS_TOO_LARGE);
	return new Date(Date.now() + expiresIn * 1000);
}

/**
 * Listing an organization's keys (`organizationId`): organization-owned keys are not supported, so
 * this is always 500 `ORGANIZATION_PLUGIN_REQUIRED`, what better-auth 1.7 answers without the
 * organization plugin.
 */
export function refuseOrganizationKeys(organizationId: string | undefined) {
	if (organizationId === undefined) return;
	throw new APIError("INTERNAL_SERVER_ERROR", API_KEY_ERROR_CODES.ORGANIZATION_PLUGIN_REQUIRED);
}
