/**
 * Database handles that count the SQL statements they execute, from the outside: both libraries
 * get an ordinary better-sqlite3 Database or pg Pool, only its execute calls are wrapped.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/** Statements executed since the last reset, split by kind. */
export interface StatementCount {
	reads: number;
	writes: number;
	/** Transaction control, pragmas and anything else. */
	other: number;
}

/** Counts statements as the driver executes them. */
export interface Counter {
	count: StatementCount;
	reset(): void;
	/** Records one executed statement. */
	hit(sql: string): void;
}

export function createCounter(): Counter {
	const counter: Counter = {
		count: { reads: 0, writes: 0, other: 0 },
		reset() {
			counter.count = { reads: 0, writes: 0, other: 0 };
		},
		hit(sql) {
			const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
			if (verb === "select" || verb === "with") counter.count.reads++;
			else if (verb === "insert" || verb === "update" || verb === "delete") counter.count.writes++;
			else counter.count.other++;
		},
	};
	return counter;
}

let scratch: string | undefined;
let files = 0;

/** A fresh file path in the benchmark's scratch directory (created on first use). */
export function scratchFile(name: string): string {
	scratch ??= mkdtempSync(join(tmpdir(), "better-auth-bench-"));
	return join(scratch, `${files++}-${name}`);
}

/** Removes every file the benchmark wrote to its scratch directory. */
export function removeScratch(): void {
	if (scratch) rmSync(scratch, { recursive: true, force: true });
	scratch = undefined;
}

type Executor = "run" | "get" | "all" | "iterate";
const EXECUTORS: Executor[] = ["run", "get", "all", "iterate"];

/** A better-sqlite3 database on a new file in WAL mode whose statements are counted. */
export function countingSqlite(name: string, counter: Counter): Database.Database {
	const db = new Database(scratchFile(`${name}.db`));
	db.pragma("journal_mode = WAL");
	const prepare = db.prepare.bind(db);
	const exec = db.exec.bind(db);
	db.exec = (sql: string) => {
		counter.hit(sql);
		return exec(sql);
	};
	// Statements may be prepared once and cached by the library, so count executions, not prepares.
	db.prepare = ((sql: string) => {
		const statement = prepare(sql);
		for (const key of EXECUTORS) {
			const original = statement[key] as (...args: unknown[]) => unknown;
			Object.defineProperty(statement, key, {
				value(...args: unknown[]) {
					counter.hit(sql);
					return original.apply(statement, args);
				},
			});
		}
		return statement;
	}) as typeof db.prepare;
	return db;
}

/** Connection settings of the benchmark's PostgreSQL server. */
export const PG_CONNECTION = {
	host: process.env.PGHOST ?? "127.0.0.1",
	port: Number(process.env.PGPORT ?? 5432),
	user: process.env.PGUSER ?? "postgres",
	password: process.env.PGPASSWORD,
	database: process.env.PGDATABASE ?? "test",
};

/** Whether PostgreSQL answers; the message says why not. */
export async function postgresAvailable(): Promise<{ ok: true } | { ok: false; message: string }> {
	const client = new pg.Client({ ...PG_CONNECTION, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.query("select 1");
		return { ok: true };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	} finally {
		await client.end().catch(() => {});
	}
}

/** A dedicated schema, created now, dropped by `drop()`. */
export interface Schema {
	name: string;
	/** A pool whose connections use the schema and whose statements are counted. */
	pool(counter: Counter): pg.Pool;
	drop(): Promise<void>;
}

export async function createSchema(): Promise<Schema> {
	const name = `bench_${Math.random().toString(36).slice(2, 10)}`;
	const admin = new pg.Client(PG_CONNECTION);
	await admin.connect();
	await admin.query(`create schema "${name}"`);
	await admin.end();
	const pools: pg.Pool[] = [];
	return {
		name,
		pool(counter) {
			// Every statement of a pool goes through Client#query (Pool#query borrows a client).
			class CountingClient extends pg.Client {
				// biome-ignore lint/suspicious/noExplicitAny: pg's overloads cannot be forwarded one by one.
				override query(...args: any[]): any {
					const first = args[0];
					counter.hit(typeof first === "string" ? first : (first?.text ?? ""));
					// biome-ignore lint/suspicious/noExplicitAny: see above.
					return (super.query as any)(...args);
				}
			}
			const pool = new pg.Pool({
				...PG_CONNECTION,
				max: 10,
				options: `-c search_path=${name}`,
				Client: CountingClient,
			});
			pools.push(pool);
			return pool;
		},
		async drop() {
			await Promise.all(pools.map((pool) => pool.end().catch(() => {})));
			const client = new pg.Client(PG_CONNECTION);
			await client.connect();
			await client.query(`drop schema if exists "${name}" cascade`);
			await client.end();
		},
	};
}
