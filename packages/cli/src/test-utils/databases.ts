/**
 * Real PostgreSQL and MySQL for the CLI's tests, each test getting a schema (PostgreSQL) or a
 * database (MySQL) of its own with a random name, dropped afterwards.
 *
 * When a server cannot be reached: with CI=true the suite fails (it is mandatory); elsewhere it
 * prints a loud notice and the suite skips.
 */
import { randomBytes } from "node:crypto";
import { createPool as createMysqlPool, type Pool as MysqlPool } from "mysql2/promise";
import pg from "pg";

const PG_URL = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_URL = process.env.MYSQL_TEST_URL ?? "mysql://root@127.0.0.1:3306/test";
const mandatory = process.env.CI === "true" || process.env.CI === "1";

export const uniqueName = (label: string) => `cli_${label}_${randomBytes(4).toString("hex")}`;

function unavailable(server: string, url: string, error: unknown): null {
	const reason = error instanceof Error ? error.message : String(error);
	if (mandatory) throw new Error(`${server} at ${url} is required when CI=true but is unreachable: ${reason}`);
	console.warn(
		`\n**** ${server} at ${url} is unreachable (${reason}).\n**** The CLI's ${server} tests are SKIPPED. Start ${server} (see .ci/run) to run them. ****\n`,
	);
	return null;
}

export interface TestDatabase<Pool> {
	pool: Pool;
	/** Drops the schema or database and closes the pool. */
	cleanup: () => Promise<void>;
}

/** Whether PostgreSQL answers (throws under CI when it does not). */
export async function postgresAvailable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch (error) {
		return unavailable("PostgreSQL", PG_URL, error) ?? false;
	}
}

/** Whether MySQL answers (throws under CI when it does not). */
export async function mysqlAvailable(): Promise<boolean> {
	const pool = createMysqlPool({ uri: MYSQL_URL, connectionLimit: 1, connectTimeout: 3000 });
	try {
		await pool.query("select 1");
		return true;
	} catch (error) {
		return unavailable("MySQL", MYSQL_URL, error) ?? false;
	} finally {
		await pool.end().catch(() => {});
	}
}

/** A pool whose search_path is a new, empty schema of the test database. */
export async function postgresSchema(label: string): Promise<TestDatabase<pg.Pool>> {
	const schema = uniqueName(label);
	const admin = new pg.Client({ connectionString: PG_URL });
	await admin.connect();
	await admin.query(`create schema "${schema}"`);
	await admin.end();
	const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 5 });
	pool.on("error", () => {});
	return {
		pool,
		cleanup: async () => {
			await pool.end().catch(() => {});
			const client = new pg.Client({ connectionString: PG_URL });
			await client.connect();
			await client.query(`drop schema if exists "${schema}" cascade`);
			await client.end();
		},
	};
}

/** A pool on a new, empty MySQL database. */
export async function mysqlDatabase(label: string): Promise<TestDatabase<MysqlPool>> {
	const name = uniqueName(label);
	const admin = createMysqlPool({ uri: MYSQL_URL, connectionLimit: 1 });
	await admin.query(`create database \`${name}\``);
	await admin.end();
	const url = new URL(MYSQL_URL);
	url.pathname = `/${name}`;
	const pool = createMysqlPool({ uri: url.toString(), connectionLimit: 5, timezone: "Z" });
	return {
		pool,
		cleanup: async () => {
			await pool.end().catch(() => {});
			const drop = createMysqlPool({ uri: MYSQL_URL, connectionLimit: 1 });
			await drop.query(`drop database if exists \`${name}\``);
			await drop.end();
		},
	};
}
