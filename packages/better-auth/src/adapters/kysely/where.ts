/**
 * Cleaned where clauses to SQL, with the factory's semantics:
 * `AND(all AND conditions) AND OR(all OR conditions)`.
 *
 * String comparisons are case-sensitive unless `mode: "insensitive"`, on every database:
 * SQLite's LIKE and MySQL's default collations ignore case, so those get exact forms.
 */
import type { KyselyDatabaseType } from "@better-auth/core";
import type { CleanedWhere } from "@better-auth/core/db";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: the schema is dynamic.
type EB = ExpressionBuilder<any, any>;

/** LIKE patterns escape with "!" (valid in every dialect, unlike a backslash). */
function escapeLike(value: string): string {
	return value.replace(/[!%_]/g, (char) => `!${char}`);
}

function likePattern(operator: CleanedWhere["operator"], value: string): string {
	const escaped = escapeLike(value);
	if (operator === "contains") return `%${escaped}%`;
	if (operator === "starts_with") return `${escaped}%`;
	return `%${escaped}`;
}

function condition(eb: EB, type: KyselyDatabaseType, table: string, where: CleanedWhere): Expression<SqlBool> {
	const column = eb.ref(`${table}.${where.field}`);
	const insensitive = where.mode === "insensitive";
	const value = where.value;
	const lower = (v: unknown) => (insensitive && typeof v === "string" ? v.toLowerCase() : v);
	const left = insensitive ? eb.fn("lower", [column]) : column;
	// MySQL's default collations compare case-insensitively; a binary recheck keeps equality exact
	// while the plain comparison still uses the index.
	const exact = type === "mysql" && !insensitive;

	switch (where.operator) {
		case "eq":
		case "ne": {
			if (value === null) return eb(column, where.operator === "eq" ? "is" : "is not", null);
			const op = where.operator === "eq" ? "=" : "<>";
			if (exact && typeof value === "string") {
				const binary = sql<SqlBool>`cast(${column} as binary) ${sql.raw(op)} cast(${value} as binary)`;
				return where.operator === "eq" ? eb.and([eb(column, "=", value), binary]) : binary;
			}
			return eb(left, op, lower(value));
		}
		case "lt":
			return eb(left, "<", lower(value));
		case "lte":
			return eb(left, "<=", lower(value));
		case "gt":
			return eb(left, ">", lower(value));
		case "gte":
			return eb(left, ">=", lower(value));
		case "in":
		case "not_in": {
			const list = (value as unknown[]).map(lower);
			if (list.length === 0) return sql<SqlBool>`${sql.raw(where.operator === "in" ? "1 = 0" : "1 = 1")}`;
			if (exact && list.every((item) => typeof item === "string")) {
				const binaries = list.map((item) => sql`cast(${item} as binary)`);
				const test = sql<SqlBool>`cast(${column} as binary) ${sql.raw(where.operator === "in" ? "in" : "not in")} (${sql.join(binaries)})`;
				return where.operator === "in" ? eb.and([eb(column, "in", list), test]) : test;
			}
			return eb(left, where.operator === "in" ? "in" : "not in", list);
		}
		default: {
			const text = String(value ?? "");
			if (text === "") return eb(column, "is not", null);
			if (!insensitive && type === "sqlite") {
				// SQLite's LIKE ignores ASCII case: compare substrings instead.
				if (where.operator === "contains") return sql<SqlBool>`instr(${column}, ${text}) > 0`;
				if (where.operator === "starts_with") return sql<SqlBool>`substr(${column}, 1, ${text.length}) = ${text}`;
				return sql<SqlBool>`substr(${column}, ${-text.length}) = ${text}`;
			}
			const pattern = likePattern(where.operator, insensitive ? text.toLowerCase() : text);
			const target = exact ? sql`cast(${column} as binary)` : left;
			const param = exact ? sql`cast(${pattern} as binary)` : sql`${pattern}`;
			return sql<SqlBool>`${target} like ${param} escape '!'`;
		}
	}
}

export function buildWhere(
	eb: EB,
	type: KyselyDatabaseType,
	table: string,
	where: CleanedWhere[],
): Expression<SqlBool> {
	const ands = where.filter((w) => w.connector !== "OR").map((w) => condition(eb, type, table, w));
	const ors = where.filter((w) => w.connector === "OR").map((w) => condition(eb, type, table, w));
	if (ors.length > 0) ands.push(eb.or(ors));
	return eb.and(ands);
}
