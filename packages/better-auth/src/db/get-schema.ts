import type { BetterAuthOptions, DBFieldAttribute } from "@better-auth/core";
import { getAuthTables } from "@better-auth/core/db";

/**
 * The schema by physical names: table name → fields keyed by column name, with creation order.
 * This is the view schema generators (CLI `generate`) work from.
 */
export function getSchema(
	options: BetterAuthOptions,
): Record<string, { fields: Record<string, DBFieldAttribute>; order: number }> {
	const schema: Record<string, { fields: Record<string, DBFieldAttribute>; order: number }> = {};
	for (const table of Object.values(getAuthTables(options))) {
		const fields: Record<string, DBFieldAttribute> = {};
		for (const [key, field] of Object.entries(table.fields)) fields[field.fieldName ?? key] = field;
		const existing = schema[table.modelName];
		schema[table.modelName] = {
			fields: { ...existing?.fields, ...fields },
			order: existing?.order ?? table.order ?? Number.POSITIVE_INFINITY,
		};
	}
	return schema;
}
