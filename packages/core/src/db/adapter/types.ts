import type { BetterAuthOptions } from "../../types/options";
import type { BetterAuthDBSchema, DBFieldAttribute } from "../field";

export type WhereOperator =
	| "eq"
	| "ne"
	| "lt"
	| "lte"
	| "gt"
	| "gte"
	| "in"
	| "not_in"
	| "contains"
	| "starts_with"
	| "ends_with";

export type WhereValue = string | number | boolean | Date | null | string[] | number[];

/** One condition. Conditions are joined left to right by their `connector`. */
export interface Where {
	field: string;
	value: WhereValue;
	/** @default "eq" */
	operator?: WhereOperator;
	/** How this condition joins the ones before it. @default "AND" */
	connector?: "AND" | "OR";
	/** Case-insensitive comparison for strings. @default "sensitive" */
	mode?: "sensitive" | "insensitive";
}

/** A `Where` after the factory: physical field name, converted value, every default filled. */
export interface CleanedWhere {
	field: string;
	value: WhereValue;
	operator: WhereOperator;
	connector: "AND" | "OR";
	mode: "sensitive" | "insensitive";
}

export interface SortBy {
	field: string;
	direction: "asc" | "desc";
}

/** Which related models to bring back with a row: `{ user: true }`, `{ session: { limit: 10 } }`. */
export type JoinOption = Record<string, boolean | { limit?: number }>;

/**
 * A join resolved by the factory for a custom adapter, keyed by the joined model's physical table.
 * `from` is a column of the queried table, `to` a column of the joined one.
 * `one-to-one`: at most one joined row (an object or null); `one-to-many`: an array.
 */
export type ResolvedJoin = Record<
	string,
	{
		/** The logical model key (`user`), used as the property name in results. */
		modelKey: string;
		on: { from: string; to: string };
		relation: "one-to-one" | "one-to-many";
		limit: number;
	}
>;

/** The adapter every part of Better Auth talks to. Model and field names are logical. */
export interface DBAdapter<Options extends BetterAuthOptions = BetterAuthOptions> {
	id: string;
	create<T extends Record<string, unknown> = Record<string, unknown>, R = T>(data: {
		model: string;
		data: Omit<T, "id"> & { id?: unknown };
		select?: string[];
		/** Keeps an `id` given in `data` instead of generating one. */
		forceAllowId?: boolean;
	}): Promise<R>;
	findOne<T>(data: { model: string; where: Where[]; select?: string[]; join?: JoinOption }): Promise<T | null>;
	findMany<T>(data: {
		model: string;
		where?: Where[];
		limit?: number;
		sortBy?: SortBy;
		offset?: number;
		select?: string[];
		join?: JoinOption;
	}): Promise<T[]>;
	count(data: { model: string; where?: Where[] }): Promise<number>;
	/** Updates every matching row (normally one: the where names a unique field) and returns the first, or null. */
	update<T>(data: { model: string; where: Where[]; update: Record<string, unknown> }): Promise<T | null>;
	updateMany(data: { model: string; where: Where[]; update: Record<string, unknown> }): Promise<number>;
	delete(data: { model: string; where: Where[] }): Promise<void>;
	deleteMany(data: { model: string; where: Where[] }): Promise<number>;
	/**
	 * Runs `callback` in a transaction: every write through `trx` is committed together,
	 * or rolled back when the callback throws.
	 */
	transaction<R>(callback: (trx: DBTransactionAdapter<Options>) => Promise<R>): Promise<R>;
	/** Used by the CLI's `generate`. */
	createSchema?: (options: Options, file?: string) => Promise<DBAdapterSchemaCreation>;
	options?: { adapterConfig: DBAdapterFactoryConfig<Options> } & Record<string, unknown>;
}

export type DBTransactionAdapter<Options extends BetterAuthOptions = BetterAuthOptions> = Omit<
	DBAdapter<Options>,
	"transaction"
>;

/** What the `database` option may be: a function of the options that returns an adapter. */
export type DBAdapterInstance<Options extends BetterAuthOptions = BetterAuthOptions> = (
	options: Options,
) => DBAdapter<Options>;

export interface DBAdapterSchemaCreation {
	/** Text of the schema file. */
	code: string;
	/** Where to write it. */
	path: string;
	/** Appends to an existing file instead of replacing it. */
	append?: boolean;
	/** Overwrites an existing file. */
	overwrite?: boolean;
}

export type DBAdapterDebugLogOption =
	| boolean
	| Partial<
			Record<"create" | "update" | "updateMany" | "findOne" | "findMany" | "delete" | "deleteMany" | "count", boolean>
	  >
	| { logCondition?: () => boolean; isRunningAdapterTests?: boolean };

/** What an adapter tells the factory about its database. */
export interface DBAdapterFactoryConfig<Options extends BetterAuthOptions = BetterAuthOptions> {
	adapterId: string;
	adapterName?: string;
	/** Table names are the plural of the model key (`users`). @default false */
	usePlural?: boolean;
	debugLogs?: DBAdapterDebugLogOption;
	/** @default false: JSON values are stored as text. */
	supportsJSON?: boolean;
	/** @default true; otherwise dates are stored as ISO strings. */
	supportsDates?: boolean;
	/** @default true; otherwise booleans are stored as 0/1. */
	supportsBooleans?: boolean;
	/** @default false; otherwise arrays are stored as JSON text. */
	supportsArrays?: boolean;
	/** @default true */
	supportsNumericIds?: boolean;
	/** @default true: uuid generated in JS when the database cannot. */
	supportsUUIDs?: boolean;
	/** Whether `findOne`/`findMany` accept a resolved `join`. @default false (the factory queries each model). */
	supportsJoin?: boolean;
	/** Never generate ids: the database does. @default false */
	disableIdGeneration?: boolean;
	customIdGenerator?: (props: { model: string }) => string;
	/** Renames keys on the way in (`id` → `_id`). */
	mapKeysTransformInput?: Record<string, string>;
	/** Renames keys on the way out (`_id` → `id`). */
	mapKeysTransformOutput?: Record<string, string>;
	customTransformInput?: (props: {
		data: unknown;
		field: string;
		fieldAttributes: DBFieldAttribute;
		action: "create" | "update" | "findOne" | "findMany" | "updateMany" | "delete" | "deleteMany" | "count";
		model: string;
		schema: BetterAuthDBSchema;
		options: Options;
	}) => unknown;
	customTransformOutput?: (props: {
		data: unknown;
		field: string;
		fieldAttributes: DBFieldAttribute;
		select: string[];
		model: string;
		schema: BetterAuthDBSchema;
		options: Options;
	}) => unknown;
	/** Runs a callback in a real transaction; `false` runs it without one. @default false */
	transaction?: false | (<R>(callback: (trx: DBTransactionAdapter<Options>) => Promise<R>) => Promise<R>);
}

/** The small adapter a database integration writes; physical names, converted values. */
export interface CustomAdapter {
	create<T extends Record<string, unknown>>(data: { model: string; data: T; select?: string[] }): Promise<T>;
	findOne<T>(data: { model: string; where: CleanedWhere[]; select?: string[]; join?: ResolvedJoin }): Promise<T | null>;
	findMany<T>(data: {
		model: string;
		where?: CleanedWhere[];
		limit: number;
		sortBy?: SortBy;
		offset?: number;
		select?: string[];
		join?: ResolvedJoin;
	}): Promise<T[]>;
	count(data: { model: string; where?: CleanedWhere[] }): Promise<number>;
	update<T>(data: { model: string; where: CleanedWhere[]; update: T }): Promise<T | null>;
	updateMany(data: { model: string; where: CleanedWhere[]; update: Record<string, unknown> }): Promise<number>;
	delete(data: { model: string; where: CleanedWhere[] }): Promise<void>;
	deleteMany(data: { model: string; where: CleanedWhere[] }): Promise<number>;
	createSchema?: (props: { file?: string; tables: BetterAuthDBSchema }) => Promise<DBAdapterSchemaCreation>;
	options?: Record<string, unknown>;
}

/** Helpers the factory hands to a custom adapter. */
export interface CustomAdapterHelpers<Options extends BetterAuthOptions = BetterAuthOptions> {
	options: Options;
	schema: BetterAuthDBSchema;
	debugLog: (...args: unknown[]) => void;
	/** Logical or physical model name → physical table name. */
	getModelName: (model: string) => string;
	/** Logical field → physical column of a model. */
	getFieldName: (props: { model: string; field: string }) => string;
	/** Logical or physical model name → logical model key. */
	getDefaultModelName: (model: string) => string;
	/** Physical or logical field → logical field key. */
	getDefaultFieldName: (props: { model: string; field: string }) => string;
	getFieldAttributes: (props: { model: string; field: string }) => DBFieldAttribute;
}

export interface AdapterFactoryOptions<Options extends BetterAuthOptions = BetterAuthOptions> {
	config: DBAdapterFactoryConfig<Options>;
	adapter: (helpers: CustomAdapterHelpers<Options>) => CustomAdapter;
}
