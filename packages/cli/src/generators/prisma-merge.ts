/**
 * Brings an existing schema.prisma up to the config without touching what is there: models
 * that are missing are appended, models that exist (found by `@@map` or by name) get only the
 * fields and indexes they lack. Nothing is removed or rewritten.
 */
import type { GeneratorSchema } from "../schema/tables";
import { upperFirst } from "./naming";
import { type PrismaModel, type PrismaProvider, prismaModels, renderFields, renderModel } from "./prisma";

interface ExistingModel {
	name: string;
	/** The `@@map` table name, or the model name. */
	table: string;
	mapped: boolean;
	/** Offset of the closing brace. */
	end: number;
	/** Offset just after the last field line, where new fields go. */
	fieldsEnd: number;
	body: string;
	fields: { name: string; type: string }[];
	blockAttributes: string[];
}

export interface PrismaMerge {
	code: string;
	/** Models appended. */
	models: string[];
	/** Fields added to existing models, as `Model.field`. */
	fields: string[];
}

const baseType = (type: string) => type.replace(/(\[\]|\?)$/, "");
const normalize = (line: string) => line.replace(/\s+/g, "");

/** The models of a schema.prisma (comments and other blocks are kept as text, never parsed). */
export function parsePrismaModels(text: string): ExistingModel[] {
	const models: ExistingModel[] = [];
	const header = /^model\s+(\w+)\s*\{[^\S\n]*$/gm;
	for (let match = header.exec(text); match; match = header.exec(text)) {
		const start = match.index + match[0].length;
		const close = /^\s*\}/m.exec(text.slice(start));
		if (!close) break;
		const end = start + close.index + close[0].lastIndexOf("}");
		const body = text.slice(start, end);
		const fields: ExistingModel["fields"] = [];
		const blockAttributes: string[] = [];
		let table: string | undefined;
		// New fields go right after the last field line.
		let fieldsEnd = start + (body.startsWith("\n") ? 1 : 0);
		let offset = start;
		for (const raw of body.split("\n")) {
			const lineEnd = offset + raw.length + 1;
			offset = lineEnd;
			const line = raw.replace(/\/\/.*$/, "").trim();
			if (!line) continue;
			if (line.startsWith("@@")) {
				blockAttributes.push(line);
				const map = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(line);
				if (map) table = map[1];
				continue;
			}
			const field = /^(\w+)\s+([\w.]+(?:\[\])?\??)/.exec(line);
			if (field) {
				fields.push({ name: field[1], type: field[2] });
				fieldsEnd = Math.min(lineEnd, end);
			}
		}
		models.push({
			name: match[1],
			table: table ?? match[1],
			mapped: table !== undefined,
			end,
			fieldsEnd,
			body,
			fields,
			blockAttributes,
		});
		header.lastIndex = end;
	}
	return models;
}

/** The existing model standing for a table: mapped to it, or named like the model we would write. */
function findExisting(existing: ExistingModel[], table: string): ExistingModel | undefined {
	return (
		existing.find((model) => model.mapped && model.table === table) ??
		existing.find((model) => !model.mapped && model.name === upperFirst(table)) ??
		existing.find((model) => !model.mapped && model.name === table)
	);
}

/** Whether an existing model already covers a field we would add. */
function covers(model: ExistingModel, field: PrismaModel["fields"][number], wanted: PrismaModel): boolean {
	if (model.fields.some((known) => known.name === field.name)) return true;
	if (field.relation === "relation") {
		// A relation over the same foreign key under another name.
		return new RegExp(`fields:\\s*\\[\\s*${field.column}\\s*\\]`).test(model.body);
	}
	if (field.relation === "back") {
		// A back relation under another name; when several point at the same model, match by name only.
		const siblings = wanted.fields.filter((other) => other.relation === "back" && other.model === field.model);
		return siblings.length === 1 && model.fields.some((known) => baseType(known.type) === field.model);
	}
	return false;
}

/** Merges the config's models into `text`, a schema.prisma. */
export function mergePrismaSchema(text: string, schema: GeneratorSchema, provider: PrismaProvider): PrismaMerge {
	const existing = parsePrismaModels(text);
	const names = new Map<string, string>();
	for (const table of schema.tables) {
		const model = findExisting(existing, table.table);
		if (model) names.set(table.table, model.name);
	}
	const wanted = prismaModels(schema, provider, names);

	const insertions: { at: number; text: string }[] = [];
	const added: PrismaMerge = { code: text, models: [], fields: [] };
	const appended: string[] = [];
	for (const model of wanted) {
		const current = findExisting(existing, model.table);
		if (!current) {
			appended.push(renderModel(model));
			added.models.push(model.name);
			continue;
		}
		const missing = model.fields.filter((field) => !covers(current, field, model));
		const known = new Set(current.blockAttributes.map(normalize));
		const attributes = model.blockAttributes.filter((line) => !line.startsWith("@@map") && !known.has(normalize(line)));
		if (missing.length === 0 && attributes.length === 0) continue;
		if (missing.length > 0) {
			insertions.push({ at: current.fieldsEnd, text: `${renderFields(missing).join("\n")}\n` });
		}
		if (attributes.length > 0) {
			insertions.push({ at: current.end, text: `${attributes.map((line) => `  ${line}`).join("\n")}\n` });
		}
		added.fields.push(...missing.map((field) => `${current.name}.${field.name}`));
		added.fields.push(...attributes.map((line) => `${current.name} ${line}`));
	}

	let code = text;
	for (const { at, text: insert } of insertions.sort((a, b) => b.at - a.at)) {
		code = `${code.slice(0, at)}${insert}${code.slice(at)}`;
	}
	if (appended.length > 0) code = `${code.trimEnd()}\n\n${appended.join("\n\n")}\n`;
	added.code = code;
	return added;
}
