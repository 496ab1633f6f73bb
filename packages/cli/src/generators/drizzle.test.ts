import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import {
	generateDrizzleJson,
	generateMigration,
	generateMySQLDrizzleJson,
	generateMySQLMigration,
	generateSQLiteDrizzleJson,
	generateSQLiteMigration,
} from "drizzle-kit/api";
import { createJiti } from "jiti";
import { afterAll, describe, expect, it } from "vitest";
import { generatorSchema } from "../schema/tables";
import { mysqlAvailable, mysqlDatabase, postgresAvailable, postgresSchema } from "../test-utils/databases";
import { CASES, fakeAdapter, treePlugin } from "../test-utils/fixtures";
import { tempDir } from "../test-utils/temp-dir";
import { generateSchema } from ".";
import { type DrizzleProvider, generateDrizzleSchema } from "./drizzle";

const hasPostgres = await postgresAvailable();
const hasMysql = await mysqlAvailable();
const temp = tempDir("drizzle");
afterAll(() => temp.remove());

async function drizzleSchema(name: string, provider: DrizzleProvider) {
	const file = await generateSchema({
		options: { ...CASES[name], database: fakeAdapter("drizzle", provider) },
		cwd: temp.dir,
	});
	expect(file.path).toBe(join(temp.dir, "schema.ts"));
	return file.code as string;
}

/** Loads a generated schema file as a module, the way drizzle-kit reads `schema` from its config. */
async function load(code: string, label: string): Promise<Record<string, unknown>> {
	const path = join(temp.dir, `${label}.ts`);
	writeFileSync(path, code);
	return (await createJiti(path, { moduleCache: false, fsCache: false }).import(path)) as Record<string, unknown>;
}

/** drizzle-kit's SQL for the schema over an empty database (what `drizzle-kit generate` writes first). */
async function drizzleKitSql(provider: DrizzleProvider, module: Record<string, unknown>): Promise<string[]> {
	if (provider === "sqlite")
		return generateSQLiteMigration(await generateSQLiteDrizzleJson({}), await generateSQLiteDrizzleJson(module));
	if (provider === "mysql")
		return generateMySQLMigration(await generateMySQLDrizzleJson({}), await generateMySQLDrizzleJson(module));
	return generateMigration(generateDrizzleJson({}), generateDrizzleJson(module));
}

describe("generate: a Drizzle schema for the Drizzle adapter", () => {
	for (const name of Object.keys(CASES)) {
		for (const provider of ["pg", "mysql", "sqlite"] as const) {
			it(`${provider}: ${name}`, async () => {
				const code = await drizzleSchema(name, provider);
				await expect(code).toMatchFileSnapshot(`./__snapshots__/drizzle/${name}.${provider}.ts`);
			});
		}
	}
});

describe("a table referencing itself", () => {
	for (const provider of ["pg", "mysql", "sqlite"] as const) {
		it(`${provider}: types the self reference and names both relation sides`, async () => {
			const code = generateDrizzleSchema(generatorSchema({ plugins: [treePlugin] }), provider);
			expect(code).toMatch(/references\(\(\): Any\w+Column => category\.id, \{ onDelete: "cascade" \}\)/);
			expect(code).toContain(
				'parent: one(category, { fields: [category.parentId], references: [category.id], relationName: "category_parentId" })',
			);
			expect(code).toContain('categoriesParent: many(category, { relationName: "category_parentId" })');
			const statements = await drizzleKitSql(provider, await load(code, `tree-${provider}`));
			expect(statements.join("\n")).toMatch(/category/);
		});
	}
});

describe("drizzle-kit turns the generated schema into SQL a real database accepts", () => {
	for (const name of Object.keys(CASES)) {
		it(`SQLite: ${name}`, async () => {
			const module = await load(await drizzleSchema(name, "sqlite"), `${name}-sqlite`);
			const statements = await drizzleKitSql("sqlite", module);
			expect(statements.some((statement) => statement.startsWith("CREATE TABLE"))).toBe(true);
			const database = new Database(":memory:");
			for (const statement of statements) database.exec(statement);
			const tables = database.prepare("select name from sqlite_master where type = 'table'").all();
			expect(tables.length).toBeGreaterThanOrEqual(4);
		});

		it.skipIf(!hasPostgres)(`PostgreSQL: ${name}`, async () => {
			const module = await load(await drizzleSchema(name, "pg"), `${name}-pg`);
			const statements = await drizzleKitSql("pg", module);
			const { pool, cleanup } = await postgresSchema("drizzle");
			try {
				// drizzle-kit qualifies references with "public"; the test runs in a schema of its own.
				for (const statement of statements) await pool.query(statement.replaceAll('"public".', ""));
				const { rows } = await pool.query(
					"select count(*)::int as n from information_schema.tables where table_schema = current_schema()",
				);
				expect(rows[0].n).toBeGreaterThanOrEqual(4);
			} finally {
				await cleanup();
			}
		});

		it.skipIf(!hasMysql)(`MySQL: ${name}`, async () => {
			const module = await load(await drizzleSchema(name, "mysql"), `${name}-mysql`);
			const statements = await drizzleKitSql("mysql", module);
			const { pool, cleanup } = await mysqlDatabase("drizzle");
			try {
				for (const statement of statements) await pool.query(statement);
				const [rows] = await pool.query(
					"select count(*) as n from information_schema.tables where table_schema = database()",
				);
				expect(Number((rows as { n: number }[])[0].n)).toBeGreaterThanOrEqual(4);
			} finally {
				await cleanup();
			}
		});
	}
});
