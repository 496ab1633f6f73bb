/**
 * The schema seen by physical names, in the order Better Auth 1.7 lists (and creates) tables:
 * the core tables, then plugin tables in plugin order, then `rateLimit`.
 */
import type { BetterAuthDBSchema, BetterAuthDBTable, DBFieldAttribute } from "@better-auth/core/db";

/** A table by its physical name, fields keyed by physical column. */
export interface PhysicalTable {
	/** Logical model key (`user`, `twoFactor`...). */
	key: string;
	/** Physical table name. */
	table: string;
	/** Creation order of the core tables (1 to 4); `null` for the others, as in 1.7. */
	order: number | null;
	disableMigrations: boolean;
	/** Column → field, `fieldName` set and `references.model` given as the physical table. */
	fields: Record<string, DBFieldAttribute>;
}

const CORE_MODELS = new Set(["user", "session", "account", "verification"]);

/** Where a table comes in 1.7's listing: core tables, plugin tables, rate limits last. */
function rank(key: string): number {
	if (CORE_MODELS.has(key)) return 0;
	return key === "rateLimit" ? 2 : 1;
}

/** The physical table a model name (logical key or physical name) stands for. */
export function findTable(schema: BetterAuthDBSchema, model: string): BetterAuthDBTable | undefined {
	return schema[model] ?? Object.values(schema).find((table) => table.modelName === model);
}

/** Lists the schema's tables by physical names, in 1.7's order. */
export function physicalTables(schema: BetterAuthDBSchema): PhysicalTable[] {
	const entries = Object.entries(schema).map(([key, table], position) => ({ key, table, position }));
	// A stable sort: within a rank, core tables by their order, the others as the plugins list them.
	entries.sort(
		(a, b) =>
			rank(a.key) - rank(b.key) ||
			(rank(a.key) === 0 ? (a.table.order ?? 0) - (b.table.order ?? 0) : 0) ||
			a.position - b.position,
	);
	return entries.map(({ key, table }) => {
		const fields: Record<string, DBFieldAttribute> = {};
		for (const [fieldKey, field] of Object.entries(table.fields)) {
			const column = field.fieldName ?? fieldKey;
			const physical: DBFieldAttribute = { ...field, fieldName: column };
			if (field.references) {
				const target = findTable(schema, field.references.model);
				physical.references = { ...field.references, model: target?.modelName ?? field.references.model };
			}
			fields[column] = physical;
		}
		return {
			key,
			table: table.modelName,
			order: CORE_MODELS.has(key) ? (table.order ?? null) : null,
			disableMigrations: Boolean(table.disableMigrations),
			fields,
		};
	});
}
