/** Options and the API key record of the api-key plugin. */

/** `{ resource: [actions] }`, e.g. `{ projects: ["read", "write"] }`. */
export type ApiKeyPermissions = Record<string, string[]>;

/** The endpoint context handed to the option callbacks (headers, request, `context`...). */
export interface ApiKeyCallbackContext {
	headers?: Headers;
	request?: Request;
	context: unknown;
	path?: string;
}

/** Who owns a configuration's keys: users, or organizations (through their members). */
export type ApiKeyReferences = "user" | "organization";

export interface ApiKeyOptions {
	/**
	 * The name of this configuration, stored in each key's `configId`. Several configurations
	 * (`apiKey([{ configId: "public" }, { configId: "secret" }])`) need distinct ids; requests pick
	 * one with `configId`, and those without one use the configuration named `"default"`.
	 * @default "default"
	 */
	configId?: string;
	/**
	 * Who owns the keys. Only `"user"` is supported: organization-owned keys (`"organization"`, in
	 * better-auth 1.7) need the organization plugin, which this version does not have yet, and are
	 * refused at start-up.
	 * @default "user"
	 */
	references?: ApiKeyReferences;
	/**
	 * The request headers an API key is read from, first match wins.
	 * @default "x-api-key"
	 */
	apiKeyHeaders?: string | string[];
	/** Reads the API key from the request yourself; return null when there is none. */
	customAPIKeyGetter?: (ctx: ApiKeyCallbackContext) => string | null | Promise<string | null>;
	/**
	 * A cheap check that runs before any database lookup; return false to refuse the key. A key
	 * it accepts must still match a stored key.
	 */
	customAPIKeyValidator?: (options: { ctx: ApiKeyCallbackContext; key: string }) => boolean | Promise<boolean>;
	/**
	 * Generates the plaintext key (prefix included). If you ignore `length`, set
	 * `defaultKeyLength` to the length your keys have.
	 * @default `prefix` + `length` random letters (A–Z, a–z)
	 */
	customKeyGenerator?: (options: { length: number; prefix: string | undefined }) => string | Promise<string>;
	/** The `start` column: the first characters of each key (prefix included), for display. */
	startingCharactersConfig?: {
		/**
		 * Whether to store them; when false `start` is null.
		 * @default true
		 */
		shouldStore?: boolean;
		/**
		 * How many characters, prefix included.
		 * @default 6
		 */
		charactersLength?: number;
	};
	/**
	 * The length of generated keys, prefix excluded. Keys shorter than this are refused before any
	 * lookup.
	 * @default 64
	 */
	defaultKeyLength?: number;
	/** A prefix for every key of this configuration (end it with `_` to make keys easy to spot). */
	defaultPrefix?: string;
	/** @default 32 */
	maximumPrefixLength?: number;
	/** @default 1 */
	minimumPrefixLength?: number;
	/** @default 32 */
	maximumNameLength?: number;
	/** @default 1 */
	minimumNameLength?: number;
	/**
	 * Refuse keys without a name (`NAME_REQUIRED`).
	 * @default false
	 */
	requireName?: boolean;
	/**
	 * Allow `metadata` on keys (otherwise sending it is `METADATA_DISABLED`).
	 * @default false
	 */
	enableMetadata?: boolean;
	keyExpiration?: {
		/**
		 * The lifetime of keys created without `expiresIn`, in seconds (as `expiresIn`); null: none.
		 * @default null
		 */
		defaultExpiresIn?: number | null;
		/**
		 * Refuse `expiresIn` in requests (`KEY_DISABLED_EXPIRATION`).
		 * @default false
		 */
		disableCustomExpiresTime?: boolean;
		/**
		 * The shortest `expiresIn` accepted, in days.
		 * @default 1
		 */
		minExpiresIn?: number;
		/**
		 * The longest `expiresIn` accepted, in days.
		 * @default 365
		 */
		maxExpiresIn?: number;
	};
	/** Per-key rate limiting, applied when a key is verified (or used as a session). */
	rateLimit?: {
		/**
		 * Whether new keys are rate limited.
		 * @default true
		 */
		enabled?: boolean;
		/**
		 * The window, in milliseconds.
		 * @default 86_400_000 (one day)
		 */
		timeWindow?: number;
		/**
		 * Requests allowed per window.
		 * @default 10
		 */
		maxRequests?: number;
	};
	/** Table and column names, when yours differ. */
	schema?: { apikey?: { modelName?: string; fields?: Partial<Record<string, string>> } };
	/**
	 * A valid API key in the request headers acts as a session of its owner on every endpoint.
	 * @default false
	 */
	enableSessionForAPIKeys?: boolean;
	permissions?: {
		/** Permissions given to new keys that are created without any. */
		defaultPermissions?:
			| ApiKeyPermissions
			| ((referenceId: string, ctx: ApiKeyCallbackContext) => ApiKeyPermissions | Promise<ApiKeyPermissions>);
	};
	/**
	 * Where keys are kept: the `apikey` table, or the auth instance's `secondaryStorage` (Redis...),
	 * where they expire with the key.
	 * @default "database"
	 */
	storage?: "database" | "secondary-storage";
	/**
	 * With `storage: "secondary-storage"`: also write keys to the `apikey` table, read it when the
	 * storage misses (putting the key back), and list keys from it.
	 * @default false
	 */
	fallbackToDatabase?: boolean;
	/**
	 * Store keys in plaintext instead of their SHA-256 hash. Not recommended: a database leak then
	 * leaks every key.
	 * @default false
	 */
	disableKeyHashing?: boolean;
}

/** An API key as stored (with `key` hashed) and as endpoints return it (without `key`). */
export interface ApiKey {
	id: string;
	configId: string;
	name: string | null;
	start: string | null;
	prefix: string | null;
	key: string;
	referenceId: string;
	refillInterval: number | null;
	refillAmount: number | null;
	lastRefillAt: Date | null;
	enabled: boolean;
	rateLimitEnabled: boolean;
	rateLimitTimeWindow: number | null;
	rateLimitMax: number | null;
	requestCount: number | null;
	remaining: number | null;
	lastRequest: Date | null;
	expiresAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
	metadata: Record<string, unknown> | null;
	permissions: ApiKeyPermissions | null;
}
