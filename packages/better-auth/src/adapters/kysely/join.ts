/**
 * Native joins. A one-to-one join (a session's user) is a LEFT JOIN in the same statement: the
 * joined columns come back under short aliases (`__j0_3`; PostgreSQL truncates identifiers past
 * 63 bytes, so names built from model and column could collide) and are moved into a nested
 * object. A one-to-many join (a user's sessions) is one extra query for all rows at once.
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import type { ResolvedJoin } from "@better-auth/core/db";
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type DB = Kysely<any>;
type Row = Record<string, unknown>;

interface NestedColumns {
	modelKey: string;
	/** Alias of the joined `to` column: null when no row matched. */
	matchAlias: string;
	columns: Array<{ column: string; alias: string }>;
}

interface ManyJoin {
	table: string;
	modelKey: string;
	from: string;
	to: string;
	limit: number;
}

export interface JoinedSelect {
	// biome-ignore lint/suspicious/noExplicitAny: a select query over a dynamic schema.
	query: any;
	/** Moves joined columns into nested objects and loads one-to-many joins, in place. */
	nest: (rows: Row[]) => Promise<Row[]>;
}

/**
 * `select <columns> from <table>` plus the one-to-one joins of `join`.
 * `columnsOf(table)` lists every physical column of a table.
 */
export function selectWithJoins(
	db: DB,
	type: KyselyDatabaseType,
	table: string,
	columns: string[],
	join: ResolvedJoin | undefined,
	columnsOf: (table: string) => string[],
): JoinedSelect {
	let query = db.selectFrom(table);
	const selections = columns.map((column) => `${table}.${column}`);
	const nested: NestedColumns[] = [];
	const many: ManyJoin[] = [];
	for (const [joined, spec] of Object.entries(join ?? {})) {
		if (spec.relation === "one-to-many") {
			// The key the related rows are matched on must come back even when not selected.
			if (!columns.includes(spec.on.from)) selections.push(`${table}.${spec.on.from}`);
			many.push({ table: joined, modelKey: spec.modelKey, from: spec.on.from, to: spec.on.to, limit: spec.limit });
			continue;
		}
		// The joined table gets its own alias, so a model may join a table twice or itself.
		const alias = `j${nested.length}`;
		query = query.leftJoin(`${joined} as ${alias}`, `${alias}.${spec.on.to}`, `${table}.${spec.on.from}`);
		const joinedColumns = columnsOf(joined).map((column, index) => ({ column, alias: `__${alias}_${index}` }));
		for (const { column, alias: as } of joinedColumns) selections.push(`${alias}.${column} as ${as}`);
		const match = joinedColumns.find((entry) => entry.column === spec.on.to);
		nested.push({
			modelKey: spec.modelKey,
			matchAlias: match?.alias ?? joinedColumns[0].alias,
			columns: joinedColumns,
		});
	}
	return {
		query: query.select(selections),
		nest: async (rows) => {
			for (const row of rows) {
				for (const { modelKey, matchAlias, columns: joinedColumns } of nested) {
					const matched = row[matchAlias] !== null && row[matchAlias] !== undefined;
					const value: Row = {};
					for (const { column, alias } of joinedColumns) {
						value[column] = row[alias];
						delete row[alias];
					}
					row[modelKey] = matched ? value : null;
				}
			}
			for (const spec of many) await loadMany(db, type, spec, rows);
			return rows;
		},
	};
}

/**
 * Loads the related rows of every row in one query. With several parent rows each keeps at most
 * `limit` related rows, counted per parent with `row_number()` (a plain LIMIT would let one
 * parent with many rows starve the others).
 */
async function loadMany(db: DB, type: KyselyDatabaseType, spec: ManyJoin, rows: Row[]): Promise<void> {
	const keys = [...new Set(rows.map((row) => row[spec.from]).filter((value) => value !== null && value !== undefined))];
	let related: Row[] = [];
	if (keys.length === 1) {
		let query = db.selectFrom(spec.table).selectAll().where(spec.to, "=", keys[0]);
		query = type === "mssql" ? query.top(spec.limit) : query.limit(spec.limit);
		related = (await query.execute()) as Row[];
	} else if (keys.length > 1) {
		const ranked = db
			.selectFrom(spec.table)
			.selectAll()
			.select(sql<number>`row_number() over (partition by ${sql.ref(spec.to)} order by ${sql.ref("id")})`.as("__rank"))
			.where(spec.to, "in", keys)
			.as("ranked");
		related = (await db.selectFrom(ranked).selectAll().where("__rank", "<=", spec.limit).execute()) as Row[];
	}
	const groups = new Map<string, Row[]>();
	for (const item of related) {
		const key = String(item[spec.to]);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	for (const row of rows) {
		const key = row[spec.from];
		row[spec.modelKey] = key === null || key === undefined ? [] : (groups.get(String(key)) ?? []);
	}
}
