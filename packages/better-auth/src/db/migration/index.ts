/**
 * `getMigrations(options)`: brings a SQL database up to the schema of a configuration.
 * It creates missing tables, adds missing columns and indexes, and never drops or rewrites
 * anything, so it is safe to run on every start.
 */
import type { BetterAuthDBSchema, BetterAuthOptions, DBFieldAttribute, KyselyDatabaseType } from "@better-auth/core";
import { getAuthTables } from "@better-auth/core/db";
import { BetterAuthError } from "@better-auth/core/error";
import { type Compilable, type Kysely, sql } from "kysely";
import { createKyselyDatabase } from "../../adapters/kysely/dialect";
import { columnType, currentTimestampDefault, type IdKind, idColumnType, staticDefault } from "./column-type";
import { introspect } from "./introspect";

export interface MigrationTable {
	/** Physical table name. */
	table: string;
	/** Logical field key → field (physical column in `fieldName`). */
	fields: Record<string, DBFieldAttribute>;
	order: number | null;
}

export interface Migrations {
	toBeCreated: MigrationTable[];
	toBeAdded: MigrationTable[];
	runMigrations: () => Promise<void>;
	compileMigrations: () => Promise<string>;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on a dynamic schema.
type DB = Kysely<any>;

function idKind(options: BetterAuthOptions): IdKind {
	const database = options.advanced?.database;
	const generateId = database?.generateId ?? options.advanced?.generateId;
	if (database?.useNumberId || generateId === "serial") return "serial";
	if (generateId === "uuid") return "uuid";
	return "string";
}

const column = (field: DBFieldAttribute, key: string) => field.fieldName ?? key;

export async function getMigrations(options: BetterAuthOptions): Promise<Migrations> {
	const database = createKyselyDatabase(options);
	if (!database) {
		throw new BetterAuthError(
			"getMigrations needs a SQL database the built-in Kysely adapter can use (better-sqlite3, pg, mysql2, " +
				"a Kysely dialect or instance). For other adapters, generate the schema with `npx @better-auth/cli generate`.",
		);
	}
	const { kysely: db, databaseType: type } = database;
	const schema = getAuthTables(options);
	const kind = idKind(options);
	const existing = await introspect(db, type, new Set(Object.values(schema).map((table) => table.modelName)));

	const toBeCreated: MigrationTable[] = [];
	const toBeAdded: MigrationTable[] = [];
	for (const table of Object.values(schema).sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9))) {
		if (table.disableMigrations) continue;
		const found = existing.get(table.modelName);
		if (!found) {
			toBeCreated.push({
				table: table.modelName,
				fields: table.fields,
				order: table.order ?? null,
			});
			continue;
		}
		const missing = Object.entries(table.fields).filter(([key, field]) => !found.columns.has(column(field, key)));
		if (missing.length > 0) {
			toBeAdded.push({
				table: table.modelName,
				fields: Object.fromEntries(missing),
				order: table.order ?? null,
			});
		}
	}

	const statements = buildStatements({
		db,
		type,
		kind,
		schema,
		toBeCreated,
		toBeAdded,
		existing,
	});
	return {
		toBeCreated,
		toBeAdded,
		async runMigrations() {
			for (const statement of statements) await statement.execute();
		},
		async compileMigrations() {
			if (statements.length === 0) return "";
			return `${statements.map((statement) => statement.compile().sql).join(";\n\n")};`;
		},
	};
}

type Statement = Compilable & { execute(): Promise<unknown> };

function buildStatements(input: {
	db: DB;
	type: KyselyDatabaseType;
	kind: IdKind;
	schema: BetterAuthDBSchema;
	toBeCreated: MigrationTable[];
	toBeAdded: MigrationTable[];
	existing: Map<string, { columns: Set<string>; indexedColumns: Set<string> }>;
}): Statement[] {
	const { db, type, kind, schema, existing } = input;
	const alters: Statement[] = [];
	const creates: Statement[] = [];
	const indexes: Statement[] = [];

	const referenceTarget = (field: DBFieldAttribute) => {
		const ref = field.references!;
		const target = schema[ref.model] ?? Object.values(schema).find((table) => table.modelName === ref.model);
		const targetField = target?.fields[ref.field];
		return {
			table: target?.modelName ?? ref.model,
			column: ref.field === "id" ? "id" : (targetField?.fieldName ?? ref.field),
			onDelete: ref.onDelete ?? "cascade",
		};
	};

	const index = (table: string, name: string, unique: boolean) => {
		const builder = db.schema
			.createIndex(`${table}_${name}_${unique ? "uidx" : "idx"}`)
			.on(table)
			.column(name);
		indexes.push(unique ? builder.unique() : builder);
	};

	for (const { table, fields } of input.toBeAdded) {
		for (const [key, field] of Object.entries(fields)) {
			const name = column(field, key);
			alters.push(
				db.schema.alterTable(table).addColumn(name, columnType(type, field, kind), (col) => {
					let c = col;
					const dateDefault =
						field.type === "date" && field.defaultValue !== undefined ? currentTimestampDefault(type) : null;
					const literal = dateDefault ?? staticDefault(type, field);
					if (literal) c = c.defaultTo(literal);
					if (field.required !== false) c = c.notNull();
					if (field.references) {
						const target = referenceTarget(field);
						c = c.references(`${target.table}.${target.column}`).onDelete(target.onDelete);
					}
					return c;
				}),
			);
			if (field.unique) index(table, name, true);
			else if (field.index) index(table, name, false);
		}
	}

	for (const { table, fields } of input.toBeCreated) {
		let builder = db.schema.createTable(table).addColumn("id", idDataType(type, kind), (col) => {
			let c = col;
			if (kind === "uuid" && type === "postgres") c = c.defaultTo(sqlRaw("pg_catalog.gen_random_uuid()"));
			c = c.notNull().primaryKey();
			if (kind === "serial" && type === "mysql") c = c.autoIncrement();
			return c;
		});
		for (const [key, field] of Object.entries(fields)) {
			const name = column(field, key);
			builder = builder.addColumn(name, columnType(type, field, kind), (col) => {
				let c = col;
				if (field.type === "date" && field.defaultValue !== undefined) {
					const now = currentTimestampDefault(type);
					if (now) c = c.defaultTo(now);
				}
				if (field.required !== false) c = c.notNull();
				if (field.unique) c = c.unique();
				if (field.references) {
					const target = referenceTarget(field);
					c = c.references(`${target.table}.${target.column}`).onDelete(target.onDelete);
				}
				return c;
			});
			if (field.index && !field.unique) index(table, name, false);
		}
		creates.push(builder);
	}

	// Indexes a plugin (or a newer version) declares on columns that already exist.
	for (const table of Object.values(schema)) {
		const found = existing.get(table.modelName);
		if (!found || table.disableMigrations) continue;
		for (const [key, field] of Object.entries(table.fields)) {
			const name = column(field, key);
			if (field.index && found.columns.has(name) && !found.indexedColumns.has(name))
				index(table.modelName, name, false);
		}
	}
	return [...alters, ...creates, ...indexes];
}

function idDataType(type: KyselyDatabaseType, kind: IdKind) {
	if (kind === "serial" && type === "postgres") return sqlRaw("integer GENERATED BY DEFAULT AS IDENTITY");
	if (kind === "serial" && type === "mssql") return sqlRaw("integer identity(1,1)");
	return idColumnType(type, kind);
}

function sqlRaw(text: string) {
	return sql.raw(text);
}
