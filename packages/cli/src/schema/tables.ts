/**
 * The configured schema as the generators see it: physical table and column names, the implicit
 * `id`, references resolved to the target table and column, in the order tables are created.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import { type BetterAuthDBSchema, type DBFieldAttribute, getAuthTables, type OnDelete } from "@better-auth/core/db";

/** How ids are made: random strings (the default), database sequences, or UUIDs. */
export type IdKind = "string" | "serial" | "uuid";

/** A reference, resolved to physical names. */
export interface ResolvedReference {
	/** Logical key of the target table (`user`). */
	modelKey: string;
	/** Physical name of the target table. */
	table: string;
	/** Physical name of the target column (`id` for ids). */
	column: string;
	onDelete: OnDelete;
	/** The target field; absent when the target is the implicit `id`. */
	target?: DBFieldAttribute;
}

export interface SchemaColumn {
	/** Logical field key (`emailVerified`). */
	key: string;
	/** Physical column name. */
	column: string;
	field: DBFieldAttribute;
	reference?: ResolvedReference;
}

export interface SchemaTable {
	/** Logical model key (`user`, `twoFactor`). */
	key: string;
	/** Physical table name. */
	table: string;
	/** Columns other than `id`, in declaration order. */
	columns: SchemaColumn[];
}

export interface GeneratorSchema {
	tables: SchemaTable[];
	idKind: IdKind;
}

const CORE_MODELS = ["user", "session", "account", "verification"];

/** The id kind the options ask for (`generateId: "serial"`, the older `useNumberId`, or `"uuid"`). */
export function idKindOf(options: BetterAuthOptions): IdKind {
	const database = options.advanced?.database;
	const generateId = database?.generateId ?? options.advanced?.generateId;
	if (database?.useNumberId || generateId === "serial") return "serial";
	if (generateId === "uuid") return "uuid";
	return "string";
}

function findModel(schema: BetterAuthDBSchema, model: string): [string, BetterAuthDBSchema[string]] | undefined {
	if (schema[model]) return [model, schema[model]];
	return Object.entries(schema).find(([, table]) => table.modelName === model);
}

function resolveReference(schema: BetterAuthDBSchema, field: DBFieldAttribute): ResolvedReference | undefined {
	const ref = field.references;
	if (!ref) return undefined;
	const found = findModel(schema, ref.model);
	const [modelKey, table] = found ?? [ref.model, undefined];
	const onDelete = ref.onDelete ?? "cascade";
	if (ref.field === "id") return { modelKey, table: table?.modelName ?? ref.model, column: "id", onDelete };
	const target =
		table?.fields[ref.field] ??
		Object.values(table?.fields ?? {}).find((candidate) => candidate.fieldName === ref.field);
	return {
		modelKey,
		table: table?.modelName ?? ref.model,
		column: target?.fieldName ?? ref.field,
		onDelete,
		target,
	};
}

/** Where a table comes: core tables in their order, then plugin tables as listed, `rateLimit` last. */
function rank(key: string): number {
	const core = CORE_MODELS.indexOf(key);
	if (core >= 0) return core;
	return key === "rateLimit" ? 1000 : 100;
}

/**
 * The schema of a configuration, ready for a generator. Tables marked `disableMigration` are left
 * out: their owner manages them. Two models sharing a physical table become one table.
 */
export function generatorSchema(options: BetterAuthOptions): GeneratorSchema {
	const schema = getAuthTables(options);
	const entries = Object.entries(schema)
		.map(([key, table], position) => ({ key, table, position }))
		.filter(({ table }) => !table.disableMigrations)
		.sort((a, b) => rank(a.key) - rank(b.key) || a.position - b.position);

	const tables: SchemaTable[] = [];
	for (const { key, table } of entries) {
		const columns = Object.entries(table.fields).map(([fieldKey, field]) => ({
			key: fieldKey,
			column: field.fieldName ?? fieldKey,
			field,
			reference: resolveReference(schema, field),
		}));
		const existing = tables.find((candidate) => candidate.table === table.modelName);
		if (existing) {
			for (const column of columns) {
				if (!existing.columns.some((known) => known.column === column.column)) existing.columns.push(column);
			}
			continue;
		}
		tables.push({ key, table: table.modelName, columns });
	}
	return { tables, idKind: idKindOf(options) };
}

/** Whether a column holds a required value (fields are required unless `required: false`). */
export const isRequired = (field: DBFieldAttribute) => field.required !== false;

/** A date column whose default is "now" (`defaultValue: () => new Date()`). */
export const defaultsToNow = (field: DBFieldAttribute) =>
	field.type === "date" && typeof field.defaultValue === "function";

/** A date column refreshed on every update. */
export const updatesToNow = (field: DBFieldAttribute) => field.type === "date" && typeof field.onUpdate === "function";

/** A literal default (boolean, number, string), or undefined for none or a computed default. */
export function literalDefault(field: DBFieldAttribute): boolean | number | string | undefined {
	const value = field.defaultValue;
	if (typeof value === "boolean" || typeof value === "string") return value;
	if (typeof value === "number" && Number.isFinite(value)) return value;
	return undefined;
}
