/**
 * SQL column types per database, chosen so the tables are the ones Better Auth 1.7 creates:
 * an existing Better Auth database and one migrated here are interchangeable.
 */
import type { DBFieldAttribute, KyselyDatabaseType } from "@better-auth/core";
import { type ColumnDataType, type Expression, sql } from "kysely";

/** How ids are made: random strings (default), database sequences, or UUIDs. */
export type IdKind = "string" | "serial" | "uuid";

/** A Kysely column data type: a known name or raw SQL. */
export type DataType = ColumnDataType | Expression<unknown>;

/**
 * Whether a string column needs a bounded type. MySQL cannot index or constrain `text` without
 * a prefix length and SQL Server cannot index `varchar(8000)` reliably, so columns that are
 * unique or sorted on (and, on MySQL, indexed) are `varchar(255)`. Enums stay `text`, as in 1.7.
 */
function isKeyedString(type: KyselyDatabaseType, field: DBFieldAttribute): boolean {
	if (field.type !== "string") return false;
	if (field.unique || field.sortable) return true;
	return type === "mysql" && Boolean(field.index);
}

/** The type of an `id` column's values, and of columns that reference one. */
export function idColumnType(type: KyselyDatabaseType, kind: IdKind): DataType {
	if (kind === "serial") return "integer";
	if (kind === "uuid" && type === "postgres") return "uuid";
	if (type === "mysql" || type === "mssql") return "varchar(36)";
	return "text";
}

/**
 * The column type of a field. A column referencing an `id` takes the id type; a column referencing
 * another column is given that column's type by the caller (it passes the target field).
 */
export function columnType(type: KyselyDatabaseType, field: DBFieldAttribute, kind: IdKind): DataType {
	if (field.references?.field === "id") return idColumnType(type, kind);
	const fieldType = field.type;
	// Enums are plain `text` everywhere, even on MySQL and SQL Server, as 1.7 creates them.
	if (Array.isArray(fieldType)) return "text";
	switch (fieldType) {
		case "string":
			if (type === "mysql") return isKeyedString(type, field) ? "varchar(255)" : "text";
			if (type === "mssql") return isKeyedString(type, field) ? "varchar(255)" : "varchar(8000)";
			return "text";
		case "number":
			return field.bigint ? "bigint" : "integer";
		case "boolean":
			if (type === "sqlite") return "integer";
			if (type === "mssql") return sql`smallint`;
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
			if (type === "mssql") return "varchar(8000)";
			return "text";
	}
	return "text";
}

/**
 * `default CURRENT_TIMESTAMP` for dates whose default is computed (`() => new Date()`), as 1.7
 * creates them; a fixed date default is left to the application. SQLite stores dates as text and
 * gets no default.
 */
export function currentTimestampDefault(type: KyselyDatabaseType, field: DBFieldAttribute): Expression<unknown> | null {
	if (field.type !== "date" || typeof field.defaultValue !== "function") return null;
	if (type === "postgres" || type === "mssql") return sql`CURRENT_TIMESTAMP`;
	if (type === "mysql") return sql`CURRENT_TIMESTAMP(3)`;
	return null;
}

/**
 * A literal default for a column added to a table that may already hold rows, so existing rows get
 * a value (booleans, numbers, plain strings with a fixed default), as 1.7 adds them.
 */
export function staticDefault(type: KyselyDatabaseType, field: DBFieldAttribute): Expression<unknown> | null {
	const value = field.defaultValue;
	if (Array.isArray(field.type)) return null;
	if (typeof value === "boolean") {
		if (type === "sqlite" || type === "mssql") return sql.raw(value ? "1" : "0");
		return sql.raw(value ? "true" : "false");
	}
	if (typeof value === "number" && Number.isFinite(value)) return sql.raw(String(value));
	if (typeof value === "string") return sql.raw(`'${value.replace(/'/g, "''")}'`);
	return null;
}
