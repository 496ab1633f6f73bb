/** Plugin options with their defaults filled in, and the choice of configuration per request. */
import { APIError, BetterAuthError } from "@better-auth/core/error";
import { API_KEY_ERROR_CODES } from "./error-codes";
import type { ApiKeyOptions, ApiKeyPermissions, ApiKeyReferences } from "./types";

export const DEFAULT_CONFIG_ID = "default";

/** One configuration, every default resolved. */
export interface ApiKeyConfig {
	configId: string;
	references: ApiKeyReferences;
	apiKeyHeaders: string[];
	customAPIKeyGetter: ApiKeyOptions["customAPIKeyGetter"];
	customAPIKeyValidator: ApiKeyOptions["customAPIKeyValidator"];
	customKeyGenerator: ApiKeyOptions["customKeyGenerator"];
	storeStart: boolean;
	startLength: number;
	defaultKeyLength: number;
	defaultPrefix: string | undefined;
	prefixLength: { min: number; max: number };
	nameLength: { min: number; max: number };
	requireName: boolean;
	enableMetadata: boolean;
	expiration: {
		/** Seconds, as `expiresIn`. */
		defaultExpiresIn: number | null;
		disableCustom: boolean;
		/** Days. */
		minDays: number;
		/** Days. */
		maxDays: number;
	};
	rateLimit: { enabled: boolean; timeWindow: number; maxRequests: number };
	enableSessionForAPIKeys: boolean;
	defaultPermissions: NonNullable<ApiKeyOptions["permissions"]>["defaultPermissions"];
	disableKeyHashing: boolean;
	storage: "database" | "secondary-storage";
	fallbackToDatabase: boolean;
}

function resolveOne(options: ApiKeyOptions): ApiKeyConfig {
	const headers = options.apiKeyHeaders ?? "x-api-key";
	return {
		configId: options.configId ?? DEFAULT_CONFIG_ID,
		references: options.references ?? "user",
		apiKeyHeaders: Array.isArray(headers) ? headers : [headers],
		customAPIKeyGetter: options.customAPIKeyGetter,
		customAPIKeyValidator: options.customAPIKeyValidator,
		customKeyGenerator: options.customKeyGenerator,
		storeStart: options.startingCharactersConfig?.shouldStore ?? true,
		startLength: options.startingCharactersConfig?.charactersLength ?? 6,
		defaultKeyLength: options.defaultKeyLength ?? 64,
		defaultPrefix: options.defaultPrefix,
		prefixLength: { min: options.minimumPrefixLength ?? 1, max: options.maximumPrefixLength ?? 32 },
		nameLength: { min: options.minimumNameLength ?? 1, max: options.maximumNameLength ?? 32 },
		requireName: options.requireName ?? false,
		enableMetadata: options.enableMetadata ?? false,
		expiration: {
			defaultExpiresIn: options.keyExpiration?.defaultExpiresIn ?? null,
			disableCustom: options.keyExpiration?.disableCustomExpiresTime ?? false,
			minDays: options.keyExpiration?.minExpiresIn ?? 1,
			maxDays: options.keyExpiration?.maxExpiresIn ?? 365,
		},
		rateLimit: {
			enabled: options.rateLimit?.enabled ?? true,
			timeWindow: options.rateLimit?.timeWindow ?? 86_400_000,
			maxRequests: options.rateLimit?.maxRequests ?? 10,
		},
		enableSessionForAPIKeys: options.enableSessionForAPIKeys ?? false,
		defaultPermissions: options.permissions?.defaultPermissions,
		disableKeyHashing: options.disableKeyHashing ?? false,
		storage: options.storage ?? "database",
		fallbackToDatabase: options.fallbackToDatabase ?? false,
	};
}

/** All configurations of one plugin instance, and how a request picks one. */
export interface ApiKeyConfigs {
	all: ApiKeyConfig[];
	/**
	 * The configuration a request names, else the default one. With a single configuration, that
	 * one answers every `configId` (as better-auth 1.7 does); with several, an unknown id falls back
	 * to `"default"`, and a missing default is `NO_DEFAULT_API_KEY_CONFIGURATION_FOUND`.
	 */
	pick(configId: string | undefined | null): ApiKeyConfig;
	/** The configuration a stored key belongs to (its own, else the default, else the first). */
	ofKey(configId: string | undefined | null): ApiKeyConfig;
	/** Whether a stored key belongs to `config` (always, with a single configuration). */
	matches(apiKey: { configId: string }, config: ApiKeyConfig): boolean;
}

export function resolveConfigs(options: ApiKeyOptions | ApiKeyOptions[]): ApiKeyConfigs {
	const list = (Array.isArray(options) ? options : [options]).map(resolveOne);
	if (list.length === 0) throw new BetterAuthError("apiKey() needs at least one configuration.");
	const ids = new Set(list.map((config) => config.configId));
	if (ids.size !== list.length) {
		throw new BetterAuthError("configId must be unique for each API key configuration in the api-key plugin.");
	}
	if (list.some((config) => config.references === "organization")) {
		throw new BetterAuthError(
			'apiKey: references: "organization" (organization-owned keys) is not supported yet: it needs the organization plugin, which this version does not have. Use references: "user".',
		);
	}
	const byId = new Map(list.map((config) => [config.configId, config]));
	const fallback = list.length === 1 ? list[0] : byId.get(DEFAULT_CONFIG_ID);
	return {
		all: list,
		pick(configId) {
			const found = (configId ? byId.get(configId) : undefined) ?? fallback;
			if (!found) throw new APIError("BAD_REQUEST", API_KEY_ERROR_CODES.NO_DEFAULT_API_KEY_CONFIGURATION_FOUND);
			return found;
		},
		ofKey(configId) {
			return (configId ? byId.get(configId) : undefined) ?? fallback ?? list[0];
		},
		matches(apiKey, config) {
			return list.length === 1 || apiKey.configId === config.configId;
		},
	};
}

/** The permissions a new key gets when the request names none. */
export async function defaultPermissionsFor(
	config: ApiKeyConfig,
	referenceId: string,
	ctx: Parameters<Extract<ApiKeyConfig["defaultPermissions"], (...args: never[]) => unknown>>[1],
): Promise<ApiKeyPermissions | undefined> {
	const source = config.defaultPermissions;
	if (!source) return undefined;
	return typeof source === "function" ? await source(referenceId, ctx) : source;
}
