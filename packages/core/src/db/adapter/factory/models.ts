/**
 * Per-adapter lookup tables built once from the schema: logical ↔ physical names for every
 * model and field, so the per-call path is plain map lookups.
 */
import { BetterAuthError } from "../../../error";
import type { BetterAuthOptions } from "../../../types/options";
import type { BetterAuthDBSchema, DBFieldAttribute } from "../../field";
import { getModelKey } from "../../schema";

export interface FieldInfo {
	key: string;
	column: string;
	attribute: DBFieldAttribute;
	/** Holds an id of another model (or the model's own id): numeric when ids are serial. */
	isIdLike: boolean;
}

export interface ModelInfo {
	key: string;
	table: string;
	/** Logical key → field, `id` included. */
	fields: Map<string, FieldInfo>;
	/** Physical column → field. */
	columns: Map<string, FieldInfo>;
}

export const ID_ATTRIBUTE: DBFieldAttribute = {
	type: "string",
	required: true,
	input: false,
};

export type IdMode =
	| { kind: "random" }
	| { kind: "uuid" }
	| { kind: "serial" }
	| { kind: "database" }
	| {
			kind: "custom";
			generate: (props: { model: string; size?: number }) => string | false;
	  };

/** How ids are made, from `advanced.database.generateId` / `useNumberId` (and the older `advanced.generateId`). */
export function resolveIdMode(options: BetterAuthOptions): IdMode {
	const database = options.advanced?.database;
	const option = database?.generateId ?? options.advanced?.generateId;
	if (database?.useNumberId || option === "serial") return { kind: "serial" };
	if (option === "uuid") return { kind: "uuid" };
	if (option === false) return { kind: "database" };
	if (typeof option === "function") return { kind: "custom", generate: option };
	return { kind: "random" };
}

export function buildModels(schema: BetterAuthDBSchema, usePlural: boolean): Map<string, ModelInfo> {
	const models = new Map<string, ModelInfo>();
	for (const [key, table] of Object.entries(schema)) {
		const fields = new Map<string, FieldInfo>();
		const columns = new Map<string, FieldInfo>();
		const add = (fieldKey: string, attribute: DBFieldAttribute) => {
			const info: FieldInfo = {
				key: fieldKey,
				column: attribute.fieldName ?? fieldKey,
				attribute,
				isIdLike: fieldKey === "id" || attribute.references?.field === "id",
			};
			fields.set(fieldKey, info);
			columns.set(info.column, info);
		};
		add("id", ID_ATTRIBUTE);
		for (const [fieldKey, attribute] of Object.entries(table.fields)) add(fieldKey, attribute);
		const physical = usePlural && !table.modelName.endsWith("s") ? `${table.modelName}s` : table.modelName;
		models.set(key, { key, table: physical, fields, columns });
	}
	return models;
}

/** Resolves a model given by logical key, schema name or physical (possibly plural) table name. */
export function createModelResolver(schema: BetterAuthDBSchema, models: Map<string, ModelInfo>) {
	const byAnyName = new Map<string, ModelInfo>();
	for (const info of models.values()) {
		byAnyName.set(info.key, info);
		byAnyName.set(info.table, info);
		byAnyName.set(schema[info.key].modelName, info);
	}
	return (model: string): ModelInfo => {
		const found = byAnyName.get(model);
		if (found) return found;
		// Throws the BetterAuthError that lists the known models.
		getModelKey(schema, model);
		throw new BetterAuthError(`Model "${model}" is not in the schema.`);
	};
}

/** A field of a model by logical key or physical column; unknown fields are configuration errors. */
export function getFieldInfo(model: ModelInfo, field: string): FieldInfo {
	const info = model.fields.get(field) ?? model.columns.get(field);
	if (!info) {
		throw new BetterAuthError(
			`Field "${field}" does not exist on model "${model.key}". Known fields: ${[...model.fields.keys()].join(", ")}.`,
		);
	}
	return info;
}
