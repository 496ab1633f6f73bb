/**
 * What a migration must do, decided by comparing the configured schema with the database:
 * tables to create, columns to add, and indexes missing on columns that already exist.
 */
import type { DBFieldAttribute } from "@better-auth/core/db";
import type { ExistingTable } from "./introspect";
import type { PhysicalTable } from "./physical-schema";

/** A table to create, or the columns to add to one. */
export interface MigrationTable {
	/** Physical table name. */
	table: string;
	/** Physical column name → field. */
	fields: Record<string, DBFieldAttribute>;
	/** Creation order of the core tables (1 to 4); `null` for plugin tables and `rateLimit`. */
	order: number | null;
}

/** An index to create on a column that exists already but has none. */
export interface MissingIndex {
	table: string;
	column: string;
}

export interface MigrationPlan {
	toBeCreated: MigrationTable[];
	toBeAdded: MigrationTable[];
	missingIndexes: MissingIndex[];
}

/**
 * Compares the schema with the database. Never plans a drop or a change to an existing column,
 * and skips tables marked `disableMigrations`.
 */
export function planMigrations(tables: PhysicalTable[], existing: Map<string, ExistingTable>): MigrationPlan {
	const plan: MigrationPlan = { toBeCreated: [], toBeAdded: [], missingIndexes: [] };
	const planned = new Set<string>();
	for (const table of tables) {
		if (table.disableMigrations) continue;
		const found = existing.get(table.table);
		if (!found) {
			// Two models sharing one physical table: create it once, with every column.
			const created = plan.toBeCreated.find((entry) => entry.table === table.table);
			if (created) created.fields = { ...created.fields, ...table.fields };
			else plan.toBeCreated.push({ table: table.table, fields: { ...table.fields }, order: table.order });
			continue;
		}
		const missing = Object.entries(table.fields).filter(
			([column]) => !found.columns.has(column) && !planned.has(`${table.table}.${column}`),
		);
		for (const [column] of missing) planned.add(`${table.table}.${column}`);
		if (missing.length > 0) {
			plan.toBeAdded.push({ table: table.table, fields: Object.fromEntries(missing), order: table.order });
		}
		// An index declared after the column was created (by a newer version or a plugin update).
		for (const [column, field] of Object.entries(table.fields)) {
			if (field.index && found.columns.has(column) && !found.indexedColumns.has(column)) {
				if (planned.has(`index:${table.table}.${column}`)) continue;
				planned.add(`index:${table.table}.${column}`);
				plan.missingIndexes.push({ table: table.table, column });
			}
		}
	}
	return plan;
}
