/**
 * The memory adapter: tables are arrays in a plain object, for tests and prototypes.
 * It keeps the same semantics as the SQL adapters: unique fields are enforced, and
 * transactions are real (a snapshot restored when the callback throws).
 */
import type { BetterAuthOptions } from "@better-auth/core";
import {
	type CleanedWhere,
	type CustomAdapter,
	createAdapterFactory,
	createTransactionAdapter,
	type DBAdapterDebugLogOption,
	type DBAdapterInstance,
	matchesWhere,
} from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";

type Row = Record<string, unknown>;
export type MemoryDB = Record<string, Row[]>;

export interface MemoryAdapterConfig {
	debugLogs?: DBAdapterDebugLogOption;
}

/** Serialises transactions so a snapshot never interleaves with another transaction's writes. */
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

function compareValues(a: unknown, b: unknown): number {
	const x = a instanceof Date ? a.getTime() : a;
	const y = b instanceof Date ? b.getTime() : b;
	if (x === y) return 0;
	if (x === null || x === undefined) return -1;
	if (y === null || y === undefined) return 1;
	return (x as number) < (y as number) ? -1 : 1;
}

function project(row: Row, select?: string[]): Row {
	if (!select?.length) return { ...row };
	return Object.fromEntries(select.map((column) => [column, row[column]]));
}

/** Auto-increment counters, per database object so transaction adapters share them. */
const counters = new WeakMap<MemoryDB, Map<string, number>>();

export function memoryAdapter(db: MemoryDB, config: MemoryAdapterConfig = {}): DBAdapterInstance {
	const lock = createMutex();
	return (options: BetterAuthOptions) => {
		const factory = createAdapterFactory({
			config: {
				adapterId: "memory",
				adapterName: "Memory Adapter",
				debugLogs: config.debugLogs,
				supportsJSON: true,
				supportsDates: true,
				supportsBooleans: true,
				supportsArrays: true,
				supportsNumericIds: true,
				transaction: (callback) =>
					lock(async () => {
						const snapshot = Object.fromEntries(
							Object.entries(db).map(([table, rows]) => [table, rows.map((row) => ({ ...row }))]),
						);
						try {
							return await callback(createTransactionAdapter(memoryAdapter(db, { ...config }), options));
						} catch (error) {
							for (const table of Object.keys(db)) {
								if (!(table in snapshot)) delete db[table];
							}
							Object.assign(db, snapshot);
							throw error;
						}
					}),
			},
			adapter: ({ getDefaultModelName, schema }): CustomAdapter => {
				const table = (model: string): Row[] => {
					db[model] ??= [];
					return db[model];
				};
				const serialCounters = counters.get(db) ?? new Map<string, number>();
				counters.set(db, serialCounters);
				const uniqueColumns = (model: string): string[] => {
					const key = getDefaultModelName(model);
					return Object.values(schema[key].fields)
						.filter((field) => field.unique)
						.map((field) => field.fieldName!);
				};
				const assertUnique = (model: string, candidate: Row, self?: Row) => {
					for (const column of ["id", ...uniqueColumns(model)]) {
						const value = candidate[column];
						if (value === undefined || value === null) continue;
						if (table(model).some((row) => row !== self && row[column] === value)) {
							throw new BetterAuthError(`Unique constraint failed: ${model}.${column}`);
						}
					}
				};
				const filter = (model: string, where: CleanedWhere[] = []) =>
					table(model).filter((row) => matchesWhere(row, where));
				return {
					async create({ model, data }) {
						const row: Row = { ...data };
						if (row.id === undefined) {
							// Database-generated ids (serial, or generateId: false): an auto-increment per table.
							const next = (serialCounters.get(model) ?? table(model).length) + 1;
							serialCounters.set(model, next);
							row.id = next;
						}
						assertUnique(model, row);
						table(model).push(row);
						return { ...row } as typeof data;
					},
					async findOne({ model, where, select }) {
						const row = table(model).find((candidate) => matchesWhere(candidate, where));
						return (row ? project(row, select) : null) as never;
					},
					async findMany({ model, where, limit, offset, sortBy, select }) {
						let rows = filter(model, where);
						if (sortBy) {
							const sign = sortBy.direction === "desc" ? -1 : 1;
							rows = [...rows].sort((a, b) => sign * compareValues(a[sortBy.field], b[sortBy.field]));
						}
						const start = offset ?? 0;
						return rows.slice(start, start + limit).map((row) => project(row, select)) as never;
					},
					async count({ model, where }) {
						return filter(model, where).length;
					},
					async update({ model, where, update }) {
						const rows = filter(model, where);
						if (rows.length === 0) return null;
						for (const row of rows) assertUnique(model, { ...row, ...(update as Row) }, row);
						for (const row of rows) Object.assign(row, update);
						return { ...rows[0] } as never;
					},
					async updateMany({ model, where, update }) {
						const rows = filter(model, where);
						for (const row of rows) {
							assertUnique(model, { ...row, ...update }, row);
							Object.assign(row, update);
						}
						return rows.length;
					},
					async delete({ model, where }) {
						const rows = table(model);
						const keep = rows.filter((row) => !matchesWhere(row, where));
						rows.splice(0, rows.length, ...keep);
					},
					async deleteMany({ model, where }) {
						const rows = table(model);
						const keep = rows.filter((row) => !matchesWhere(row, where));
						const removed = rows.length - keep.length;
						rows.splice(0, rows.length, ...keep);
						return removed;
					},
				};
			},
		});
		return factory(options);
	};
}
