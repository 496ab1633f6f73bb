/**
 * The field model: how every table column is described, for core tables and
 * for the tables and columns that plugins add.
 */

/** The value types a field may hold. Literal unions (`["a", "b"]`) are enums stored as strings. */
export type DBFieldType = "string" | "number" | "boolean" | "date" | "json" | "string[]" | "number[]" | Array<string>;

/** Maps a field type to the TypeScript type of its value. */
export type DBPrimitive<T extends DBFieldType> = T extends "string"
	? string
	: T extends "number"
		? number
		: T extends "boolean"
			? boolean
			: T extends "date"
				? Date
				: T extends "json"
					? Record<string, unknown> | unknown[]
					: T extends "string[]"
						? string[]
						: T extends "number[]"
							? number[]
							: T extends Array<infer U>
								? U
								: never;

export type OnDelete = "cascade" | "no action" | "restrict" | "set null" | "set default";

export interface DBFieldAttributeConfig {
	/**
	 * Whether a value must be present when a row is created.
	 * @default true
	 */
	required?: boolean;
	/**
	 * Whether the field is sent back to clients (API responses).
	 * @default true
	 */
	returned?: boolean;
	/**
	 * Whether a client may set the field through the API (sign-up, update-user...).
	 * @default true
	 */
	input?: boolean;
	/** Value used when the field is absent at creation. A function is called each time. */
	defaultValue?: unknown | (() => unknown);
	/** Value written on every update when the field is not part of the update. */
	onUpdate?: () => unknown;
	/** Conversions applied on the way to and from the database. */
	transform?: {
		input?: (value: unknown) => unknown | Promise<unknown>;
		output?: (value: unknown) => unknown | Promise<unknown>;
	};
	/** A foreign key. */
	references?: {
		model: string;
		field: string;
		/** @default "cascade" */
		onDelete?: OnDelete;
	};
	/** A unique constraint on the column. */
	unique?: boolean;
	/** Stores a number as a 64-bit integer. */
	bigint?: boolean;
	/** A validator for input values (any standard-schema such as a zod schema). */
	validator?: { input?: unknown; output?: unknown };
	/** The physical column name, when it differs from the field's key. */
	fieldName?: string;
	/** Whether the field may be sorted on (string columns get a bounded length on MySQL). */
	sortable?: boolean;
	/** Whether the migration creates an index on this column. */
	index?: boolean;
}

/** A field: its type plus its attributes. */
export type DBFieldAttribute<T extends DBFieldType = DBFieldType> = {
	type: T;
} & DBFieldAttributeConfig;

/** A table as the schema model describes it. */
export interface BetterAuthDBTable {
	/** The physical table name. */
	modelName: string;
	/** Logical field key → field. The `id` field is implicit. */
	fields: Record<string, DBFieldAttribute>;
	/** Tables with `disableMigrations` are never created or altered by migrations. */
	disableMigrations?: boolean;
	/** Creation order: a referenced table comes before the tables that reference it. */
	order?: number;
}

/** Logical model key (`user`, `session`, `twoFactor`...) → table. */
export type BetterAuthDBSchema = Record<string, BetterAuthDBTable>;

/**
 * A plugin's schema contribution. A key naming an existing table adds fields to it;
 * a new key adds a table.
 */
export type BetterAuthPluginDBSchema = Record<
	string,
	{
		fields: Record<string, DBFieldAttribute>;
		modelName?: string;
		disableMigration?: boolean;
	}
>;

/** Helper to declare a field with its literal type kept. */
export function field<T extends DBFieldType>(type: T, config: DBFieldAttributeConfig = {}): DBFieldAttribute<T> {
	return { type, ...config };
}

/** Resolves a default value (plain value or factory). */
export function resolveDefaultValue(attribute: DBFieldAttribute): unknown {
	const value = attribute.defaultValue;
	return typeof value === "function" ? (value as () => unknown)() : value;
}
