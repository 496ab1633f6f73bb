import type { DBAdapter, DBAdapterInstance } from "../db/adapter/types";
import type { DBFieldAttribute } from "../db/field";
import type { SecondaryStorage } from "../db/secondary-storage";
import type { SocialProviders } from "../social-providers";
import type { Account, Session, User, Verification } from "./models";

/** The kinds of SQL database the built-in Kysely adapter speaks. */
export type KyselyDatabaseType = "postgres" | "mysql" | "sqlite" | "mssql";

/** The core model keys. Plugins add their own. */
export type CoreModel = "user" | "session" | "account" | "verification" | "rateLimit";

/** Lets a string union keep its literals in editors while accepting any string. */
export type LiteralUnion<L extends string, T extends string = string> = L | (T & Record<never, never>);

/** How ids are generated. */
export type GenerateIdOption =
	| false
	| "serial"
	| "uuid"
	| ((options: { model: LiteralUnion<CoreModel>; size?: number }) => string | false);

/**
 * Anything the docs accept as `database`:
 * - a driver object (better-sqlite3 Database, pg Pool, mysql2 pool, a Kysely dialect, a Kysely instance),
 * - `{ dialect, type, casing?, debugLogs?, transaction? }` or `{ db, type }`,
 * - an adapter factory (`(options) => DBAdapter`), or an adapter.
 * Recognised by shape at start-up; anything else is a `BetterAuthError`.
 */
export type BetterAuthDatabaseOption =
	| DBAdapterInstance
	| DBAdapter
	| {
			dialect: unknown;
			type: KyselyDatabaseType;
			casing?: "snake" | "camel";
			debugLogs?: boolean;
			transaction?: boolean;
	  }
	| {
			db: unknown;
			type: KyselyDatabaseType;
			casing?: "snake" | "camel";
			debugLogs?: boolean;
			transaction?: boolean;
	  }
	| object;

/** `modelName`/`fields` renames for a table. */
export interface ModelOptions<Fields extends string = string> {
	/** The physical table name. */
	modelName?: string;
	/** Logical field name → physical column name. */
	fields?: Partial<Record<Fields, string>>;
}

export type AdditionalFields = Record<string, DBFieldAttribute>;

/**
 * The context a database hook receives: the endpoint context when the write comes from an
 * endpoint, `null` when it comes from a server-side call outside any request.
 */
// biome-ignore lint/suspicious/noExplicitAny: the endpoint context type lives in the api layer.
export type DatabaseHookContext = any;

export interface ModelDatabaseHooks<T> {
	create?: {
		/** Return `false` to abort, `{ data }` to replace the row to write; may throw an APIError. */
		before?: (
			data: T & Record<string, unknown>,
			ctx: DatabaseHookContext,
		) =>
			| Promise<boolean | void | { data: Partial<T> & Record<string, unknown> }>
			| boolean
			| void
			| { data: Partial<T> & Record<string, unknown> };
		after?: (data: T & Record<string, unknown>, ctx: DatabaseHookContext) => Promise<void> | void;
	};
	update?: {
		before?: (
			data: Partial<T> & Record<string, unknown>,
			ctx: DatabaseHookContext,
		) =>
			| Promise<boolean | void | { data: Partial<T> & Record<string, unknown> }>
			| boolean
			| void
			| { data: Partial<T> & Record<string, unknown> };
		after?: (data: T & Record<string, unknown>, ctx: DatabaseHookContext) => Promise<void> | void;
	};
	delete?: {
		before?: (data: T & Record<string, unknown>, ctx: DatabaseHookContext) => Promise<boolean | void> | boolean | void;
		after?: (data: T & Record<string, unknown>, ctx: DatabaseHookContext) => Promise<void> | void;
	};
}

export interface CookieAttributes {
	value?: string;
	maxAge?: number;
	expires?: Date;
	domain?: string;
	path?: string;
	secure?: boolean;
	httpOnly?: boolean;
	sameSite?: "strict" | "lax" | "none" | "Strict" | "Lax" | "None";
	partitioned?: boolean;
	prefix?: "secure" | "host";
}

export interface RateLimitRule {
	/** Window length in seconds. */
	window: number;
	/** Requests allowed per window. */
	max: number;
}

export interface RateLimitStorage {
	get: (key: string) => Promise<{ key: string; count: number; lastRequest: number } | null | undefined>;
	set: (key: string, value: { key: string; count: number; lastRequest: number }, update?: boolean) => Promise<void>;
}

/** Every option `betterAuth()` accepts. Each area is documented where it is used. */
export interface BetterAuthOptions {
	/** @default "Better Auth" */
	appName?: string;
	/** Root URL of the server; falls back to BETTER_AUTH_URL, then to the request's origin. */
	baseURL?: string;
	/** @default "/api/auth" */
	basePath?: string;
	/** Signing and encryption secret; falls back to BETTER_AUTH_SECRET, then AUTH_SECRET. */
	secret?: string;
	database?: BetterAuthDatabaseOption;
	secondaryStorage?: SecondaryStorage;
	trustedOrigins?: string[] | ((request?: Request) => string[] | Promise<string[]>);
	emailAndPassword?: {
		/** @default false */
		enabled?: boolean;
		/** @default false */
		disableSignUp?: boolean;
		/** @default false */
		requireEmailVerification?: boolean;
		/** @default 8 */
		minPasswordLength?: number;
		/** @default 128 */
		maxPasswordLength?: number;
		/** @default true */
		autoSignIn?: boolean;
		sendResetPassword?: (data: { user: User; url: string; token: string }, request?: Request) => Promise<void> | void;
		/** Seconds. @default 3600 */
		resetPasswordTokenExpiresIn?: number;
		onPasswordReset?: (data: { user: User }, request?: Request) => Promise<void> | void;
		/** @default false */
		revokeSessionsOnPasswordReset?: boolean;
		password?: {
			hash?: (password: string) => Promise<string>;
			verify?: (data: { hash: string; password: string }) => Promise<boolean>;
		};
	};
	emailVerification?: {
		sendVerificationEmail?: (
			data: { user: User; url: string; token: string },
			request?: Request,
		) => Promise<void> | void;
		/** @default false */
		sendOnSignUp?: boolean;
		/** @default false */
		sendOnSignIn?: boolean;
		/** @default false */
		autoSignInAfterVerification?: boolean;
		/** Seconds. @default 3600 */
		expiresIn?: number;
		onEmailVerification?: (user: User, request?: Request) => Promise<void> | void;
		afterEmailVerification?: (user: User, request?: Request) => Promise<void> | void;
	};
	socialProviders?: SocialProviders;
	plugins?: ReadonlyArray<{ id: string } & Record<string, unknown>>;
	user?: ModelOptions<keyof User & string> & {
		additionalFields?: AdditionalFields;
		changeEmail?: {
			/** @default false */
			enabled?: boolean;
			sendChangeEmailVerification?: (
				data: { user: User; newEmail: string; url: string; token: string },
				request?: Request,
			) => Promise<void> | void;
		};
		deleteUser?: {
			/** @default false */
			enabled?: boolean;
			sendDeleteAccountVerification?: (
				data: { user: User; url: string; token: string },
				request?: Request,
			) => Promise<void> | void;
			beforeDelete?: (user: User, request?: Request) => Promise<void> | void;
			afterDelete?: (user: User, request?: Request) => Promise<void> | void;
			/** Seconds. @default 86400 */
			deleteTokenExpiresIn?: number;
		};
	};
	session?: ModelOptions<keyof Session & string> & {
		additionalFields?: AdditionalFields;
		/** Seconds. @default 604800 (7 days) */
		expiresIn?: number;
		/** Seconds. @default 86400 (1 day) */
		updateAge?: number;
		/** @default false */
		disableSessionRefresh?: boolean;
		/**
		 * GET /get-session never writes and answers `needsRefresh`; POST /get-session refreshes.
		 * For read replicas and edge caches. @default false
		 */
		deferSessionRefresh?: boolean;
		/** Seconds; 0 disables the check. @default 86400 */
		freshAge?: number;
		/** @default false */
		storeSessionInDatabase?: boolean;
		/** @default false */
		preserveSessionInDatabase?: boolean;
		cookieCache?: {
			/** @default false */
			enabled?: boolean;
			/** Seconds. @default 300 */
			maxAge?: number;
			/** @default "compact" */
			strategy?: "compact" | "jwt" | "jwe";
			version?: string | ((session: Session, user: User) => string | Promise<string>);
		};
	};
	account?: ModelOptions<keyof Account & string> & {
		additionalFields?: AdditionalFields;
		/** @default true */
		updateAccountOnSignIn?: boolean;
		/** @default false */
		encryptOAuthTokens?: boolean;
		accountLinking?: {
			/** @default true */
			enabled?: boolean;
			trustedProviders?: string[];
			/** @default false */
			allowDifferentEmails?: boolean;
			/** @default false */
			allowUnlinkingAll?: boolean;
			/** @default false */
			updateUserInfoOnLink?: boolean;
			disableImplicitLinking?: boolean;
		};
		/** Where OAuth state lives. @default "database" */
		storeStateStrategy?: "database" | "cookie";
		storeAccountCookie?: boolean;
	};
	verification?: ModelOptions<keyof Verification & string> & {
		additionalFields?: AdditionalFields;
		/** @default false */
		disableCleanup?: boolean;
		/** Store identifiers hashed. @default "plain" */
		storeIdentifier?: "plain" | "hashed";
	};
	rateLimit?: {
		/** @default true in production, false otherwise */
		enabled?: boolean;
		/** Seconds. @default 10 */
		window?: number;
		/** @default 100 */
		max?: number;
		customRules?: Record<
			string,
			RateLimitRule | false | ((request: Request) => RateLimitRule | false | Promise<RateLimitRule | false>)
		>;
		/** @default "memory" (or "secondary-storage" when one is configured) */
		storage?: "memory" | "database" | "secondary-storage";
		/** @default "rateLimit" */
		modelName?: string;
		fields?: Partial<Record<"key" | "count" | "lastRequest", string>>;
		customStorage?: RateLimitStorage;
	};
	advanced?: {
		ipAddress?: {
			/** @default ["x-forwarded-for"] */
			ipAddressHeaders?: string[];
			/** @default false */
			disableIpTracking?: boolean;
			/** Prefix length IPv6 addresses are grouped by for rate limiting. @default 64 */
			ipv6Subnet?: 128 | 64 | 48 | 32;
		};
		/** @default false */
		useSecureCookies?: boolean;
		/** @default false */
		disableCSRFCheck?: boolean;
		/** @default false */
		disableOriginCheck?: boolean;
		crossSubDomainCookies?: {
			enabled: boolean;
			additionalCookies?: string[];
			domain?: string;
		};
		cookies?: Record<string, { name?: string; attributes?: CookieAttributes }>;
		defaultCookieAttributes?: CookieAttributes;
		/** @default "better-auth" */
		cookiePrefix?: string;
		database?: {
			/** @deprecated use `generateId: "serial"` */
			useNumberId?: boolean;
			generateId?: GenerateIdOption;
			/** @default 100 */
			defaultFindManyLimit?: number;
			/** @default false */
			experimentalJoins?: boolean;
		};
		/** @deprecated use `advanced.database.generateId` */
		generateId?: GenerateIdOption;
		/** Header carrying the original client URL behind a proxy. */
		trustedProxyHeaders?: boolean;
		backgroundTasks?: {
			handler: (promise: Promise<unknown>) => void;
		};
	};
	databaseHooks?: {
		user?: ModelDatabaseHooks<User>;
		session?: ModelDatabaseHooks<Session>;
		account?: ModelDatabaseHooks<Account>;
		verification?: ModelDatabaseHooks<Verification>;
	};
	// biome-ignore lint/suspicious/noExplicitAny: hooks are endpoint middlewares, typed in the api layer.
	hooks?: { before?: any; after?: any };
	onAPIError?: {
		/** @default false */
		throw?: boolean;
		onError?: (error: unknown, ctx: unknown) => void | Promise<void>;
		/** @default "/api/auth/error" */
		errorURL?: string;
	};
	disabledPaths?: string[];
	logger?: {
		disabled?: boolean;
		disableColors?: boolean;
		level?: "debug" | "info" | "warn" | "error";
		log?: (level: "debug" | "info" | "warn" | "error", message: string, ...args: unknown[]) => void;
	};
	telemetry?: { enabled?: boolean; debug?: boolean };
}
