/**
 * The custom adapter the factory wraps: each operation as Kysely queries, per SQL flavour.
 * Names are physical and values already converted for storage.
 *
 * PostgreSQL and SQLite return written rows with `returning`, MSSQL with `output`; MySQL has
 * neither, so its writes read the row back by id (the insert id for database-generated ids).
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import type { CleanedWhere, CustomAdapter, CustomAdapterHelpers } from "@better-auth/core/db";
import type { ExpressionBuilder, Kysely } from "kysely";
import { selectWithJoins } from "./join";
import { buildWhere } from "./where";

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type DB = Kysely<any>;
type Row = Record<string, unknown>;

/** Kysely calls for every query over a dynamic schema; one cast here keeps the rest typed. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyQuery = any;

/**
 * @param connection the Kysely instance (or transaction) to run each query on, asked per query so
 * queries made inside a transaction callback can run in that transaction.
 */
export function createKyselyQueries(
	connection: () => DB,
	type: KyselyDatabaseType,
	{ schema, getDefaultModelName }: Pick<CustomAdapterHelpers, "schema" | "getDefaultModelName">,
): CustomAdapter {
	const columnCache = new Map<string, string[]>();
	const columnsOf = (table: string): string[] => {
		let columns = columnCache.get(table);
		if (!columns) {
			const fields = schema[getDefaultModelName(table)].fields;
			columns = ["id", ...Object.entries(fields).map(([field, attribute]) => attribute.fieldName ?? field)];
			columnCache.set(table, columns);
		}
		return columns;
	};
	/** Adds the where clause, if there is one, to a select, update or delete query. */
	const filter = <Q>(query: Q, table: string, conditions: CleanedWhere[] | undefined): Q =>
		conditions?.length
			? (query as AnyQuery).where((eb: ExpressionBuilder<never, never>) => buildWhere(eb, type, table, conditions))
			: query;
	const first = (query: AnyQuery): AnyQuery => (type === "mssql" ? query.top(1) : query.limit(1));

	async function findById(db: DB, table: string, id: unknown): Promise<Row | null> {
		const query = db
			.selectFrom(table)
			.select(columnsOf(table).map((column) => `${table}.${column}`))
			.where(`${table}.id`, "=", id);
		return ((await first(query).executeTakeFirst()) as Row | undefined) ?? null;
	}

	/** Whether an update writes a column its where clause reads: the row may not match afterwards. */
	function touchesWhere(update: Row, conditions: CleanedWhere[]): boolean {
		return conditions.some((condition) => condition.field in update);
	}

	return {
		async create({ model, data }) {
			const db = connection();
			const insert = db.insertInto(model).values(data) as AnyQuery;
			if (type === "postgres" || type === "sqlite") return insert.returningAll().executeTakeFirstOrThrow();
			if (type === "mssql") return insert.outputAll("inserted").executeTakeFirstOrThrow();
			const result = await insert.executeTakeFirstOrThrow();
			const id = data.id ?? (result.insertId === undefined ? undefined : Number(result.insertId));
			return ((id === undefined ? null : await findById(db, model, id)) ?? data) as typeof data;
		},

		async findOne({ model, where: conditions, select, join }) {
			const db = connection();
			const { query, nest } = selectWithJoins(db, type, model, select ?? columnsOf(model), join, columnsOf);
			const row = (await first(filter(query, model, conditions)).executeTakeFirst()) as Row | undefined;
			return row ? ((await nest([row]))[0] as never) : null;
		},

		async findMany({ model, where: conditions, limit, offset, sortBy, select, join }) {
			const db = connection();
			const { query: base, nest } = selectWithJoins(db, type, model, select ?? columnsOf(model), join, columnsOf);
			let query = filter(base, model, conditions);
			if (sortBy) query = query.orderBy(`${model}.${sortBy.field}`, sortBy.direction);
			if (type !== "mssql") {
				query = query.limit(limit);
				if (offset) query = query.offset(offset);
			} else if (offset) {
				// T-SQL pages with OFFSET/FETCH, which needs an ORDER BY.
				if (!sortBy) query = query.orderBy(`${model}.id`);
				query = query.offset(offset).fetch(limit);
			} else {
				query = query.top(limit);
			}
			return (await nest((await query.execute()) as Row[])) as never;
		},

		async count({ model, where: conditions }) {
			const query = connection()
				.selectFrom(model)
				.select((eb) => eb.fn.countAll().as("count"));
			const row = (await filter(query, model, conditions).executeTakeFirst()) as { count?: unknown } | undefined;
			return Number(row?.count ?? 0);
		},

		async update({ model, where: conditions, update }) {
			const db = connection();
			const values = update as Row;
			if (Object.keys(values).length === 0) {
				const query = filter(db.selectFrom(model).select(columnsOf(model)), model, conditions);
				return ((await first(query).executeTakeFirst()) ?? null) as never;
			}
			const statement = filter(db.updateTable(model).set(values) as AnyQuery, model, conditions);
			if (type === "postgres" || type === "sqlite") return (await statement.returningAll().executeTakeFirst()) ?? null;
			if (type === "mssql") return (await statement.outputAll("inserted").executeTakeFirst()) ?? null;
			// MySQL: when the update changes a column the where reads, find the row by id afterwards.
			if (touchesWhere(values, conditions)) {
				const target = (await first(
					filter(db.selectFrom(model).select(`${model}.id`), model, conditions),
				).executeTakeFirst()) as Row | undefined;
				if (!target) return null;
				await statement.execute();
				return (await findById(db, model, target.id)) as never;
			}
			// Otherwise read it back by the same where (the affected-row count is no guide: without
			// mysql2's FOUND_ROWS flag it leaves out rows whose values did not change).
			await statement.execute();
			const query = filter(db.selectFrom(model).select(columnsOf(model)), model, conditions);
			return ((await first(query).executeTakeFirst()) ?? null) as never;
		},

		async updateMany({ model, where: conditions, update }) {
			if (Object.keys(update).length === 0) return 0;
			const query = connection().updateTable(model).set(update);
			const result = await filter(query, model, conditions).executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		async delete({ model, where: conditions }) {
			await filter(connection().deleteFrom(model), model, conditions).execute();
		},

		async deleteMany({ model, where: conditions }) {
			const result = await filter(connection().deleteFrom(model), model, conditions).executeTakeFirst();
			return Number(result.numDeletedRows);
		},
	};
}
