/**
 * `better-auth/adapters/drizzle`: Better Auth over a Drizzle ORM database (PostgreSQL, MySQL, SQLite).
 *
 * Tables come from the Drizzle schema (the `schema` option, or the one given to `drizzle()`).
 * Values are converted to what each column's Drizzle type expects: a date goes to a timestamp
 * column as a Date, to a text column as an ISO string and to an integer column as milliseconds;
 * JSON and arrays go to json/jsonb/array columns as they are and to text columns as JSON text.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { BetterAuthOptions } from "@better-auth/core";
import {
	type CustomAdapter,
	type CustomAdapterHelpers,
	createAdapterFactory,
	createTransactionAdapter,
	type DBAdapterDebugLogOption,
	type DBAdapterInstance,
} from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { type AnyColumn, asc, count, desc, getTableColumns, getTableName, is, sql, Table } from "drizzle-orm";
import { buildWhere, type DrizzleProvider } from "./where";

export type { DrizzleProvider } from "./where";

export interface DrizzleAdapterConfig {
	/** The database behind the Drizzle instance. */
	provider: DrizzleProvider;
	/**
	 * Drizzle tables by name. A model is looked up by its table name (`user`, or `users` with
	 * `usePlural`, or its `modelName`), then by its model key. @default the schema passed to `drizzle()`
	 */
	schema?: Record<string, unknown>;
	/** Table names are the plural of the model key (`users`). @default false */
	usePlural?: boolean;
	/**
	 * The schema's property names are camelCase while the configured field names are snake_case
	 * (or the other way round): look columns up under both spellings. @default false
	 */
	camelCase?: boolean;
	/** Log every adapter call (or the listed ones). @default false */
	debugLogs?: DBAdapterDebugLogOption;
	/**
	 * Run `adapter.transaction()` in a real database transaction. On synchronous SQLite drivers
	 * (better-sqlite3, bun:sqlite) this is `BEGIN`/`COMMIT` on the one connection. Off by default,
	 * as in Better Auth 1.7, because some drivers have no interactive transactions (neon-http, D1).
	 * @default false
	 */
	transaction?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: Drizzle's database types differ per driver and schema.
type DrizzleDB = any;
// biome-ignore lint/suspicious/noExplicitAny: a Drizzle table of any dialect.
type AnyTable = any;
type Row = Record<string, unknown>;

interface ColumnRef {
	/** The property name in the Drizzle table object (what `.values()` and `.set()` take). */
	key: string;
	column: AnyColumn;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, char: string) => char.toUpperCase());
const snake = (name: string) => name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

/** A value in the form the column's Drizzle type maps to the driver. */
export function encodeValue(column: AnyColumn, value: unknown): unknown {
	if (value === null || value === undefined) return value;
	const type = column.dataType;
	if (value instanceof Date) {
		if (type === "string") return value.toISOString();
		if (type === "number") return value.getTime();
		return value;
	}
	if (typeof value === "boolean") {
		if (type === "number") return value ? 1 : 0;
		if (type === "string") return String(value);
		return value;
	}
	if (typeof value === "object") {
		return type === "string" ? JSON.stringify(value) : value;
	}
	if (type === "bigint" && (typeof value === "number" || typeof value === "string")) return BigInt(value);
	return value;
}

/** Queries made through the outer adapter inside a transaction callback run in that transaction. */
const transactions = new AsyncLocalStorage<Map<DrizzleDB, DrizzleDB>>();

function createMutex() {
	let tail: Promise<void> = Promise.resolve();
	return async <R>(task: () => Promise<R>): Promise<R> => {
		const previous = tail;
		let release!: () => void;
		tail = new Promise((resolve) => {
			release = resolve;
		});
		await previous;
		try {
			return await task();
		} finally {
			release();
		}
	};
}
const sqliteLocks = new WeakMap<object, ReturnType<typeof createMutex>>();

async function runInTransaction<R>(
	db: DrizzleDB,
	provider: DrizzleProvider,
	callback: (trx: DrizzleDB) => Promise<R>,
): Promise<R> {
	const open = transactions.getStore()?.get(db);
	if (open) return callback(open);
	const enter = (trx: DrizzleDB) =>
		transactions.run(new Map(transactions.getStore()).set(db, trx), () => callback(trx));
	if (provider === "sqlite" && db.resultKind === "sync") {
		// Synchronous drivers reject async transaction callbacks: drive BEGIN/COMMIT by hand, one at a time.
		const lock = sqliteLocks.get(db) ?? createMutex();
		sqliteLocks.set(db, lock);
		return lock(async () => {
			db.run(sql`begin`);
			try {
				const result = await enter(db);
				db.run(sql`commit`);
				return result;
			} catch (error) {
				db.run(sql`rollback`);
				throw error;
			}
		});
	}
	return db.transaction((trx: DrizzleDB) => enter(trx));
}

/**
 * The Drizzle adapter.
 * @example
 * import * as schema from "./schema";
 * const db = drizzle(pool, { schema });
 * betterAuth({ database: drizzleAdapter(db, { provider: "pg", schema }) });
 */
export function drizzleAdapter(db: DrizzleDB, config: DrizzleAdapterConfig): DBAdapterInstance {
	if (!config || !["pg", "mysql", "sqlite"].includes(config.provider)) {
		throw new BetterAuthError(
			'drizzleAdapter needs the database provider: drizzleAdapter(db, { provider: "pg" }) (or "mysql", "sqlite").',
		);
	}
	const { provider } = config;
	const schema: Record<string, unknown> = config.schema ?? db?._?.fullSchema ?? {};
	return (options: BetterAuthOptions) => {
		const overTransaction = (trx: DrizzleDB) =>
			createTransactionAdapter(drizzleAdapter(trx, { ...config, schema, transaction: false }), options);
		return createAdapterFactory({
			config: {
				adapterId: "drizzle",
				adapterName: "Drizzle Adapter",
				usePlural: config.usePlural,
				debugLogs: config.debugLogs,
				// Drizzle's column types do the storage conversions; `encodeValue` covers plain text/integer columns.
				supportsDates: true,
				supportsBooleans: true,
				supportsJSON: true,
				supportsArrays: true,
				supportsNumericIds: true,
				transaction:
					config.transaction !== true
						? false
						: (callback) => runInTransaction(db, provider, (trx) => callback(overTransaction(trx))),
			},
			adapter: (helpers) => createDrizzleQueries(db, provider, schema, config, helpers),
		})(options);
	};
}

function createDrizzleQueries(
	root: DrizzleDB,
	provider: DrizzleProvider,
	schema: Record<string, unknown>,
	config: DrizzleAdapterConfig,
	helpers: CustomAdapterHelpers,
): CustomAdapter {
	const conn = () => transactions.getStore()?.get(root) ?? root;
	const tables = new Map<string, { table: AnyTable; columns: Map<string, ColumnRef>; fields: string[] }>();

	function findTable(model: string): AnyTable {
		const key = helpers.getDefaultModelName(model);
		for (const name of [model, key]) {
			if (is(schema[name], Table)) return schema[name];
		}
		const bySqlName = Object.values(schema).find((value) => is(value, Table) && getTableName(value as Table) === model);
		if (bySqlName) return bySqlName;
		throw new BetterAuthError(
			`The model "${model}" was not found in the Drizzle schema. Pass your tables to ` +
				`drizzleAdapter(db, { provider: "${provider}", schema: { ...schema, ${model}: yourTable } }), ` +
				"or generate them with `npx @better-auth/cli generate`.",
		);
	}

	/** The table, its columns by physical field name, and the physical fields it holds. */
	function tableOf(model: string) {
		const cached = tables.get(model);
		if (cached) return cached;
		const table = findTable(model);
		const byKey = getTableColumns(table) as Record<string, AnyColumn>;
		const columns = new Map<string, ColumnRef>();
		const modelSchema = helpers.schema[helpers.getDefaultModelName(model)];
		const fieldNames = ["id", ...Object.entries(modelSchema.fields).map(([key, field]) => field.fieldName ?? key)];
		for (const field of fieldNames) {
			const spellings = config.camelCase ? [field, camel(field), snake(field)] : [field];
			const key =
				spellings.find((name) => name in byKey) ??
				Object.keys(byKey).find((name) => spellings.includes(byKey[name].name));
			if (key) columns.set(field, { key, column: byKey[key] });
		}
		const entry = { table, columns, fields: [...columns.keys()] };
		tables.set(model, entry);
		return entry;
	}

	function column(model: string, field: string): ColumnRef {
		const ref = tableOf(model).columns.get(field);
		if (!ref) {
			throw new BetterAuthError(
				`The field "${field}" does not exist in the Drizzle schema for "${model}". Add the column to your ` +
					"schema (regenerate it with `npx @better-auth/cli generate`).",
			);
		}
		return ref;
	}

	/** `{ physicalField: column }`: the result rows come back keyed by the factory's names. */
	function selection(model: string, select?: string[]): Record<string, AnyColumn> {
		const fields = select?.length ? select : tableOf(model).fields;
		return Object.fromEntries(fields.map((field) => [field, column(model, field).column]));
	}

	function values(model: string, data: Row): Row {
		const record: Row = {};
		for (const [field, value] of Object.entries(data)) {
			if (value === undefined) continue;
			const ref = column(model, field);
			record[ref.key] = encodeValue(ref.column, value);
		}
		return record;
	}

	const where = (model: string, clause: Parameters<CustomAdapter["count"]>[0]["where"]) =>
		buildWhere(provider, clause, (field) => column(model, field).column, encodeValue);

	const idEquals = (model: string, id: unknown) =>
		where(model, [{ field: "id", value: id as string, operator: "eq", connector: "AND", mode: "sensitive" }]);

	async function selectOne(model: string, condition: ReturnType<typeof where>, select?: string[]): Promise<Row | null> {
		const rows = await conn().select(selection(model, select)).from(tableOf(model).table).where(condition).limit(1);
		return (rows[0] as Row | undefined) ?? null;
	}

	/** Affected-row count from a MySQL result (`[ResultSetHeader, ...]`) or other drivers' shapes. */
	function affected(result: unknown): number {
		const header = Array.isArray(result) ? result[0] : result;
		const value = header as { affectedRows?: number; rowCount?: number; changes?: number; rowsAffected?: number };
		return Number(value?.affectedRows ?? value?.rowCount ?? value?.changes ?? value?.rowsAffected ?? 0);
	}

	return {
		async create({ model, data, select }) {
			const { table } = tableOf(model);
			const record = values(model, data);
			if (provider !== "mysql") {
				const rows = await conn().insert(table).values(record).returning(selection(model, select));
				return rows[0];
			}
			let id = (data as Row).id;
			const query = conn().insert(table).values(record);
			if (id === undefined && typeof query.$returningId === "function") {
				const ids = await query.$returningId();
				id = ids[0]?.[column(model, "id").key];
			} else {
				await query;
			}
			return (await selectOne(model, idEquals(model, id), select)) as never;
		},
		async findOne({ model, where: clause, select }) {
			return (await selectOne(model, where(model, clause), select)) as never;
		},
		async findMany({ model, where: clause, limit, offset, sortBy, select }) {
			let query = conn().select(selection(model, select)).from(tableOf(model).table).where(where(model, clause));
			if (sortBy) {
				const target = column(model, sortBy.field).column;
				query = query.orderBy(sortBy.direction === "desc" ? desc(target) : asc(target));
			}
			query = query.limit(limit);
			if (offset) query = query.offset(offset);
			return (await query) as never;
		},
		async count({ model, where: clause }) {
			const rows = await conn().select({ count: count() }).from(tableOf(model).table).where(where(model, clause));
			return Number(rows[0]?.count ?? 0);
		},
		async update({ model, where: clause, update }) {
			const { table } = tableOf(model);
			const record = values(model, update as Row);
			const condition = where(model, clause);
			if (Object.keys(record).length === 0) return (await selectOne(model, condition)) as never;
			if (provider !== "mysql") {
				const rows = await conn().update(table).set(record).where(condition).returning(selection(model));
				return (rows[0] ?? null) as never;
			}
			// No RETURNING on MySQL: remember which row matched, since the update may change the where's fields.
			const target = await selectOne(model, condition, ["id"]);
			if (!target) return null;
			await conn().update(table).set(record).where(condition);
			return (await selectOne(model, idEquals(model, target.id))) as never;
		},
		async updateMany({ model, where: clause, update }) {
			const { table } = tableOf(model);
			const record = values(model, update);
			const condition = where(model, clause);
			if (Object.keys(record).length === 0) return this.count({ model, where: clause });
			if (provider !== "mysql") {
				const rows = await conn()
					.update(table)
					.set(record)
					.where(condition)
					.returning(selection(model, ["id"]));
				return rows.length;
			}
			return affected(await conn().update(table).set(record).where(condition));
		},
		async delete({ model, where: clause }) {
			await conn().delete(tableOf(model).table).where(where(model, clause));
		},
		async deleteMany({ model, where: clause }) {
			const { table } = tableOf(model);
			const condition = where(model, clause);
			if (provider !== "mysql") {
				const rows = await conn()
					.delete(table)
					.where(condition)
					.returning(selection(model, ["id"]));
				return rows.length;
			}
			return affected(await conn().delete(table).where(condition));
		},
		options: { provider },
	};
}
