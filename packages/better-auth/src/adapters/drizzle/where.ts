/**
 * Cleaned where clauses to Drizzle SQL, with the factory's semantics:
 * `AND(all AND conditions) AND OR(all OR conditions)`.
 *
 * String comparisons are case-sensitive unless `mode: "insensitive"`, on every database: SQLite's
 * LIKE ignores ASCII case, so it gets substring functions; MySQL's default collations ignore case,
 * so it gets binary casts. Insensitive comparisons apply `lower()` to both sides in SQL.
 */
import type { CleanedWhere } from "@better-auth/core/db";
import {
	type AnyColumn,
	and,
	eq,
	gt,
	gte,
	inArray,
	isNotNull,
	isNull,
	lt,
	lte,
	ne,
	notInArray,
	or,
	type SQL,
	sql,
} from "drizzle-orm";

export type DrizzleProvider = "pg" | "mysql" | "sqlite";

/** Converts a value to what the column's Drizzle type expects (see `encodeValue` in index.ts). */
export type Encode = (column: AnyColumn, value: unknown) => unknown;

/** "!" is literal in every dialect's string syntax (a backslash is not on MySQL). */
const ESCAPE = "!";

function likePattern(operator: CleanedWhere["operator"], value: string): string {
	const escaped = value.replace(/[!%_]/g, (char) => `${ESCAPE}${char}`);
	if (operator === "contains") return `%${escaped}%`;
	if (operator === "starts_with") return `${escaped}%`;
	return `%${escaped}`;
}

const isString = (value: unknown): value is string => typeof value === "string";

function like(provider: DrizzleProvider, column: AnyColumn, where: CleanedWhere): SQL {
	const text = String(where.value ?? "");
	// Every non-null value contains, starts and ends with the empty string.
	if (text === "") return isNotNull(column);
	const insensitive = where.mode === "insensitive";
	if (!insensitive && provider === "sqlite") {
		if (where.operator === "contains") return sql`instr(${column}, ${text}) > 0`;
		if (where.operator === "starts_with") return sql`substr(${column}, 1, length(${text})) = ${text}`;
		return sql`substr(${column}, -length(${text})) = ${text}`;
	}
	const pattern = likePattern(where.operator, text);
	const escapeChar = sql.raw(`'${ESCAPE}'`);
	if (insensitive) return sql`lower(${column}) like lower(${pattern}) escape ${escapeChar}`;
	if (provider === "mysql") return sql`cast(${column} as binary) like cast(${pattern} as binary) escape ${escapeChar}`;
	return sql`${column} like ${pattern} escape ${escapeChar}`;
}

function equality(provider: DrizzleProvider, column: AnyColumn, where: CleanedWhere, encode: Encode): SQL {
	const negate = where.operator === "ne";
	const { value } = where;
	if (value === null) return negate ? isNotNull(column) : isNull(column);
	if (isString(value) && where.mode === "insensitive") {
		return negate ? sql`lower(${column}) <> lower(${value})` : sql`lower(${column}) = lower(${value})`;
	}
	if (isString(value) && provider === "mysql") {
		const exact = sql`cast(${column} as binary) = cast(${value} as binary)`;
		// The plain equality in front lets MySQL use the column's index.
		return negate ? sql`not (${exact})` : (and(eq(column, value), exact) as SQL);
	}
	const encoded = encode(column, value);
	return negate ? ne(column, encoded) : eq(column, encoded);
}

function membership(column: AnyColumn, where: CleanedWhere, encode: Encode): SQL {
	const list = (where.value ?? []) as unknown[];
	const negate = where.operator === "not_in";
	// `in ()` is not valid SQL: an empty list matches nothing, its negation everything.
	if (list.length === 0) return negate ? sql`1 = 1` : sql`1 = 0`;
	if (list.every(isString) && where.mode === "insensitive") {
		const lowered = sql.join(
			list.map((item) => sql`lower(${item})`),
			sql`, `,
		);
		return negate ? sql`lower(${column}) not in (${lowered})` : sql`lower(${column}) in (${lowered})`;
	}
	const encoded = list.map((item) => encode(column, item));
	return negate ? notInArray(column, encoded) : inArray(column, encoded);
}

const COMPARE = { lt, lte, gt, gte } as const;
const COMPARE_SQL = { lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

/** One condition on a column. */
export function buildCondition(provider: DrizzleProvider, column: AnyColumn, where: CleanedWhere, encode: Encode): SQL {
	switch (where.operator) {
		case "eq":
		case "ne":
			return equality(provider, column, where, encode);
		case "in":
		case "not_in":
			return membership(column, where, encode);
		case "lt":
		case "lte":
		case "gt":
		case "gte":
			if (isString(where.value) && where.mode === "insensitive") {
				return sql`lower(${column}) ${sql.raw(COMPARE_SQL[where.operator])} lower(${where.value})`;
			}
			return COMPARE[where.operator](column, encode(column, where.value));
		default:
			return like(provider, column, where);
	}
}

/** The whole clause, or undefined for no conditions. */
export function buildWhere(
	provider: DrizzleProvider,
	where: CleanedWhere[] | undefined,
	columnOf: (field: string) => AnyColumn,
	encode: Encode,
): SQL | undefined {
	if (!where?.length) return undefined;
	const ands: SQL[] = [];
	const ors: SQL[] = [];
	for (const condition of where) {
		const built = buildCondition(provider, columnOf(condition.field), condition, encode);
		(condition.connector === "OR" ? ors : ands).push(built);
	}
	if (ors.length > 0) ands.push(or(...ors) as SQL);
	return and(...ands);
}
