/**
 * Cleaned where clauses to SQL, with the factory's semantics:
 * `AND(all AND conditions) AND OR(all OR conditions)`.
 *
 * String comparisons are case-sensitive unless `mode: "insensitive"`, on every database.
 * SQLite's LIKE, and the default collations of MySQL and MSSQL, ignore case, so those get
 * exact forms (substring functions, binary casts, a binary collation). Insensitive comparisons
 * apply `lower()` to both sides in SQL, so both go through the same folding rules.
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import type { CleanedWhere } from "@better-auth/core/db";
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic (configured tables).
type EB = ExpressionBuilder<any, any>;
type Condition = Expression<SqlBool>;

/**
 * The LIKE escape character. "!" is literal in every dialect's string syntax (a backslash is not:
 * MySQL doubles it unless NO_BACKSLASH_ESCAPES), so one `escape '!'` clause works everywhere.
 */
const ESCAPE = "!";

/** Escapes LIKE wildcards; MSSQL also treats `[` as the start of a character class. */
export function escapeLike(value: string, type: KyselyDatabaseType): string {
	const special = type === "mssql" ? /[!%_[]/g : /[!%_]/g;
	return value.replace(special, (char) => `${ESCAPE}${char}`);
}

function likePattern(operator: CleanedWhere["operator"], value: string, type: KyselyDatabaseType): string {
	const escaped = escapeLike(value, type);
	if (operator === "contains") return `%${escaped}%`;
	if (operator === "starts_with") return `${escaped}%`;
	return `%${escaped}`;
}

const isString = (value: unknown): value is string => typeof value === "string";

/** A column or value compared byte for byte (MySQL) or under a binary collation (MSSQL). */
function exact(type: KyselyDatabaseType, value: Expression<unknown>): RawBuilder<unknown> | Expression<unknown> {
	if (type === "mysql") return sql`cast(${value} as binary)`;
	if (type === "mssql") return sql`${value} collate Latin1_General_BIN2`;
	return value;
}

/** Whether a case-sensitive string comparison needs the exact form on this database. */
const needsExact = (type: KyselyDatabaseType) => type === "mysql" || type === "mssql";

function like(eb: EB, type: KyselyDatabaseType, column: Expression<unknown>, where: CleanedWhere): Condition {
	const text = String(where.value ?? "");
	// Every non-null value contains, starts and ends with the empty string.
	if (text === "") return eb(column, "is not", null);
	const insensitive = where.mode === "insensitive";
	if (!insensitive && type === "sqlite") {
		// SQLite's LIKE ignores ASCII case: compare substrings instead (lengths in characters).
		if (where.operator === "contains") return sql<SqlBool>`instr(${column}, ${text}) > 0`;
		if (where.operator === "starts_with") return sql<SqlBool>`substr(${column}, 1, length(${text})) = ${text}`;
		return sql<SqlBool>`substr(${column}, -length(${text})) = ${text}`;
	}
	const pattern = eb.val(likePattern(where.operator, text, type));
	if (insensitive) {
		return sql<SqlBool>`lower(${column}) like lower(${pattern}) escape ${sql.lit(ESCAPE)}`;
	}
	if (type === "mysql") {
		return sql<SqlBool>`${exact(type, column)} like ${exact(type, pattern)} escape ${sql.lit(ESCAPE)}`;
	}
	return sql<SqlBool>`${exact(type, column)} like ${pattern} escape ${sql.lit(ESCAPE)}`;
}

function equality(eb: EB, type: KyselyDatabaseType, column: Expression<unknown>, where: CleanedWhere): Condition {
	const { value } = where;
	const negate = where.operator === "ne";
	if (value === null) return eb(column, negate ? "is not" : "is", null);
	if (isString(value) && where.mode === "insensitive") {
		return eb(eb.fn("lower", [column]), negate ? "<>" : "=", eb.fn("lower", [eb.val(value)]));
	}
	if (isString(value) && needsExact(type)) {
		const test = eb(exact(type, column), negate ? "<>" : "=", exact(type, eb.val(value)));
		// The plain equality in front lets the database use the column's index.
		return negate ? test : eb.and([eb(column, "=", value), test]);
	}
	return eb(column, negate ? "<>" : "=", value);
}

function membership(eb: EB, type: KyselyDatabaseType, column: Expression<unknown>, where: CleanedWhere): Condition {
	const list = (where.value ?? []) as unknown[];
	const negate = where.operator === "not_in";
	// `in ()` is not valid SQL: an empty list matches nothing, its negation everything.
	if (list.length === 0) return negate ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
	const strings = list.every(isString);
	const op = negate ? "not in" : "in";
	if (strings && where.mode === "insensitive") {
		return eb(
			eb.fn("lower", [column]),
			op,
			list.map((item) => eb.fn("lower", [eb.val(item)])),
		);
	}
	if (strings && needsExact(type)) {
		const test = eb(
			exact(type, column),
			op,
			list.map((item) => exact(type, eb.val(item))),
		);
		return negate ? test : eb.and([eb(column, "in", list), test]);
	}
	return eb(column, op, list);
}

const COMPARISONS = { lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

/** One condition on `table.field`. */
export function buildCondition(eb: EB, type: KyselyDatabaseType, table: string, where: CleanedWhere): Condition {
	const column = eb.ref(`${table}.${where.field}`);
	switch (where.operator) {
		case "eq":
		case "ne":
			return equality(eb, type, column, where);
		case "in":
		case "not_in":
			return membership(eb, type, column, where);
		case "lt":
		case "lte":
		case "gt":
		case "gte": {
			const op = COMPARISONS[where.operator];
			if (isString(where.value) && where.mode === "insensitive") {
				return eb(eb.fn("lower", [column]), op, eb.fn("lower", [eb.val(where.value)]));
			}
			return eb(column, op, where.value);
		}
		default:
			return like(eb, type, column, where);
	}
}

/** The whole clause: every AND condition, and at least one OR condition when there are any. */
export function buildWhere(eb: EB, type: KyselyDatabaseType, table: string, where: CleanedWhere[]): Condition {
	const ands: Condition[] = [];
	const ors: Condition[] = [];
	for (const condition of where) {
		(condition.connector === "OR" ? ors : ands).push(buildCondition(eb, type, table, condition));
	}
	if (ors.length > 0) ands.push(eb.or(ors));
	return eb.and(ands);
}
