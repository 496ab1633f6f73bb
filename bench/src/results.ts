/** What a run produces: one row per measured scenario, the settings, and the context. */

import type { Schema, StatementCount } from "./drivers";
import type { Lib, Library, PluginSpec } from "./libs";
import type { Timing } from "./measure";

/** How much to measure. */
export interface BenchConfig {
	/** Scenarios of microseconds to milliseconds. */
	fast: Timing;
	/** Scenarios that hash a password. */
	slow: Timing;
	/** Fresh processes per side for the cold start. */
	coldStartRuns: number;
	/** tsc runs per side. */
	tscRuns: number;
	/**
	 * Runs the type-check (two tsc processes at once) alongside the other scenarios: much faster,
	 * but every number is then skewed. For the smoke test only.
	 */
	overlap: boolean;
	/** Fail instead of skipping the PostgreSQL rows when the server does not answer. */
	requirePostgres: boolean;
}

/** The full benchmark: about four minutes on a 2-core machine. */
export const FULL: BenchConfig = {
	fast: { rounds: 12, roundMs: 200, minOps: 5, warmupMs: 300 },
	slow: { rounds: 6, roundMs: 800, minOps: 2, warmupMs: 400 },
	coldStartRuns: 5,
	tscRuns: 3,
	overlap: false,
	requirePostgres: false,
};

/** Tiny counts: every scenario runs and is checked, the numbers mean little. */
export const QUICK: BenchConfig = {
	fast: { rounds: 2, roundMs: 15, minOps: 2, warmupMs: 5 },
	slow: { rounds: 1, roundMs: 5, minOps: 1, warmupMs: 0 },
	coldStartRuns: 1,
	tscRuns: 1,
	overlap: true,
	requirePostgres: false,
};

/** A number with its unit; for throughput also latency, statements and event-loop delay. */
export interface Measurement {
	value: number;
	p50Ms?: number;
	p99Ms?: number;
	/** ops/s of each round (JSON only), for a look at the spread. */
	rounds?: number[];
	/** SQL statements of one operation, counted at the driver. */
	sql?: StatementCount;
	/** Largest event-loop delay seen while the scenario ran, in milliseconds. */
	loopDelayMs?: number;
	/** Anything else worth reading (raw bytes, import time, ...). */
	detail?: string;
}

export type Unit = "ops/s" | "ms" | "KB" | "s" | "k";

/** One line of the table. */
export interface Row {
	/** Stable key for targets and the JSON file. */
	id: string;
	section: string;
	name: string;
	unit: Unit;
	/** Whether a larger value is better (throughput) or a smaller one (time, size). */
	better: "higher" | "lower";
	ours?: Measurement;
	reference?: Measurement;
	/** Platform floor rows have only this. */
	floor?: Measurement;
	/** ours ÷ reference: the median of per-round ratios for timed rows, else of the two values. */
	ratio?: number;
	/** ours ÷ a floor timed in the same rounds (median of per-round ratios). */
	floorRatio?: number;
	note?: string;
	/** Why the row could not be measured on purpose (not a failure), e.g. a client not built yet. */
	na?: string;
	/** A failed answer check or a crash: the row has no valid numbers. */
	error?: string;
	/** `pass` is undefined when the row has no numbers, or when `unjudged` says why it cannot be told. */
	target?: { text: string; pass: boolean | undefined; unjudged?: string };
}

/** Everything the scenarios share during a run. */
export interface Context {
	config: BenchConfig;
	libs: Record<Lib, Library>;
	/** Each side's PostgreSQL schema, when the server answers. */
	schemas: Record<Lib, Schema> | undefined;
	/** Server plugins both sides export, loaded in the plugin scenarios. */
	plugins: PluginSpec[];
	rows: Row[];
	log: (line: string) => void;
}

type RowHead = Pick<Row, "id" | "section" | "name" | "unit" | "better">;

/** Runs `body` and adds its row; an exception becomes the row's error and the run goes on. */
export async function addRow(ctx: Context, head: RowHead, body: () => Promise<Partial<Row>>): Promise<Row> {
	const started = Date.now();
	let row: Row;
	try {
		row = { ...head, ...(await body()) };
		if (row.ours && row.reference && row.ratio === undefined) row.ratio = row.ours.value / row.reference.value;
	} catch (error) {
		row = { ...head, error: error instanceof Error ? error.message : String(error) };
	}
	ctx.rows.push(row);
	const outcome = row.error ? `error: ${row.error}` : row.na ? `n/a: ${row.na}` : "done";
	ctx.log(`  ${head.name} — ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	return row;
}
