/**
 * The `data` of create-user and update-user checked against the user table: each value must fit
 * its field's type (better-auth 1.7 stores whatever comes, e.g. "yes" in a boolean column);
 * keys that are not fields are dropped, as 1.7 drops them.
 */
import type { DBFieldAttribute } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";

function invalid(key: string, expected: string): never {
	throw new APIError("BAD_REQUEST", {
		message: `[body.data.${key}] Invalid input: expected ${expected}`,
		code: "VALIDATION_ERROR",
	});
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** A value converted to its field's type, or a 400 naming the field. */
export function fieldValue(key: string, field: DBFieldAttribute, value: unknown): unknown {
	if (value === null) {
		if (field.required !== false) invalid(key, "a value (the field is required)");
		return null;
	}
	const { type } = field;
	if (Array.isArray(type)) {
		if (typeof value !== "string" || !type.includes(value)) invalid(key, `one of ${type.join(", ")}`);
		return value;
	}
	switch (type) {
		case "string":
			if (typeof value !== "string") invalid(key, "string");
			return value;
		case "number":
			if (!isNumber(value)) invalid(key, "number");
			return value;
		case "boolean":
			if (typeof value !== "boolean") invalid(key, "boolean");
			return value;
		case "date": {
			const date =
				value instanceof Date ? value : typeof value === "string" || isNumber(value) ? new Date(value) : null;
			if (!date || Number.isNaN(date.getTime())) invalid(key, "date");
			return date;
		}
		case "string[]":
			if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) invalid(key, "string[]");
			return value;
		case "number[]":
			if (!Array.isArray(value) || !value.every(isNumber)) invalid(key, "number[]");
			return value;
		default:
			if (typeof value !== "object") invalid(key, "object");
			return value;
	}
}

/** The user fields of `data`, type-checked; `undefined` values and unknown keys are left out. */
export function userFields(context: FullAuthContext, data: Record<string, unknown>): Record<string, unknown> {
	const fields = context.tables.user.fields;
	const checked: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (value === undefined || !Object.hasOwn(fields, key)) continue;
		checked[key] = fieldValue(key, fields[key], value);
	}
	return checked;
}
