/**
 * Test helper (not part of the public API): the Drizzle schema matching the tables
 * `getMigrations` creates for some options, as a user would write it by hand.
 * SQLite: dates are ISO text, booleans 0/1 integers, JSON and arrays text.
 * PostgreSQL: timestamptz, boolean, jsonb, and integer identity ids when ids are serial.
 */
import type { BetterAuthOptions } from "@better-auth/core";
import { type DBFieldAttribute, getAuthTables } from "@better-auth/core/db";
import { bigint, boolean, jsonb, integer as pgInteger, pgTable, text as pgText, timestamp } from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

function serial(options: Partial<BetterAuthOptions>): boolean {
	const database = options.advanced?.database;
	return database?.generateId === "serial" || Boolean(database?.useNumberId);
}

function sqliteColumn(name: string, field: DBFieldAttribute, numericIds: boolean) {
	if (field.references?.field === "id") return numericIds ? integer(name) : text(name);
	switch (field.type) {
		case "number":
			return integer(name);
		case "boolean":
			return integer(name, { mode: "boolean" });
		default:
			return text(name);
	}
}

function pgColumn(name: string, field: DBFieldAttribute, numericIds: boolean) {
	if (field.references?.field === "id") return numericIds ? pgInteger(name) : pgText(name);
	switch (field.type) {
		case "number":
			return field.bigint ? bigint(name, { mode: "number" }) : pgInteger(name);
		case "boolean":
			return boolean(name);
		case "date":
			return timestamp(name, { withTimezone: true, mode: "date" });
		case "json":
		case "string[]":
		case "number[]":
			return jsonb(name);
		default:
			return pgText(name);
	}
}

/** Drizzle tables keyed by table name for `options` (core tables, plugins, renamed columns). */
export function drizzleSchemaFor(
	provider: "sqlite" | "pg",
	options: Partial<BetterAuthOptions>,
): Record<string, unknown> {
	const numericIds = serial(options);
	const tables: Record<string, unknown> = {};
	for (const [key, model] of Object.entries(getAuthTables(options as BetterAuthOptions))) {
		const name = model.modelName ?? key;
		if (provider === "sqlite") {
			const columns: Record<string, ReturnType<typeof sqliteColumn>> = {
				id: numericIds ? integer("id").primaryKey({ autoIncrement: true }) : text("id").primaryKey(),
			};
			for (const [fieldKey, field] of Object.entries(model.fields)) {
				const column = field.fieldName ?? fieldKey;
				columns[column] = sqliteColumn(column, field, numericIds);
			}
			tables[name] = sqliteTable(name, columns);
		} else {
			const columns: Record<string, ReturnType<typeof pgColumn>> = {
				id: numericIds ? pgInteger("id").primaryKey().generatedByDefaultAsIdentity() : pgText("id").primaryKey(),
			};
			for (const [fieldKey, field] of Object.entries(model.fields)) {
				const column = field.fieldName ?? fieldKey;
				columns[column] = pgColumn(column, field, numericIds);
			}
			tables[name] = pgTable(name, columns);
		}
	}
	return tables;
}
