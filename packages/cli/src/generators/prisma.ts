/**
 * `schema.prisma` models for the Prisma adapter. Model names are the table names with a capital
 * (`user` → `User`, whose client delegate is `prisma.user`, as the adapter expects), mapped to
 * the table with `@@map`; field names are the column names.
 */
import type { DBFieldAttribute, OnDelete } from "@better-auth/core/db";
import {
	defaultsToNow,
	type GeneratorSchema,
	isRequired,
	literalDefault,
	type SchemaColumn,
	type SchemaTable,
	updatesToNow,
} from "../schema/tables";
import { identifier, upperFirst } from "./naming";
import { collectRelations } from "./relations";

export type PrismaProvider = "postgresql" | "mysql" | "sqlite" | "sqlserver" | "mongodb" | "cockroachdb";

export const PRISMA_PROVIDERS: readonly PrismaProvider[] = [
	"postgresql",
	"mysql",
	"sqlite",
	"sqlserver",
	"mongodb",
	"cockroachdb",
];

export interface PrismaField {
	name: string;
	type: string;
	attributes: string[];
	/** "relation" for a field pointing at one row, "back" for the other side; absent for columns. */
	relation?: "relation" | "back";
	/** The model a relation field points at. */
	model?: string;
	/** The foreign-key column of a relation field. */
	column?: string;
}

export interface PrismaModel {
	name: string;
	table: string;
	fields: PrismaField[];
	blockAttributes: string[];
}

const ON_DELETE: Record<OnDelete, string> = {
	cascade: "Cascade",
	"no action": "NoAction",
	restrict: "Restrict",
	"set null": "SetNull",
	"set default": "SetDefault",
};

const supportsLists = (provider: PrismaProvider) =>
	provider === "postgresql" || provider === "cockroachdb" || provider === "mongodb";
const supportsJson = (provider: PrismaProvider) => provider !== "sqlite" && provider !== "sqlserver";

/** A string column that is compared, sorted or referenced: kept as the provider's indexable default. */
const isKeyed = (field: DBFieldAttribute) => Boolean(field.unique || field.index || field.sortable || field.references);

function scalarType(provider: PrismaProvider, field: DBFieldAttribute): { type: string; native?: string } {
	const type = field.type;
	if (Array.isArray(type)) return { type: "String" };
	switch (type) {
		case "number":
			return { type: field.bigint ? "BigInt" : "Int" };
		case "boolean":
			return { type: "Boolean" };
		case "date":
			return { type: "DateTime" };
		case "json":
			return { type: supportsJson(provider) ? "Json" : "String" };
		case "string[]":
			return { type: supportsLists(provider) ? "String[]" : "String" };
		case "number[]":
			return { type: supportsLists(provider) ? "Int[]" : "String" };
		default:
			// Tokens and id tokens outgrow MySQL's varchar(191) and SQL Server's nvarchar(1000).
			if (!isKeyed(field) && provider === "mysql") return { type: "String", native: "@db.Text" };
			if (!isKeyed(field) && provider === "sqlserver") return { type: "String", native: "@db.NVarChar(Max)" };
			return { type: "String" };
	}
}

function idField(schema: GeneratorSchema, provider: PrismaProvider): PrismaField {
	if (provider === "mongodb") return { name: "id", type: "String", attributes: ["@id", '@map("_id")'] };
	if (schema.idKind === "serial") return { name: "id", type: "Int", attributes: ["@id", "@default(autoincrement())"] };
	if (schema.idKind === "uuid") return { name: "id", type: "String", attributes: ["@id", "@default(uuid())"] };
	return { name: "id", type: "String", attributes: ["@id"] };
}

function columnField(schema: GeneratorSchema, provider: PrismaProvider, column: SchemaColumn): PrismaField {
	const { field, reference } = column;
	let scalar: { type: string; native?: string };
	if (reference?.column === "id") scalar = { type: idField(schema, provider).type };
	else if (reference?.target) scalar = scalarType(provider, { ...reference.target, references: undefined });
	else scalar = scalarType(provider, field);

	const attributes: string[] = [];
	if (field.unique) attributes.push("@unique");
	const literal = literalDefault(field);
	if (literal !== undefined) attributes.push(`@default(${JSON.stringify(literal)})`);
	else if (defaultsToNow(field)) attributes.push("@default(now())");
	if (updatesToNow(field)) attributes.push("@updatedAt");
	if (scalar.native) attributes.push(scalar.native);
	const optional = !isRequired(field) && !scalar.type.endsWith("[]");
	return { name: column.column, type: `${scalar.type}${optional ? "?" : ""}`, attributes, column: column.column };
}

/**
 * The models of a schema. `names` overrides the model name of a table (a model the user's
 * schema.prisma already has under another name).
 */
export function prismaModels(
	schema: GeneratorSchema,
	provider: PrismaProvider,
	names: Map<string, string> = new Map(),
): PrismaModel[] {
	const nameOf = (table: SchemaTable) => names.get(table.table) ?? upperFirst(identifier(table.table));
	const models = new Map<SchemaTable, PrismaModel>();
	for (const table of schema.tables) {
		const fields = [idField(schema, provider), ...table.columns.map((column) => columnField(schema, provider, column))];
		const blockAttributes = table.columns
			.filter((column) => column.field.index && !column.field.unique)
			.map((column) => `@@index([${column.column}])`);
		blockAttributes.push(`@@map(${JSON.stringify(table.table)})`);
		models.set(table, { name: nameOf(table), table: table.table, fields, blockAttributes });
	}

	// SQL Server refuses two cascade paths from one table to another, and SQL Server and MongoDB
	// refuse cascading self relations: those get NoAction there, as Prisma requires.
	const cascading = new Set<string>();
	for (const relation of collectRelations(schema.tables, nameOf)) {
		const source = models.get(relation.source) as PrismaModel;
		const target = models.get(relation.target) as PrismaModel;
		const named = relation.relationName ? `${JSON.stringify(relation.relationName)}, ` : "";
		const pair = `${relation.source.table}\u0000${relation.target.table}`;
		const self = relation.source === relation.target;
		const noAction = (provider === "sqlserver" && (cascading.has(pair) || self)) || (provider === "mongodb" && self);
		cascading.add(pair);
		const action = noAction ? "NoAction, onUpdate: NoAction" : ON_DELETE[relation.reference.onDelete];
		const optional = !isRequired(relation.column.field);
		const forward: PrismaField = {
			name: relation.forwardName,
			type: `${target.name}${optional ? "?" : ""}`,
			attributes: [
				`@relation(${named}fields: [${relation.column.column}], references: [${relation.reference.column}], onDelete: ${action})`,
			],
			relation: "relation",
			model: target.name,
			column: relation.column.column,
		};
		const at = source.fields.findIndex((field) => field.name === relation.column.column);
		source.fields.splice(at + 1, 0, forward);
		target.fields.push({
			name: relation.backName,
			type: relation.oneToOne ? `${source.name}?` : `${source.name}[]`,
			attributes: relation.relationName ? [`@relation(${JSON.stringify(relation.relationName)})`] : [],
			relation: "back",
			model: source.name,
		});
	}
	return [...models.values()];
}

/** Field lines aligned the way `prisma format` aligns them. */
export function renderFields(fields: PrismaField[], indent = "  "): string[] {
	const nameWidth = Math.max(...fields.map((field) => field.name.length));
	const typeWidth = Math.max(...fields.map((field) => field.type.length));
	return fields.map((field) => {
		const head = `${indent}${field.name.padEnd(nameWidth)} `;
		if (field.attributes.length === 0) return `${head}${field.type}`.trimEnd();
		return `${head}${field.type.padEnd(typeWidth)} ${field.attributes.join(" ")}`;
	});
}

export function renderModel(model: PrismaModel): string {
	const lines = [`model ${model.name} {`, ...renderFields(model.fields)];
	if (model.blockAttributes.length > 0) lines.push("", ...model.blockAttributes.map((line) => `  ${line}`));
	lines.push("}");
	return lines.join("\n");
}

/**
 * The head of a new schema.prisma. Prisma 7 reads the connection URL from prisma.config.ts and
 * generates the client with `prisma-client`; older versions want `url` and `prisma-client-js`.
 */
export function prismaHeader(provider: PrismaProvider, prismaMajor: number | undefined): string {
	const modern = prismaMajor === undefined || prismaMajor >= 7;
	const generator = modern
		? 'generator client {\n  provider = "prisma-client"\n  output   = "../generated/prisma"\n}'
		: 'generator client {\n  provider = "prisma-client-js"\n}';
	const datasource = modern
		? `datasource db {\n  provider = "${provider}"\n}`
		: `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}`;
	return `${generator}\n\n${datasource}\n`;
}

/** A complete, new schema.prisma. */
export function generatePrismaSchema(schema: GeneratorSchema, provider: PrismaProvider, prismaMajor?: number): string {
	const models = prismaModels(schema, provider).map(renderModel);
	return `${prismaHeader(provider, prismaMajor)}\n${models.join("\n\n")}\n`;
}
