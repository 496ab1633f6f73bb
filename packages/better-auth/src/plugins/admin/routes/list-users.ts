/** `GET /admin/list-users`: search, filter, sort and page through users. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import type { Where, WhereOperator } from "@better-auth/core/db";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { userOutput } from "../../../api/routes/shared";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { ADMIN_ERROR_CODES } from "../error-codes";
import { adminSession, adminSessionMiddleware } from "../middleware";
import { type AdminConfig, requirePermission } from "../permissions";
import { fieldValue } from "../user-data";

const FILTER_OPERATORS = [
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
] as const satisfies readonly WhereOperator[];

const count = z.union([z.string(), z.number()]);

const listUsersQuery = z.object({
	searchValue: z.string().optional(),
	searchField: z.enum(["email", "name"]).optional(),
	searchOperator: z.enum(["contains", "starts_with", "ends_with"]).optional(),
	limit: count.optional(),
	offset: count.optional(),
	sortBy: z.string().optional(),
	sortDirection: z.enum(["asc", "desc"]).optional(),
	filterField: z.string().optional(),
	filterValue: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number())]).optional(),
	filterOperator: z.enum(FILTER_OPERATORS).optional(),
});

type ListUsersQuery = z.infer<typeof listUsersQuery>;

function invalid(message: string): never {
	throw new APIError("BAD_REQUEST", { message, code: "VALIDATION_ERROR" });
}

/**
 * `limit` / `offset` as a number; absent, empty and 0 mean none (as in better-auth 1.7, which
 * also ignores "abc" and passes -1 on: those are 400 here).
 */
function toCount(name: string, value: string | number | undefined): number | undefined {
	if (value === undefined || value === "") return undefined;
	const number = typeof value === "number" ? value : Number(value);
	if (!Number.isInteger(number) || number < 0)
		invalid(`[query.${name}] Invalid input: expected a non-negative integer`);
	return number === 0 ? undefined : number;
}

/** A user field name, or 400 (better-auth 1.7 answers an empty list for unknown fields). */
function userField(context: FullAuthContext, name: string, param: string) {
	if (name === "id") return { type: "string" as const, required: true };
	const fields = context.tables.user.fields;
	if (!Object.hasOwn(fields, name)) invalid(`[query.${param}] Unknown user field "${name}"`);
	return fields[name];
}

/** The filter's value in its field's type: query strings arrive as text ("true", "42", "a,b" for `in`). */
function filterCondition(context: FullAuthContext, query: ListUsersQuery): Where | null {
	const { filterField, filterValue, filterOperator = "eq" } = query;
	if (filterField === undefined) {
		if (filterValue !== undefined) invalid("[query.filterField] Required with filterValue");
		return null;
	}
	if (filterValue === undefined) return null;
	const field = userField(context, filterField, "filterField");
	const convert = (value: unknown) => {
		if (typeof value !== "string" || field.type === "string" || Array.isArray(field.type)) return value;
		if (field.type === "boolean" && (value === "true" || value === "false")) return value === "true";
		if (field.type === "number" && value.trim() !== "") return Number(value);
		return value;
	};
	const key = `filterValue (${filterField})`;
	if (filterOperator === "in" || filterOperator === "not_in") {
		const list = Array.isArray(filterValue) ? filterValue : String(filterValue).split(",");
		const values = list.map((item) => fieldValue(key, { ...field, required: true }, convert(item)));
		return { field: filterField, operator: filterOperator, value: values as string[] | number[] };
	}
	const value = fieldValue(key, { ...field, required: true }, convert(filterValue));
	return { field: filterField, operator: filterOperator, value: value as Where["value"] };
}

export function listUsers(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/list-users",
		{ method: "GET", query: listUsersQuery, use: [adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			requirePermission(
				config,
				adminSession(ctx).user,
				{ user: ["list"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS,
			);
			const query = ctx.query;
			const limit = toCount("limit", query.limit);
			const offset = toCount("offset", query.offset);
			const where: Where[] = [];
			if (query.searchValue) {
				where.push({
					field: query.searchField ?? "email",
					operator: query.searchOperator ?? "contains",
					value: query.searchValue,
					mode: "insensitive",
				});
			}
			const filter = filterCondition(context, query);
			if (filter) where.push(filter);
			if (query.sortBy !== undefined) userField(context, query.sortBy, "sortBy");
			const [users, total] = await Promise.all([
				context.adapter.findMany<User>({
					model: "user",
					where,
					limit,
					offset,
					sortBy: query.sortBy ? { field: query.sortBy, direction: query.sortDirection ?? "asc" } : undefined,
				}),
				context.adapter.count({ model: "user", where }),
			]);
			return ctx.json({
				users: users.map((user) => userOutput(context, user)),
				total,
				...(limit ? { limit } : {}),
				...(offset ? { offset } : {}),
			});
		},
	);
}
