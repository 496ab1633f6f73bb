/**
 * Real database servers for the test suites. Each call makes a fresh database (or Redis key
 * prefix) with a random name so test files never collide, and returns a `cleanup` that drops it.
 *
 * When a server cannot be reached: with `CI=true` the call throws (the suite is mandatory);
 * elsewhere it prints a loud notice and returns `null`, and the suite skips itself.
 */
import { randomBytes } from "node:crypto";
import { createPool as createMysqlPool, type Pool as MysqlPool } from "mysql2/promise";
import pg from "pg";

export const PG_URL = process.env.PG_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const MYSQL_URL = process.env.MYSQL_TEST_URL ?? "mysql://root@127.0.0.1:3306/test";
export const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";

const mandatory = process.env.CI === "true" || process.env.CI === "1";

function uniqueName(label: string): string {
	const safe = label
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "_")
		.slice(0, 30);
	return `ba_${safe}_${randomBytes(4).toString("hex")}`;
}

function unavailable(server: string, url: string, error: unknown): null {
	const reason = error instanceof Error ? error.message : String(error);
	if (mandatory) {
		throw new Error(`${server} at ${url} is required when CI=true but is unreachable: ${reason}`);
	}
	console.warn(
		`\n**** ${server} at ${url} is unreachable (${reason}).\n` +
			`**** Its test suite is SKIPPED. Start ${server} (see .ci/run) to run it. ****\n`,
	);
	return null;
}

function withDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

export interface PostgresTestDatabase {
	name: string;
	url: string;
	pool: pg.Pool;
	cleanup: () => Promise<void>;
}

/** A fresh PostgreSQL database, or null (with a notice) when the server is unreachable outside CI. */
export async function postgresTestDatabase(label: string): Promise<PostgresTestDatabase | null> {
	const admin = new pg.Client({
		connectionString: PG_URL,
		connectionTimeoutMillis: 3000,
	});
	try {
		await admin.connect();
	} catch (error) {
		return unavailable("PostgreSQL", PG_URL, error);
	}
	const name = uniqueName(label);
	await admin.query(`CREATE DATABASE "${name}"`);
	await admin.end();
	const url = withDatabase(PG_URL, name);
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	// Idle clients killed by the DROP ... WITH (FORCE) below report an error; it is expected.
	pool.on("error", () => {});
	return {
		name,
		url,
		pool,
		cleanup: async () => {
			await pool.end().catch(() => {});
			await new Promise((resolve) => setTimeout(resolve, 20));
			const client = new pg.Client({ connectionString: PG_URL });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await client.end();
		},
	};
}

export interface MysqlTestDatabase {
	name: string;
	url: string;
	pool: MysqlPool;
	cleanup: () => Promise<void>;
}

/** A fresh MySQL/MariaDB database, or null (with a notice) when the server is unreachable outside CI. */
export async function mysqlTestDatabase(label: string): Promise<MysqlTestDatabase | null> {
	const admin = createMysqlPool({
		uri: MYSQL_URL,
		connectionLimit: 1,
		connectTimeout: 3000,
	});
	const name = uniqueName(label);
	try {
		await admin.query(`CREATE DATABASE \`${name}\``);
	} catch (error) {
		await admin.end().catch(() => {});
		return unavailable("MySQL", MYSQL_URL, error);
	}
	await admin.end();
	const url = withDatabase(MYSQL_URL, name);
	const pool = createMysqlPool({
		uri: url,
		connectionLimit: 10,
		timezone: "Z",
	});
	return {
		name,
		url,
		pool,
		cleanup: async () => {
			await pool.end().catch(() => {});
			const drop = createMysqlPool({ uri: MYSQL_URL, connectionLimit: 1 });
			await drop.query(`DROP DATABASE IF EXISTS \`${name}\``);
			await drop.end();
		},
	};
}

/** A unique Redis key prefix for one test file. */
export function redisTestPrefix(label: string): string {
	return `${uniqueName(label)}:`;
}

/** Whether a database suite must run (CI) rather than skip when its server is down. */
export const databaseSuitesMandatory = mandatory;
