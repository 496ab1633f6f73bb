/**
 * Where clauses: defaults filled, names mapped, values converted. Also the one evaluator of the
 * documented semantics, used by in-memory adapters and the join fallback.
 *
 * Semantics: every condition whose connector is AND must hold, and when there are conditions
 * whose connector is OR, at least one of them must hold:
 * `AND(all AND conditions) AND OR(all OR conditions)`. SQL adapters build the same expression.
 */
import { BetterAuthError } from "../../../error";
import type { CleanedWhere, Where, WhereOperator } from "../types";
import { getFieldInfo, type ModelInfo } from "./models";
import { type Capabilities, toDatabaseValue } from "./transform";

const OPERATORS = new Set<WhereOperator>([
	"eq",
	"ne",
	"lt",
	"lte",
	"gt",
	"gte",
	"in",
	"not_in",
	"contains",
	"starts_with",
	"ends_with",
]);

export function cleanWhere(model: ModelInfo, where: Where[] | undefined, caps: Capabilities): CleanedWhere[] {
	if (!where) return [];
	return where.map((condition) => {
		const operator = condition.operator ?? "eq";
		if (!OPERATORS.has(operator)) {
			throw new BetterAuthError(`Unknown where operator "${String(operator)}" on ${model.key}.${condition.field}.`);
		}
		const info = getFieldInfo(model, condition.field);
		let value = condition.value;
		if (operator === "in" || operator === "not_in") {
			if (!Array.isArray(value)) {
				throw new BetterAuthError(
					`The "${operator}" operator on ${model.key}.${condition.field} needs an array value.`,
				);
			}
			value = value.map((item) => toDatabaseValue(info, item, caps)) as string[] | number[];
		} else if (operator === "contains" || operator === "starts_with" || operator === "ends_with") {
			value = value === null ? null : String(value);
		} else {
			value = toDatabaseValue(info, value, caps) as CleanedWhere["value"];
		}
		return {
			field: info.column,
			value,
			operator,
			connector: condition.connector ?? "AND",
			mode: condition.mode ?? "sensitive",
		};
	});
}

function normalise(value: unknown, insensitive: boolean): unknown {
	if (value instanceof Date) return value.getTime();
	if (insensitive && typeof value === "string") return value.toLowerCase();
	return value;
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	return (a as number) < (b as number) ? -1 : 1;
}

/** Whether one stored row (physical columns) satisfies one condition. */
export function matchesCondition(row: Record<string, unknown>, condition: CleanedWhere): boolean {
	const insensitive = condition.mode === "insensitive";
	const actual = normalise(row[condition.field], insensitive);
	const expected = condition.value;
	switch (condition.operator) {
		case "eq":
			if (expected === null) return actual === null || actual === undefined;
			return actual === normalise(expected, insensitive);
		case "ne":
			if (expected === null) return actual !== null && actual !== undefined;
			return actual !== normalise(expected, insensitive);
		case "lt":
			return actual != null && compare(actual, normalise(expected, insensitive)) < 0;
		case "lte":
			return actual != null && compare(actual, normalise(expected, insensitive)) <= 0;
		case "gt":
			return actual != null && compare(actual, normalise(expected, insensitive)) > 0;
		case "gte":
			return actual != null && compare(actual, normalise(expected, insensitive)) >= 0;
		case "in":
			return (expected as unknown[]).some((item) => normalise(item, insensitive) === actual);
		case "not_in":
			return !(expected as unknown[]).some((item) => normalise(item, insensitive) === actual);
		case "contains":
			return typeof actual === "string" && actual.includes(normalise(expected, insensitive) as string);
		case "starts_with":
			return typeof actual === "string" && actual.startsWith(normalise(expected, insensitive) as string);
		case "ends_with":
			return typeof actual === "string" && actual.endsWith(normalise(expected, insensitive) as string);
	}
}

/** Whether a row satisfies a whole cleaned where clause (see the module comment). */
export function matchesWhere(row: Record<string, unknown>, where: CleanedWhere[]): boolean {
	let hasOr = false;
	let anyOr = false;
	for (const condition of where) {
		if (condition.connector === "OR") {
			hasOr = true;
			if (!anyOr && matchesCondition(row, condition)) anyOr = true;
		} else if (!matchesCondition(row, condition)) {
			return false;
		}
	}
	return !hasOr || anyOr;
}
