/**
 * What the database already has: tables, their columns and indexed columns, in the current
 * schema only (PostgreSQL's search_path, MySQL's selected database).
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import { type Kysely, sql } from "kysely";

export interface ExistingTable {
	columns: Set<string>;
	/** Columns that lead some index (including indexes made by unique constraints). */
	indexedColumns: Set<string>;
}

// biome-ignore lint/suspicious/noExplicitAny: introspection runs on any schema.
type DB = Kysely<any>;

async function indexedColumns(db: DB, type: KyselyDatabaseType, table: string): Promise<Set<string>> {
	const found = new Set<string>();
	if (type === "sqlite") {
		const indexes = await sql<{
			name: string;
		}>`select name from pragma_index_list(${table})`.execute(db);
		for (const index of indexes.rows) {
			const columns = await sql<{
				name: string;
				seqno: number;
			}>`select name, seqno from pragma_index_info(${index.name})`.execute(db);
			const first = columns.rows.find((column) => column.seqno === 0);
			if (first) found.add(first.name);
		}
	} else if (type === "postgres") {
		const result = await sql<{ column: string }>`
			select a.attname as "column"
			from pg_index i
			join pg_class t on t.oid = i.indrelid
			join pg_namespace n on n.oid = t.relnamespace
			join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
			where t.relname = ${table} and n.nspname = current_schema()`.execute(db);
		for (const row of result.rows) found.add(row.column);
	} else if (type === "mysql") {
		const result = await sql<{ column: string }>`
			select column_name as \`column\` from information_schema.statistics
			where table_schema = database() and table_name = ${table} and seq_in_index = 1`.execute(db);
		for (const row of result.rows) found.add(row.column);
	} else {
		const result = await sql<{ column: string }>`
			select c.name as [column] from sys.index_columns ic
			join sys.columns c on c.object_id = ic.object_id and c.column_id = ic.column_id
			where ic.object_id = object_id(${table}) and ic.key_ordinal = 1`.execute(db);
		for (const row of result.rows) found.add(row.column);
	}
	return found;
}

export async function introspect(
	db: DB,
	type: KyselyDatabaseType,
	wanted: Set<string>,
): Promise<Map<string, ExistingTable>> {
	let tables = await db.introspection.getTables();
	if (type === "postgres") {
		const current = await sql<{
			schema: string;
		}>`select current_schema() as schema`.execute(db);
		const schema = current.rows[0]?.schema ?? "public";
		tables = tables.filter((table) => (table.schema ?? "public") === schema);
	}
	const result = new Map<string, ExistingTable>();
	for (const table of tables) {
		if (table.isView || !wanted.has(table.name)) continue;
		result.set(table.name, {
			columns: new Set(table.columns.map((column) => column.name)),
			indexedColumns: await indexedColumns(db, type, table.name),
		});
	}
	return result;
}
