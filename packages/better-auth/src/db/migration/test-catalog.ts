/**
 * Test helper: reads tables, columns, unique constraints, indexes and foreign keys straight from a
 * database's catalog (not through Kysely), so migration tests check what really exists.
 */
import type Database from "better-sqlite3";
import type { Pool as MysqlPool } from "mysql2/promise";
import type pg from "pg";

export type Dialect = "sqlite" | "postgres" | "mysql";

export interface Catalog {
	/** table → column → type (lower case, MySQL integer display widths dropped) and nullability. */
	columns: Record<string, Record<string, { type: string; nullable: boolean }>>;
	/** "table.column" of single-column unique indexes or constraints. */
	unique: Set<string>;
	/** index name → "table.column", for single-column indexes. */
	indexes: Map<string, string>;
	/** "table.column" → "targetTable.targetColumn on delete <rule>". */
	foreignKeys: Map<string, string>;
}

type Row = Record<string, unknown>;

/** `int(11)` (MariaDB, MySQL 5) and `int` (MySQL 8) are the same type. */
const normalize = (type: string) =>
	type
		.toLowerCase()
		.replace(/^(tinyint|smallint|int|bigint)\((\d+)\)/, (_, t, n) => (t === "tinyint" && n === "1" ? "tinyint(1)" : t));

function empty(): Catalog {
	return { columns: {}, unique: new Set(), indexes: new Map(), foreignKeys: new Map() };
}

function addColumn(catalog: Catalog, table: string, column: string, type: string, nullable: boolean) {
	catalog.columns[table] ??= {};
	catalog.columns[table][column] = { type: normalize(type), nullable };
}

function sqliteCatalog(db: Database.Database): Catalog {
	const catalog = empty();
	const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
	for (const { name } of tables) {
		for (const col of db.prepare(`pragma table_info("${name}")`).all() as Row[]) {
			addColumn(catalog, name, String(col.name), String(col.type), col.notnull === 0);
		}
		for (const index of db.prepare(`pragma index_list("${name}")`).all() as Row[]) {
			const cols = db.prepare(`pragma index_info("${index.name}")`).all() as Row[];
			if (cols.length !== 1) continue;
			if (index.unique) catalog.unique.add(`${name}.${cols[0].name}`);
			catalog.indexes.set(String(index.name), `${name}.${cols[0].name}`);
		}
		for (const fk of db.prepare(`pragma foreign_key_list("${name}")`).all() as Row[]) {
			catalog.foreignKeys.set(
				`${name}.${fk.from}`,
				`${fk.table}.${fk.to} on delete ${String(fk.on_delete).toLowerCase()}`,
			);
		}
	}
	return catalog;
}

async function postgresCatalog(pool: pg.Pool): Promise<Catalog> {
	const catalog = empty();
	const cols = await pool.query(
		"select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = current_schema()",
	);
	for (const row of cols.rows)
		addColumn(catalog, row.table_name, row.column_name, row.data_type, row.is_nullable === "YES");
	const indexes = await pool.query(
		`select i.relname as name, t.relname as "table", a.attname as "column", ix.indisunique as "unique", ix.indnatts as n
		 from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
		 join pg_namespace ns on ns.oid = t.relnamespace join pg_attribute a on a.attrelid = t.oid and a.attnum = ix.indkey[0]
		 where ns.nspname = current_schema()`,
	);
	for (const row of indexes.rows) {
		if (row.n !== 1) continue;
		if (row.unique) catalog.unique.add(`${row.table}.${row.column}`);
		catalog.indexes.set(row.name, `${row.table}.${row.column}`);
	}
	const fks = await pool.query(
		`select t.relname as "table", a.attname as "column", ft.relname as target, fa.attname as "targetColumn", c.confdeltype as rule
		 from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace ns on ns.oid = t.relnamespace
		 join pg_class ft on ft.oid = c.confrelid
		 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
		 join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
		 where c.contype = 'f' and ns.nspname = current_schema()`,
	);
	const rules: Record<string, string> = {
		a: "no action",
		r: "restrict",
		c: "cascade",
		n: "set null",
		d: "set default",
	};
	for (const row of fks.rows) {
		catalog.foreignKeys.set(
			`${row.table}.${row.column}`,
			`${row.target}.${row.targetColumn} on delete ${rules[row.rule]}`,
		);
	}
	return catalog;
}

async function mysqlCatalog(pool: MysqlPool): Promise<Catalog> {
	const catalog = empty();
	const [cols] = (await pool.query(
		"select table_name as t, column_name as c, column_type as type, is_nullable as n from information_schema.columns where table_schema = database()",
	)) as unknown as [Row[]];
	for (const row of cols) addColumn(catalog, String(row.t), String(row.c), String(row.type), row.n === "YES");
	const [indexes] = (await pool.query(
		`select index_name as name, table_name as t, min(column_name) as c, max(non_unique) as nu, count(*) as n
		 from information_schema.statistics where table_schema = database() group by table_name, index_name`,
	)) as unknown as [Row[]];
	for (const row of indexes) {
		if (Number(row.n) !== 1) continue;
		if (Number(row.nu) === 0) catalog.unique.add(`${row.t}.${row.c}`);
		catalog.indexes.set(String(row.name), `${row.t}.${row.c}`);
	}
	const [fks] = (await pool.query(
		`select k.table_name as t, k.column_name as c, k.referenced_table_name as rt, k.referenced_column_name as rc, r.delete_rule as rule
		 from information_schema.key_column_usage k join information_schema.referential_constraints r
		   on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
		 where k.table_schema = database() and k.referenced_table_name is not null`,
	)) as unknown as [Row[]];
	for (const row of fks) {
		catalog.foreignKeys.set(`${row.t}.${row.c}`, `${row.rt}.${row.rc} on delete ${String(row.rule).toLowerCase()}`);
	}
	return catalog;
}

/** Reads the catalog of the database (PostgreSQL: the current schema; MySQL: the selected database). */
export async function readCatalog(dialect: Dialect, database: unknown): Promise<Catalog> {
	if (dialect === "sqlite") return sqliteCatalog(database as Database.Database);
	if (dialect === "postgres") return postgresCatalog(database as pg.Pool);
	return mysqlCatalog(database as MysqlPool);
}
