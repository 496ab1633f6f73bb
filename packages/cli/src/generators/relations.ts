/**
 * The relations the foreign keys imply, named once for the ORM generators: `session.userId → user.id`
 * gives `session.user` (one) and `user.sessions` (many). Two foreign keys between the same tables,
 * or a table referencing itself, get a relation name so the ORM can tell them apart.
 */
import type { ResolvedReference, SchemaColumn, SchemaTable } from "../schema/tables";
import { lowerFirst, plural, relationNameFromColumn, unique, upperFirst } from "./naming";

export interface Relation {
	/** The table holding the foreign key. */
	source: SchemaTable;
	column: SchemaColumn;
	reference: ResolvedReference;
	/** The referenced table. */
	target: SchemaTable;
	/** Field on the source pointing at one target row. */
	forwardName: string;
	/** Field on the target listing the source rows (or the one row, for a unique key). */
	backName: string;
	/** A unique foreign key: at most one source row per target row. */
	oneToOne: boolean;
	/** Set when the pair of tables has more than one relation. */
	relationName?: string;
}

/**
 * Names every relation of the schema. `nameOf` gives a table's name in the generated code;
 * `taken` gives the field names a table already uses (its columns).
 */
export function collectRelations(tables: SchemaTable[], nameOf: (table: SchemaTable) => string): Relation[] {
	const byName = new Map(tables.map((table) => [table.table, table]));
	const taken = new Map(tables.map((table) => [table, new Set(["id", ...table.columns.map((c) => c.column)])]));
	const pairs = new Map<string, number>();
	const pairKey = (a: SchemaTable, b: SchemaTable) => [a.table, b.table].sort().join("\u0000");
	const found: Omit<Relation, "forwardName" | "backName">[] = [];

	for (const source of tables) {
		for (const column of source.columns) {
			const reference = column.reference;
			const target = reference && byName.get(reference.table);
			if (!reference || !target) continue;
			found.push({ source, column, reference, target, oneToOne: Boolean(column.field.unique) });
			const key = pairKey(source, target);
			pairs.set(key, (pairs.get(key) ?? 0) + 1);
		}
	}

	return found.map((relation) => {
		const { source, target, column } = relation;
		const ambiguous = source === target || (pairs.get(pairKey(source, target)) ?? 0) > 1;
		const forwardBase = ambiguous ? relationNameFromColumn(column.column) : lowerFirst(nameOf(target));
		const forwardName = unique(forwardBase, taken.get(source) as Set<string>);
		const sourceName = lowerFirst(nameOf(source));
		const backBase = relation.oneToOne ? sourceName : plural(sourceName);
		const backName = unique(
			ambiguous ? `${backBase}${upperFirst(forwardName)}` : backBase,
			taken.get(target) as Set<string>,
		);
		return {
			...relation,
			forwardName,
			backName,
			relationName: ambiguous ? `${source.table}_${column.column}` : undefined,
		};
	});
}
