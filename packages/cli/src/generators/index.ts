/**
 * Picks the generator for the configured database and produces the file to write:
 * SQL for the built-in Kysely adapter, schema.prisma for Prisma, a schema file for Drizzle,
 * or whatever a custom adapter's `createSchema` returns.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { BetterAuthOptions } from "@better-auth/core";
import { generatorSchema } from "../schema/tables";
import { type AdapterHint, type DatabaseTarget, describeDatabase, detectDatabase } from "../utils/database";
import { CliError } from "../utils/errors";
import { offlineDatabase } from "../utils/offline-kysely";
import { dependenciesOf, majorOf, readPackageJson } from "../utils/project";
import { DRIZZLE_PROVIDERS, type DrizzleProvider, GENERATED_MARK, generateDrizzleSchema } from "./drizzle";
import { generatePrismaSchema, PRISMA_PROVIDERS, type PrismaProvider } from "./prisma";
import { mergePrismaSchema } from "./prisma-merge";
import { generateSql } from "./sql";

export interface SchemaFile {
	/** Absolute path of the file. */
	path: string;
	/** The file's new content; null when there is nothing to write. */
	code: string | null;
	/** `create`: a new file; `overwrite`: replaces a file; `merge`: the file's content plus what was missing; `append`. */
	mode: "create" | "overwrite" | "merge" | "append";
	/** What the database or the schema needs, for the summary. */
	summary: string[];
	/** What to run next. */
	next?: string;
	/** What the schema is for, e.g. "PostgreSQL (built-in Kysely adapter)". */
	target: string;
	/** Whether an existing file at `path` was written by this CLI (so replacing it loses nothing of the user's). */
	generatedBefore?: boolean;
}

export interface GenerateInput {
	options: BetterAuthOptions;
	/** Project root: relative paths are resolved against it. */
	cwd: string;
	output?: string;
	hint?: AdapterHint;
}

const PRISMA_ALIASES: Record<string, PrismaProvider> = { postgres: "postgresql", pg: "postgresql", mssql: "sqlserver" };
const DRIZZLE_ALIASES: Record<string, DrizzleProvider> = {
	postgres: "pg",
	postgresql: "pg",
	mysql2: "mysql",
	"better-sqlite3": "sqlite",
	libsql: "sqlite",
	turso: "sqlite",
	d1: "sqlite",
};

function outputPath(cwd: string, output: string | undefined, fallback: string): string {
	const path = output ?? fallback;
	return isAbsolute(path) ? path : resolve(cwd, path);
}

function prismaProvider(provider: string | undefined): PrismaProvider {
	const value = provider && (PRISMA_ALIASES[provider] ?? provider);
	if (value && (PRISMA_PROVIDERS as readonly string[]).includes(value)) return value as PrismaProvider;
	throw new CliError(
		`Unknown Prisma provider ${JSON.stringify(provider)}. Set \`provider\` in prismaAdapter(prisma, { provider }) ` +
			`or pass --provider, one of: ${PRISMA_PROVIDERS.join(", ")}.`,
	);
}

function drizzleProvider(provider: string | undefined): DrizzleProvider {
	const value = provider && (DRIZZLE_ALIASES[provider] ?? provider);
	if (value && (DRIZZLE_PROVIDERS as readonly string[]).includes(value)) return value as DrizzleProvider;
	throw new CliError(
		`Unknown Drizzle provider ${JSON.stringify(provider)}. Set \`provider\` in drizzleAdapter(db, { provider }) ` +
			`or pass --provider, one of: ${DRIZZLE_PROVIDERS.join(", ")}.`,
	);
}

async function sqlFile(input: GenerateInput, target: DatabaseTarget, options: BetterAuthOptions): Promise<SchemaFile> {
	const path = outputPath(input.cwd, input.output, "schema.sql");
	const sql = await generateSql(options);
	const exists = existsSync(path);
	if (!sql.code) {
		return {
			path,
			code: null,
			mode: "create",
			target: describeDatabase(target),
			summary: ["The database already has every table, column and index your config needs."],
		};
	}
	return {
		path,
		code: sql.code,
		mode: exists ? "overwrite" : "create",
		target: describeDatabase(target),
		summary: [
			...sql.tables.map((table) => `create table ${table}`),
			...sql.columns.map((column) => `add column ${column}`),
			...(sql.tables.length === 0 && sql.columns.length === 0 ? ["create missing indexes"] : []),
		],
		next: "Apply it with your database's client, or run `npx @better-auth/cli migrate` to let the CLI apply it.",
	};
}

function prismaFile(input: GenerateInput, target: DatabaseTarget & { kind: "adapter" }): SchemaFile {
	const provider = prismaProvider(target.provider);
	const path = outputPath(input.cwd, input.output, "prisma/schema.prisma");
	const schema = generatorSchema(input.options);
	const base = { path, target: describeDatabase({ ...target, provider }) };
	const next = "Then run `npx prisma migrate dev` (or `npx prisma db push`) and `npx prisma generate`.";
	if (existsSync(path)) {
		const merged = mergePrismaSchema(readFileSync(path, "utf8"), schema, provider);
		if (merged.models.length === 0 && merged.fields.length === 0) {
			return { ...base, code: null, mode: "merge", summary: [`${path} already has every model and field.`] };
		}
		return {
			...base,
			code: merged.code,
			mode: "merge",
			next,
			summary: [...merged.models.map((model) => `add model ${model}`), ...merged.fields.map((field) => `add ${field}`)],
		};
	}
	const deps = dependenciesOf(readPackageJson(input.cwd));
	const major = majorOf(deps.prisma ?? deps["@prisma/client"]);
	return {
		...base,
		code: generatePrismaSchema(schema, provider, major),
		mode: "create",
		next,
		summary: schema.tables.map((table) => `add model for table ${table.table}`),
	};
}

function drizzleFile(input: GenerateInput, target: DatabaseTarget & { kind: "adapter" }): SchemaFile {
	const provider = drizzleProvider(target.provider);
	const path = outputPath(input.cwd, input.output, "schema.ts");
	const schema = generatorSchema(input.options);
	const code = generateDrizzleSchema(schema, provider);
	const base = { path, target: describeDatabase({ ...target, provider }) };
	if (existsSync(path)) {
		const current = readFileSync(path, "utf8");
		if (current === code) return { ...base, code: null, mode: "overwrite", summary: [`${path} is up to date.`] };
		return {
			...base,
			code,
			mode: "overwrite",
			generatedBefore: current.includes(GENERATED_MARK),
			summary: schema.tables.map((table) => `table ${table.table}`),
			next: "Then run `npx drizzle-kit generate` and `npx drizzle-kit migrate` (or `npx drizzle-kit push`).",
		};
	}
	return {
		...base,
		code,
		mode: "create",
		summary: schema.tables.map((table) => `table ${table.table}`),
		next: "Then run `npx drizzle-kit generate` and `npx drizzle-kit migrate` (or `npx drizzle-kit push`).",
	};
}

/** Produces the schema file for a config. Reads the database for SQL; writes nothing. */
export async function generateSchema(input: GenerateInput): Promise<SchemaFile> {
	const target = detectDatabase(input.options, input.hint);
	if (target.kind === "none") {
		throw new CliError(
			"Your config has no `database`, so Better Auth keeps everything in memory and there is no schema to " +
				"generate. Set `database` (a better-sqlite3 Database, a pg Pool, a mysql2 pool, or an adapter such as " +
				"prismaAdapter / drizzleAdapter) in your auth config.",
		);
	}
	if (target.kind === "kysely") return sqlFile(input, target, input.options);

	switch (target.id) {
		case "prisma":
			return prismaFile(input, target);
		case "drizzle":
			return drizzleFile(input, target);
		case "kysely": {
			// kyselyAdapter(db) hides its connection: write the complete schema for its dialect.
			const type = (target.adapter?.options as { type?: string } | undefined)?.type;
			if (type !== "sqlite" && type !== "postgres" && type !== "mysql" && type !== "mssql") {
				throw new CliError("Cannot tell the SQL dialect of this kyselyAdapter: pass `{ type }` to it.");
			}
			const file = await sqlFile(input, target, { ...input.options, database: offlineDatabase(type) });
			file.summary.push("(the complete schema: the CLI cannot see which tables the database behind kyselyAdapter has)");
			return file;
		}
		case "mongodb":
			return {
				path: outputPath(input.cwd, input.output, "schema"),
				code: null,
				mode: "create",
				target: describeDatabase(target),
				summary: ["MongoDB needs no schema: Better Auth creates its collections as it writes to them."],
			};
		case "memory":
			throw new CliError(
				"The memory adapter keeps data in a JavaScript object: there is no schema to generate. Use a database " +
					"(SQLite, PostgreSQL, MySQL) or an ORM adapter to persist data.",
			);
	}

	const createSchema = target.adapter?.createSchema;
	if (createSchema) {
		const made = await createSchema(input.options, input.output);
		const path = outputPath(input.cwd, input.output, made.path);
		const exists = existsSync(path);
		return {
			path,
			code: made.code || null,
			mode: made.append && exists ? "append" : exists ? "overwrite" : "create",
			target: describeDatabase(target),
			summary: [`schema from the ${target.id} adapter`],
		};
	}
	throw new CliError(
		`The "${target.id}" adapter does not generate a schema (it has no createSchema). If it wraps Prisma or ` +
			"Drizzle, pass --adapter prisma|drizzle with --provider; otherwise create the tables with its own tooling.",
	);
}
