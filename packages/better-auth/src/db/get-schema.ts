import type { BetterAuthOptions } from "@better-auth/core";
import { type DBFieldAttribute, getAuthTables } from "@better-auth/core/db";
import { physicalTables } from "./migration/physical-schema";

/** One table of {@link getSchema}'s result. */
export interface SchemaTable {
	/** Column name → field (`fieldName` set, `references.model` as the physical table). */
	fields: Record<string, DBFieldAttribute>;
	/** Creation order of the core tables (1 to 4); `null` for plugin tables and `rateLimit`. */
	order: number | null;
	/**
	 * Multi-column indexes. The schema model declares none (single-column indexes are the
	 * fields' `index`); the key is kept so code written for Better Auth 1.7 finds an array.
	 */
	indexes: never[];
	/** Set on tables that migrations must not create or alter. */
	disableMigrations?: true;
}

/**
 * The schema by physical names: table name → fields keyed by column name, with creation order,
 * in the order tables are created (core tables, plugin tables, `rateLimit`). It is the view schema
 * generators (the CLI's `generate`) work from, and the shape Better Auth 1.7 returns.
 */
export function getSchema(options: BetterAuthOptions): Record<string, SchemaTable> {
	const schema: Record<string, SchemaTable> = {};
	for (const table of physicalTables(getAuthTables(options))) {
		// Two models may share a physical table (a plugin naming an existing one): merge them.
		const existing = schema[table.table];
		schema[table.table] = {
			fields: { ...existing?.fields, ...table.fields },
			order: existing?.order ?? table.order,
			indexes: [],
			...(table.disableMigrations ? { disableMigrations: true as const } : {}),
		};
	}
	return schema;
}
