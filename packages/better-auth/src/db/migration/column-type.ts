/**
 * SQL column types per database, chosen so the tables are the ones Better Auth 1.7 creates:
 * an existing Better Auth database and one migrated here are interchangeable.
 */
import type { DBFieldAttribute, KyselyDatabaseType } from "@better-auth/core";
import { type ColumnDataType, type Expression, sql } from "kysely";

export type IdKind = "string" | "serial" | "uuid";

type DataType = ColumnDataType | Expression<unknown>;

/** MySQL cannot index or constrain `text`, so keyed strings are bounded. */
function isKeyedString(field: DBFieldAttribute): boolean {
	return Boolean(field.unique || field.sortable || field.index || field.references);
}

/** The type of an `id` column, or of a column that references one. */
export function idColumnType(type: KyselyDatabaseType, kind: IdKind): DataType {
	if (kind === "serial") return "integer";
	if (kind === "uuid" && type === "postgres") return "uuid";
	if (type === "mysql" || type === "mssql") return "varchar(36)";
	return "text";
}

export function columnType(type: KyselyDatabaseType, field: DBFieldAttribute, idKind: IdKind): DataType {
	if (field.references?.field === "id") return idColumnType(type, idKind);
	const fieldType = field.type;
	if (Array.isArray(fieldType) || fieldType === "string") {
		if (type === "mysql") return isKeyedString(field) ? "varchar(255)" : "text";
		if (type === "mssql") return isKeyedString(field) ? "varchar(255)" : sql`varchar(8000)`;
		return "text";
	}
	switch (fieldType) {
		case "number":
			return field.bigint ? "bigint" : "integer";
		case "boolean":
			if (type === "sqlite") return "integer";
			if (type === "mssql") return sql`bit`;
			return "boolean";
		case "date":
			if (type === "postgres") return "timestamptz";
			if (type === "mysql") return sql`timestamp(3)`;
			if (type === "mssql") return sql`datetime2(3)`;
			return "date";
		case "json":
		case "string[]":
		case "number[]":
			if (type === "postgres") return "jsonb";
			if (type === "mysql") return "json";
			if (type === "mssql") return sql`varchar(8000)`;
			return "text";
	}
	return "text";
}

/** `default CURRENT_TIMESTAMP` for dates with a default value, as Better Auth creates them. */
export function currentTimestampDefault(type: KyselyDatabaseType): Expression<unknown> | null {
	if (type === "postgres" || type === "mssql") return sql`CURRENT_TIMESTAMP`;
	if (type === "mysql") return sql`CURRENT_TIMESTAMP(3)`;
	return null;
}

/**
 * A literal default for a column added to a table that may already hold rows, so existing
 * rows get a value for a required field (booleans, numbers, strings with a static default).
 */
export function staticDefault(type: KyselyDatabaseType, field: DBFieldAttribute): Expression<unknown> | null {
	const value = field.defaultValue;
	if (typeof value === "function" || value === undefined || value === null || Array.isArray(field.type)) return null;
	if (typeof value === "boolean") {
		if (type === "sqlite" || type === "mssql") return sql.raw(value ? "1" : "0");
		return sql.raw(value ? "true" : "false");
	}
	if (typeof value === "number") return sql.raw(String(value));
	if (typeof value === "string") return sql.raw(`'${value.replace(/'/g, "''")}'`);
	return null;
}
