/**
 * Test helper (not part of the public API): an in-memory stand-in for a generated Prisma client.
 * A real client cannot be generated here (its engines need the network), so this implements the
 * documented Prisma Client API for the calls the adapter makes, strictly: unknown fields and
 * unknown filter keys throw (as Prisma's validation does), unique constraints throw P2002,
 * `update`/`delete` need a unique filter and throw P2025 when nothing matches, comparisons with
 * NULL follow SQL (a `not` filter excludes NULL rows), and `$transaction(fn)` is interactive:
 * `fn` gets a client without `$transaction`, and its writes are undone when it throws.
 */

type Row = Record<string, unknown>;
type Where = Record<string, unknown>;

export interface FakeModel {
	/** Scalar fields, `id` included. */
	fields: string[];
	/** Fields with @unique (`id` is always unique). */
	unique: string[];
	/** `id Int @id @default(autoincrement())`. */
	autoincrement?: boolean;
}

export class PrismaClientKnownRequestError extends Error {
	constructor(
		message: string,
		readonly code: string,
	) {
		super(message);
	}
}

const FILTER_KEYS = new Set([
	"equals",
	"in",
	"notIn",
	"lt",
	"lte",
	"gt",
	"gte",
	"contains",
	"startsWith",
	"endsWith",
	"mode",
	"not",
]);

const clone = <T>(value: T): T => structuredClone(value);

function comparable(value: unknown, insensitive: boolean): unknown {
	if (value instanceof Date) return value.getTime();
	if (insensitive && typeof value === "string") return value.toLowerCase();
	return value;
}

function matchesFilter(actual: unknown, filter: unknown, model: string, field: string): boolean {
	// Shorthand: `{ email: "a" }` is `{ email: { equals: "a" } }`; `{ image: null }` is IS NULL.
	if (filter === null) return actual === null || actual === undefined;
	if (typeof filter !== "object" || filter instanceof Date || Array.isArray(filter)) {
		return matchesFilter(actual, { equals: filter }, model, field);
	}
	const f = filter as Record<string, unknown>;
	for (const key of Object.keys(f)) {
		if (!FILTER_KEYS.has(key)) throw new Error(`Unknown argument \`${key}\` in filter on ${model}.${field}.`);
	}
	if (f.mode !== undefined && f.mode !== "insensitive" && f.mode !== "default") {
		throw new Error(`Invalid value for mode on ${model}.${field}.`);
	}
	const insensitive = f.mode === "insensitive";
	const isNull = actual === null || actual === undefined;
	const a = comparable(actual, insensitive);
	const c = (value: unknown) => comparable(value, insensitive);
	for (const [key, expected] of Object.entries(f)) {
		if (key === "mode" || expected === undefined) continue;
		switch (key) {
			case "equals":
				if (expected === null ? !isNull : isNull || a !== c(expected)) return false;
				break;
			case "not":
				if (expected === null) {
					if (isNull) return false;
				} else if (typeof expected === "object" && !(expected instanceof Date)) {
					// A nested filter: NULL rows match neither it nor its negation (SQL three-valued logic).
					if (isNull) return false;
					const nested = { ...(expected as object), mode: (expected as Row).mode ?? f.mode };
					if (matchesFilter(actual, nested, model, field)) return false;
				} else if (isNull || a === c(expected)) {
					return false;
				}
				break;
			case "in":
			case "notIn": {
				if (!Array.isArray(expected)) throw new Error(`\`${key}\` on ${model}.${field} must be a list.`);
				const found = !isNull && expected.some((item) => c(item) === a);
				if (key === "in" ? !found : isNull || found) return false;
				break;
			}
			case "lt":
			case "lte":
			case "gt":
			case "gte": {
				if (isNull) return false;
				const e = c(expected) as number;
				const v = a as number;
				const ok = key === "lt" ? v < e : key === "lte" ? v <= e : key === "gt" ? v > e : v >= e;
				if (!ok) return false;
				break;
			}
			default: {
				if (typeof expected !== "string") throw new Error(`\`${key}\` on ${model}.${field} needs a string.`);
				if (typeof a !== "string") return false;
				const e = c(expected) as string;
				const ok = key === "contains" ? a.includes(e) : key === "startsWith" ? a.startsWith(e) : a.endsWith(e);
				if (!ok) return false;
			}
		}
	}
	return true;
}

function matches(row: Row, where: Where | undefined, model: FakeModel, name: string): boolean {
	if (!where) return true;
	for (const [key, value] of Object.entries(where)) {
		if (value === undefined) continue;
		if (key === "AND") {
			const list = Array.isArray(value) ? value : [value];
			if (!list.every((w) => matches(row, w as Where, model, name))) return false;
		} else if (key === "OR") {
			if (!Array.isArray(value)) throw new Error("`OR` must be a list.");
			if (!value.some((w) => matches(row, w as Where, model, name))) return false;
		} else if (key === "NOT") {
			const list = Array.isArray(value) ? value : [value];
			if (list.some((w) => matches(row, w as Where, model, name))) return false;
		} else {
			if (!model.fields.includes(key)) throw new Error(`Unknown argument \`${key}\` in where of ${name}.`);
			if (!matchesFilter(row[key], value, name, key)) return false;
		}
	}
	return true;
}

/** Prisma validates the whole query before running it, whether or not any row is reached. */
function validateWhere(where: Where | undefined, model: FakeModel, name: string): void {
	if (!where) return;
	for (const [key, value] of Object.entries(where)) {
		if (value === undefined) continue;
		if (key === "AND" || key === "OR" || key === "NOT") {
			for (const nested of Array.isArray(value) ? value : [value]) validateWhere(nested as Where, model, name);
			continue;
		}
		if (!model.fields.includes(key)) throw new Error(`Unknown argument \`${key}\` in where of ${name}.`);
		if (value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value)) {
			for (const filterKey of Object.keys(value)) {
				if (!FILTER_KEYS.has(filterKey)) {
					throw new Error(`Unknown argument \`${filterKey}\` in filter on ${name}.${key}.`);
				}
			}
		}
	}
}

function project(row: Row, select: Record<string, boolean> | undefined, model: FakeModel, name: string): Row {
	if (!select) return clone(row);
	const result: Row = {};
	for (const [key, on] of Object.entries(select)) {
		if (!model.fields.includes(key)) throw new Error(`Unknown field \`${key}\` in select of ${name}.`);
		if (on) result[key] = clone(row[key] ?? null);
	}
	return result;
}

function compare(a: unknown, b: unknown): number {
	const x = a instanceof Date ? a.getTime() : a;
	const y = b instanceof Date ? b.getTime() : b;
	if (x === y) return 0;
	if (x === null || x === undefined) return -1;
	if (y === null || y === undefined) return 1;
	return (x as number) < (y as number) ? -1 : 1;
}

function createDelegate(store: Map<string, Row[]>, name: string, model: FakeModel, counter: { next: number }) {
	const rows = () => store.get(name)!;
	const checkData = (data: Row) => {
		for (const key of Object.keys(data)) {
			if (!model.fields.includes(key)) throw new Error(`Unknown argument \`${key}\` in data of ${name}.`);
		}
	};
	const checkUnique = (candidate: Row, self?: Row) => {
		for (const field of new Set(["id", ...model.unique])) {
			const value = candidate[field];
			if (value === null || value === undefined) continue;
			if (rows().some((row) => row !== self && row[field] === value)) {
				throw new PrismaClientKnownRequestError(`Unique constraint failed on the fields: (\`${field}\`)`, "P2002");
			}
		}
	};
	const uniqueTarget = (where: Where) => {
		const keys = Object.keys(where).filter((key) => where[key] !== undefined);
		if (!keys.some((key) => key === "id" || model.unique.includes(key))) {
			throw new Error(`Argument \`where\` of type ${name}WhereUniqueInput needs at least one unique field.`);
		}
		validateWhere(where, model, name);
		const row = rows().find((r) => matches(r, where, model, name));
		if (!row) throw new PrismaClientKnownRequestError("No record was found for the operation.", "P2025");
		return row;
	};
	const filtered = (where?: Where) => {
		validateWhere(where, model, name);
		return rows().filter((row) => matches(row, where, model, name));
	};

	return {
		async create({ data, select }: { data: Row; select?: Record<string, boolean> }) {
			checkData(data);
			const row: Row = Object.fromEntries(model.fields.map((field) => [field, null]));
			Object.assign(row, clone(data));
			if (row.id === null) {
				if (!model.autoincrement) throw new Error(`Argument \`id\` is missing in ${name}.create.`);
				row.id = ++counter.next;
			}
			checkUnique(row);
			rows().push(row);
			return project(row, select, model, name);
		},
		async findFirst({ where, select }: { where?: Where; select?: Record<string, boolean> } = {}) {
			validateWhere(where, model, name);
			const row = rows().find((r) => matches(r, where, model, name));
			return row ? project(row, select, model, name) : null;
		},
		async findUnique({ where, select }: { where: Where; select?: Record<string, boolean> }) {
			try {
				return project(uniqueTarget(where), select, model, name);
			} catch (error) {
				if (error instanceof PrismaClientKnownRequestError) return null;
				throw error;
			}
		},
		async findMany(
			args: {
				where?: Where;
				select?: Record<string, boolean>;
				orderBy?: Record<string, "asc" | "desc"> | Record<string, "asc" | "desc">[];
				take?: number;
				skip?: number;
			} = {},
		) {
			let result = filtered(args.where);
			const orders = args.orderBy ? (Array.isArray(args.orderBy) ? args.orderBy : [args.orderBy]) : [];
			if (orders.length) {
				result = [...result].sort((x, y) => {
					for (const order of orders) {
						const [field, direction] = Object.entries(order)[0];
						if (!model.fields.includes(field)) throw new Error(`Unknown field \`${field}\` in orderBy of ${name}.`);
						const diff = compare(x[field], y[field]);
						if (diff !== 0) return direction === "desc" ? -diff : diff;
					}
					return 0;
				});
			}
			const skip = args.skip ?? 0;
			const end = args.take === undefined ? undefined : skip + args.take;
			return result.slice(skip, end).map((row) => project(row, args.select, model, name));
		},
		async count({ where }: { where?: Where } = {}) {
			return filtered(where).length;
		},
		async update({ where, data, select }: { where: Where; data: Row; select?: Record<string, boolean> }) {
			checkData(data);
			const row = uniqueTarget(where);
			checkUnique({ ...row, ...data }, row);
			Object.assign(row, clone(data));
			return project(row, select, model, name);
		},
		async updateMany({ where, data }: { where?: Where; data: Row }) {
			checkData(data);
			const targets = filtered(where);
			for (const row of targets) checkUnique({ ...row, ...data }, row);
			for (const row of targets) Object.assign(row, clone(data));
			return { count: targets.length };
		},
		async delete({ where, select }: { where: Where; select?: Record<string, boolean> }) {
			const row = uniqueTarget(where);
			store.set(
				name,
				rows().filter((r) => r !== row),
			);
			return project(row, select, model, name);
		},
		async deleteMany({ where }: { where?: Where } = {}) {
			validateWhere(where, model, name);
			const before = rows().length;
			store.set(
				name,
				rows().filter((row) => !matches(row, where, model, name)),
			);
			return { count: before - rows().length };
		},
	};
}

/** A fake Prisma client with one delegate per entry of `models` (keys are delegate names: `user`). */
export function createFakePrismaClient(models: Record<string, FakeModel>) {
	const store = new Map<string, Row[]>(Object.keys(models).map((name) => [name, []]));
	const counters = new Map(Object.keys(models).map((name) => [name, { next: 0 }]));
	const delegates = Object.fromEntries(
		Object.entries(models).map(([name, model]) => [name, createDelegate(store, name, model, counters.get(name)!)]),
	);
	let tail: Promise<void> = Promise.resolve();
	/** Interactive transactions run one at a time, each against a snapshot restored on error. */
	async function $transaction<R>(arg: ((tx: typeof delegates) => Promise<R>) | Promise<unknown>[]): Promise<unknown> {
		if (Array.isArray(arg)) return Promise.all(arg);
		const previous = tail;
		let release!: () => void;
		tail = new Promise((resolve) => {
			release = resolve;
		});
		await previous;
		const snapshot = new Map([...store].map(([name, rows]) => [name, rows.map((row) => clone(row))]));
		try {
			return await arg({ ...delegates });
		} catch (error) {
			for (const [name, rows] of snapshot) store.set(name, rows);
			throw error;
		} finally {
			release();
		}
	}
	return { ...delegates, $transaction, $store: store };
}
