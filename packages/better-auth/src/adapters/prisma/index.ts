/**
 * `better-auth/adapters/prisma`: Better Auth over a Prisma client.
 *
 * Each model is read through its delegate (`prisma.user`, `prisma.session`, ...), named after the
 * table (`modelName`, or the plural with `usePlural`) with a lower-case first letter, as Prisma
 * names delegates. Fields are the configured column names, as `npx @better-auth/cli generate`
 * writes them into `schema.prisma`. JSON fields are written as JSON text (as Better Auth 1.7 does);
 * arrays are scalar lists on PostgreSQL, CockroachDB and MongoDB, JSON text elsewhere.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { BetterAuthOptions } from "@better-auth/core";
import {
	type CleanedWhere,
	type CustomAdapter,
	type CustomAdapterHelpers,
	createAdapterFactory,
	createTransactionAdapter,
	type DBAdapterDebugLogOption,
	type DBAdapterInstance,
} from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";

export type PrismaProvider = "postgresql" | "mysql" | "sqlite" | "sqlserver" | "cockroachdb" | "mongodb";

export interface PrismaAdapterConfig {
	/** The `provider` of the datasource in `schema.prisma`. */
	provider: PrismaProvider;
	/** Log every adapter call (or the listed ones). @default false */
	debugLogs?: DBAdapterDebugLogOption;
	/** Model names are the plural of the model key (`users`). @default false */
	usePlural?: boolean;
	/** Run `adapter.transaction()` in an interactive `prisma.$transaction`. @default false (as in Better Auth 1.7) */
	transaction?: boolean;
}

type Row = Record<string, unknown>;
type PrismaWhere = Record<string, unknown>;

/** The part of a Prisma model delegate the adapter calls. */
export interface PrismaDelegate {
	create(args: { data: Row; select?: Record<string, true> }): Promise<Row>;
	findFirst(args: { where?: PrismaWhere; select?: Record<string, true> }): Promise<Row | null>;
	findMany(args: {
		where?: PrismaWhere;
		select?: Record<string, true>;
		orderBy?: Record<string, "asc" | "desc">;
		take?: number;
		skip?: number;
	}): Promise<Row[]>;
	count(args: { where?: PrismaWhere }): Promise<number>;
	updateMany(args: { where?: PrismaWhere; data: Row }): Promise<{ count: number }>;
	deleteMany(args: { where?: PrismaWhere }): Promise<{ count: number }>;
}

/** A Prisma client (or the client of an interactive transaction). */
// biome-ignore lint/suspicious/noExplicitAny: delegates and `$transaction` are generated per schema.
export type PrismaClientLike = Record<string, any>;

/** Providers where Prisma accepts `mode: "insensitive"` on string filters. */
const MODE_PROVIDERS = new Set<PrismaProvider>(["postgresql", "cockroachdb", "mongodb"]);

/** Providers with scalar lists (`String[]`). */
const ARRAY_PROVIDERS = new Set<PrismaProvider>(["postgresql", "cockroachdb", "mongodb"]);

/** Queries made through the outer adapter inside a transaction callback run in that transaction. */
const transactions = new AsyncLocalStorage<Map<PrismaClientLike, PrismaClientLike>>();

const FILTER: Partial<Record<CleanedWhere["operator"], string>> = {
	lt: "lt",
	lte: "lte",
	gt: "gt",
	gte: "gte",
	in: "in",
	not_in: "notIn",
	contains: "contains",
	starts_with: "startsWith",
	ends_with: "endsWith",
};

/** One condition as a Prisma field filter: `{ email: { equals: "a", mode: "insensitive" } }`. */
function condition(where: CleanedWhere, provider: PrismaProvider): PrismaWhere {
	const { field, value, operator } = where;
	const mode = where.mode === "insensitive" && MODE_PROVIDERS.has(provider) ? { mode: "insensitive" } : {};
	const isText = (v: unknown) =>
		typeof v === "string" || (Array.isArray(v) && v.every((item) => typeof item === "string"));
	const stringMode = (v: unknown) => (isText(v) ? mode : {});
	if (operator === "eq") return { [field]: value === null ? null : { equals: value, ...stringMode(value) } };
	if (operator === "ne")
		return { [field]: value === null ? { not: null } : { not: { equals: value, ...stringMode(value) } } };
	return { [field]: { [FILTER[operator]!]: value, ...stringMode(value) } };
}

/** `AND(all AND conditions) AND OR(all OR conditions)`, as the factory defines. */
export function toPrismaWhere(where: CleanedWhere[] | undefined, provider: PrismaProvider): PrismaWhere {
	if (!where?.length) return {};
	const ands = where.filter((w) => w.connector !== "OR").map((w) => condition(w, provider));
	const ors = where.filter((w) => w.connector === "OR").map((w) => condition(w, provider));
	if (ors.length > 0) ands.push({ OR: ors });
	return ands.length === 1 ? ands[0] : { AND: ands };
}

const selectOf = (select?: string[]) =>
	select?.length ? Object.fromEntries(select.map((field) => [field, true as const])) : undefined;

/**
 * The Prisma adapter.
 * @example
 * const prisma = new PrismaClient();
 * betterAuth({ database: prismaAdapter(prisma, { provider: "postgresql" }) });
 */
export function prismaAdapter(prisma: PrismaClientLike, config: PrismaAdapterConfig): DBAdapterInstance {
	if (!config?.provider) {
		throw new BetterAuthError(
			'prismaAdapter needs the datasource provider: prismaAdapter(prisma, { provider: "postgresql" }) ' +
				'(or "mysql", "sqlite", "sqlserver", "cockroachdb", "mongodb").',
		);
	}
	return (options: BetterAuthOptions) => {
		const overTransaction = (tx: PrismaClientLike) =>
			createTransactionAdapter(prismaAdapter(tx, { ...config, transaction: false }), options);
		return createAdapterFactory({
			config: {
				adapterId: "prisma",
				adapterName: "Prisma Adapter",
				usePlural: config.usePlural,
				debugLogs: config.debugLogs,
				supportsDates: true,
				supportsBooleans: true,
				// As Better Auth 1.7 stores them: JSON as text (a `Json` column holds it as a JSON string), lists natively where Prisma has them.
				supportsJSON: false,
				supportsArrays: ARRAY_PROVIDERS.has(config.provider),
				supportsNumericIds: true,
				transaction:
					config.transaction !== true || typeof prisma.$transaction !== "function"
						? false
						: async (callback) => {
								const open = transactions.getStore()?.get(prisma);
								if (open) return callback(overTransaction(open));
								return prisma.$transaction((tx: PrismaClientLike) =>
									transactions.run(new Map(transactions.getStore()).set(prisma, tx), () =>
										callback(overTransaction(tx)),
									),
								);
							},
			},
			adapter: (helpers) => createPrismaQueries(prisma, config.provider, helpers),
		})(options);
	};
}

function createPrismaQueries(
	root: PrismaClientLike,
	provider: PrismaProvider,
	helpers: CustomAdapterHelpers,
): CustomAdapter {
	const client = () => transactions.getStore()?.get(root) ?? root;

	function delegate(model: string): PrismaDelegate {
		const prisma = client();
		const candidates = [model, model.charAt(0).toLowerCase() + model.slice(1), helpers.getDefaultModelName(model)];
		for (const name of candidates) {
			const found = prisma[name];
			if (found && typeof found.findFirst === "function") return found as PrismaDelegate;
		}
		throw new BetterAuthError(
			`The model "${model}" does not exist in your Prisma client (no prisma.${candidates[1]}). Add it to ` +
				"schema.prisma (`npx @better-auth/cli generate`), then run `npx prisma generate`.",
		);
	}

	const where = (clause: CleanedWhere[] | undefined) => toPrismaWhere(clause, provider);

	return {
		async create({ model, data, select }) {
			return (await delegate(model).create({ data, select: selectOf(select) })) as never;
		},
		async findOne({ model, where: clause, select }) {
			return (await delegate(model).findFirst({ where: where(clause), select: selectOf(select) })) as never;
		},
		async findMany({ model, where: clause, limit, offset, sortBy, select }) {
			return (await delegate(model).findMany({
				where: where(clause),
				select: selectOf(select),
				take: limit,
				skip: offset || undefined,
				orderBy: sortBy ? { [sortBy.field]: sortBy.direction } : undefined,
			})) as never;
		},
		async count({ model, where: clause }) {
			return delegate(model).count({ where: where(clause) });
		},
		async update({ model, where: clause, update }) {
			// Prisma's `update` takes a unique filter only: find the matching rows first, then update them by id
			// (the update may change the fields the where clause names).
			const matched = await delegate(model).findMany({ where: where(clause), select: { id: true } });
			if (matched.length === 0) return null;
			const ids = matched.map((row) => row.id);
			await delegate(model).updateMany({ where: { id: { in: ids } }, data: update as Row });
			return (await delegate(model).findFirst({ where: { id: ids[0] } })) as never;
		},
		async updateMany({ model, where: clause, update }) {
			return (await delegate(model).updateMany({ where: where(clause), data: update })).count;
		},
		async delete({ model, where: clause }) {
			// `deleteMany` rather than `delete`: Prisma's `delete` needs a unique filter and throws when nothing matches.
			await delegate(model).deleteMany({ where: where(clause) });
		},
		async deleteMany({ model, where: clause }) {
			return (await delegate(model).deleteMany({ where: where(clause) })).count;
		},
		options: { provider },
	};
}
