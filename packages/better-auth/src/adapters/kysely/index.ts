/**
 * The Kysely adapter: Better Auth on SQLite, PostgreSQL, MySQL and MSSQL.
 * Values are stored the way Better Auth 1.7 stores them (SQLite: ISO date strings, 0/1 booleans,
 * JSON text), so databases move between the two unchanged.
 */
import type { BetterAuthOptions, KyselyDatabaseType } from "@better-auth/core";
import {
	type CustomAdapter,
	createAdapterFactory,
	createTransactionAdapter,
	type DBAdapterDebugLogOption,
	type DBAdapterInstance,
	type ResolvedJoin,
} from "@better-auth/core/db";
import type { Kysely } from "kysely";
import { buildWhere } from "./where";

export { createKyselyDatabase, type KyselyDatabase } from "./dialect";

export interface KyselyAdapterConfig {
	/** The SQL flavour. @default "sqlite" when unknown */
	type?: KyselyDatabaseType;
	debugLogs?: DBAdapterDebugLogOption;
	usePlural?: boolean;
	/** Run `adapter.transaction()` in a real transaction. @default true */
	transaction?: boolean;
}

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type DB = Kysely<any>;

const JOIN_PREFIX = "__join__";

export function kyselyAdapter(db: DB, config: KyselyAdapterConfig = {}): DBAdapterInstance {
	const type = config.type ?? "sqlite";
	return (options: BetterAuthOptions) =>
		createAdapterFactory({
			config: {
				adapterId: "kysely",
				adapterName: "Kysely Adapter",
				usePlural: config.usePlural,
				debugLogs: config.debugLogs,
				supportsDates: type !== "sqlite",
				supportsBooleans: type !== "sqlite" && type !== "mysql" && type !== "mssql",
				supportsJSON: false,
				supportsArrays: false,
				supportsNumericIds: true,
				supportsJoin: true,
				transaction:
					config.transaction === false
						? false
						: (callback) =>
								db
									.transaction()
									.execute((trx) =>
										callback(createTransactionAdapter(kyselyAdapter(trx, { ...config, transaction: false }), options)),
									),
			},
			adapter: ({ schema, getDefaultModelName, getModelName }): CustomAdapter => {
				const columnsOf = (table: string): string[] => {
					const key = getDefaultModelName(table);
					return ["id", ...Object.entries(schema[key].fields).map(([field, attr]) => attr.fieldName ?? field)];
				};

				/** Selects the main row and, for one-to-one joins, the joined row's columns under a prefix. */
				function selectQuery(table: string, select: string[] | undefined, join: ResolvedJoin | undefined) {
					let query = db.selectFrom(table);
					const selections: string[] = (select ?? columnsOf(table)).map((column) => `${table}.${column}`);
					for (const [joined, spec] of Object.entries(join ?? {})) {
						if (spec.relation !== "one-to-one") continue;
						query = query.leftJoin(joined, `${joined}.${spec.on.to}`, `${table}.${spec.on.from}`);
						for (const column of columnsOf(joined)) {
							selections.push(`${joined}.${column} as ${JOIN_PREFIX}${spec.modelKey}__${column}`);
						}
					}
					return query.select(selections);
				}

				/** Moves prefixed joined columns into nested objects; loads one-to-many joins with one query each. */
				async function nest(rows: Row[], join: ResolvedJoin | undefined): Promise<Row[]> {
					if (!join) return rows;
					for (const [joined, spec] of Object.entries(join)) {
						if (spec.relation === "one-to-one") {
							const prefix = `${JOIN_PREFIX}${spec.modelKey}__`;
							for (const row of rows) {
								const nested: Row = {};
								for (const key of Object.keys(row)) {
									if (!key.startsWith(prefix)) continue;
									nested[key.slice(prefix.length)] = row[key];
									delete row[key];
								}
								row[spec.modelKey] = nested.id === null || nested.id === undefined ? null : nested;
							}
							continue;
						}
						const keys = [...new Set(rows.map((row) => row[spec.on.from]).filter((value) => value != null))];
						const related =
							keys.length === 0
								? []
								: await db
										.selectFrom(joined)
										.selectAll()
										.where(spec.on.to, "in", keys as never[])
										.limit(spec.limit * keys.length)
										.execute();
						for (const row of rows) {
							row[spec.modelKey] = (related as Row[])
								.filter((item) => String(item[spec.on.to]) === String(row[spec.on.from]))
								.slice(0, spec.limit);
						}
					}
					return rows;
				}

				const whereOf =
					(table: string, where: Parameters<CustomAdapter["count"]>[0]["where"]) =>
					// biome-ignore lint/suspicious/noExplicitAny: expression builder over a dynamic schema.
					(eb: any) =>
						buildWhere(eb, type, table, where ?? []);

				async function findById(table: string, id: unknown): Promise<Row | null> {
					const row = await db
						.selectFrom(table)
						.selectAll()
						.where(`${table}.id`, "=", id as never)
						.executeTakeFirst();
					return (row as Row | undefined) ?? null;
				}

				return {
					async create({ model, data }) {
						if (type === "postgres" || type === "sqlite") {
							return (await db.insertInto(model).values(data).returningAll().executeTakeFirstOrThrow()) as typeof data;
						}
						if (type === "mssql") {
							return (await db
								.insertInto(model)
								.values(data)
								.outputAll("inserted")
								.executeTakeFirstOrThrow()) as typeof data;
						}
						const result = await db.insertInto(model).values(data).executeTakeFirstOrThrow();
						const id = data.id ?? (result.insertId !== undefined ? Number(result.insertId) : undefined);
						return ((await findById(model, id)) ?? data) as typeof data;
					},
					async findOne({ model, where, select, join }) {
						const row = await selectQuery(model, select, join).where(whereOf(model, where)).limit(1).executeTakeFirst();
						if (!row) return null;
						return (await nest([row as Row], join))[0] as never;
					},
					async findMany({ model, where, limit, offset, sortBy, select, join }) {
						let query = selectQuery(model, select, join).where(whereOf(model, where));
						if (sortBy) query = query.orderBy(`${model}.${sortBy.field}`, sortBy.direction);
						if (type === "mssql") {
							if (offset) {
								if (!sortBy) query = query.orderBy(`${model}.id`);
								query = query.offset(offset).fetch(limit);
							} else {
								query = query.top(limit);
							}
						} else {
							query = query.limit(limit);
							if (offset) query = query.offset(offset);
						}
						return (await nest((await query.execute()) as Row[], join)) as never;
					},
					async count({ model, where }) {
						const row = await db
							.selectFrom(model)
							.select((eb) => eb.fn.countAll().as("count"))
							.where(whereOf(model, where))
							.executeTakeFirst();
						return Number((row as { count?: unknown } | undefined)?.count ?? 0);
					},
					async update({ model, where, update }) {
						const values = update as Row;
						if (Object.keys(values).length === 0) {
							return (await selectQuery(model, undefined, undefined)
								.where(whereOf(model, where))
								.executeTakeFirst()) as never;
						}
						if (type === "postgres" || type === "sqlite") {
							return ((await db
								.updateTable(model)
								.set(values)
								.where(whereOf(model, where))
								.returningAll()
								.executeTakeFirst()) ?? null) as never;
						}
						const target = await db
							.selectFrom(model)
							.select(`${model}.id`)
							.where(whereOf(model, where))
							.executeTakeFirst();
						if (!target) return null;
						const id = (target as Row).id;
						await db.updateTable(model).set(values).where(whereOf(model, where)).execute();
						return (await findById(model, id)) as never;
					},
					async updateMany({ model, where, update }) {
						if (Object.keys(update).length === 0) return 0;
						const result = await db.updateTable(model).set(update).where(whereOf(model, where)).executeTakeFirst();
						return Number(result.numUpdatedRows);
					},
					async delete({ model, where }) {
						await db.deleteFrom(model).where(whereOf(model, where)).execute();
					},
					async deleteMany({ model, where }) {
						const result = await db.deleteFrom(model).where(whereOf(model, where)).executeTakeFirst();
						return Number(result.numDeletedRows);
					},
					options: { type, modelName: getModelName },
				};
			},
		})(options);
}
