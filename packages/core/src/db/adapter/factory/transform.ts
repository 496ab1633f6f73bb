/**
 * Value conversions between the API's types and what a database can store, driven by the
 * adapter's `supports*` flags. Outputs also accept what drivers really return (ISO strings,
 * 0/1, parsed JSON, numeric strings for bigint), so one adapter works across drivers.
 */
import type { DBFieldAttribute } from "../../field";
import type { FieldInfo } from "./models";

export interface Capabilities {
	supportsDates: boolean;
	supportsBooleans: boolean;
	supportsJSON: boolean;
	supportsArrays: boolean;
	numericIds: boolean;
}

function toDate(value: unknown): Date | unknown {
	if (value instanceof Date) return value;
	if (typeof value === "string" || typeof value === "number") {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? value : date;
	}
	return value;
}

function parseJSON(value: unknown): unknown {
	if (typeof value !== "string") return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function isArrayType(type: DBFieldAttribute["type"]): boolean {
	return type === "string[]" || type === "number[]";
}

/** Converts one value on its way to the database (data and where values alike). */
export function toDatabaseValue(info: FieldInfo, value: unknown, caps: Capabilities): unknown {
	if (value === null || value === undefined) return value;
	const { type } = info.attribute;
	if (info.isIdLike && caps.numericIds) {
		const number = Number(value);
		return Number.isNaN(number) ? value : number;
	}
	if (type === "date") {
		const date = toDate(value);
		return date instanceof Date && !caps.supportsDates ? date.toISOString() : date;
	}
	if (type === "boolean") {
		if (caps.supportsBooleans) return value;
		return value === true || value === 1 || value === "true" ? 1 : 0;
	}
	if (type === "json") return caps.supportsJSON ? value : JSON.stringify(value);
	if (isArrayType(type)) return caps.supportsArrays ? value : JSON.stringify(value);
	return value;
}

/** Converts one stored value back to the API's type. */
export function fromDatabaseValue(info: FieldInfo, value: unknown, caps: Capabilities): unknown {
	if (value === null || value === undefined) return null;
	const { type } = info.attribute;
	if (info.isIdLike && (caps.numericIds || typeof value === "number" || typeof value === "bigint")) {
		return String(value);
	}
	switch (type) {
		case "date":
			return toDate(value);
		case "boolean":
			if (typeof value === "boolean") return value;
			return value === 1 || value === "1" || value === "true" || value === 1n;
		case "number":
			if (typeof value === "number") return value;
			if (typeof value === "bigint" || (typeof value === "string" && value.trim() !== "")) {
				const number = Number(value);
				return Number.isNaN(number) ? value : number;
			}
			return value;
		case "json":
			return parseJSON(value);
		case "string[]":
		case "number[]":
			return parseJSON(value);
		default:
			return value;
	}
}
