/**
 * Timing: rounds of a fixed duration, the two libraries alternated A B B A A B ... so that the
 * machine's drift (thermal, GC pressure, background load) falls on both sides alike; the result
 * of a side is the median of its rounds' throughputs, with p50/p99 latency over all its samples.
 * Each round starts after a full garbage collection.
 */

import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Both sides share one heap: without a collection between rounds, garbage one side made would be
// collected (and its pauses counted) during the other side's round.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** How long and how often to measure one scenario. */
export interface Timing {
	/** Rounds per side. */
	rounds: number;
	/** Duration of one round in milliseconds. */
	roundMs: number;
	/** Minimum operations per round, even when they take longer than `roundMs`. */
	minOps: number;
	/** Untimed run before the first round of each side, in milliseconds. */
	warmupMs: number;
}

/** The throughput and latency of one side in one scenario. */
export interface Stats {
	/** Median over rounds of operations per second. */
	opsPerSec: number;
	/** Median latency of one operation, in milliseconds. */
	p50Ms: number;
	/** 99th percentile latency of one operation, in milliseconds. */
	p99Ms: number;
	/** Operations timed over all rounds. */
	samples: number;
	/** ops/s of each round, in order: round i of every side ran back to back. */
	rounds: number[];
}

/** One operation; it throws when its answer is wrong (callers check answers once, before timing). */
export type Operation = () => unknown | Promise<unknown>;

/** Hooks around each round of one side (start background load, enable a histogram, ...). */
export interface RoundHooks {
	before?: () => void | Promise<void>;
	after?: () => void | Promise<void>;
}

interface Contender {
	op: Operation;
	concurrency: number;
	hooks: RoundHooks;
	rounds: number[];
	latencies: number[];
}

/** Runs `op` with `concurrency` workers for `roundMs` (at least `minOps` operations). */
async function runRound(contender: Contender, roundMs: number, minOps: number): Promise<void> {
	collectGarbage();
	await contender.hooks.before?.();
	let done = 0;
	const start = performance.now();
	const deadline = start + roundMs;
	const latencies = contender.latencies;
	const worker = async () => {
		while (performance.now() < deadline || done < minOps) {
			const t = performance.now();
			await contender.op();
			latencies.push(performance.now() - t);
			done++;
		}
	};
	const workers: Promise<void>[] = [];
	for (let i = 0; i < contender.concurrency; i++) workers.push(worker());
	await Promise.all(workers);
	const elapsed = performance.now() - start;
	await contender.hooks.after?.();
	contender.rounds.push((done * 1000) / elapsed);
}

async function warm(op: Operation, concurrency: number, ms: number): Promise<void> {
	if (ms <= 0) return;
	const deadline = performance.now() + ms;
	let done = 0;
	const worker = async () => {
		while (performance.now() < deadline || done < concurrency) {
			await op();
			done++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Median of a list of numbers (NaN when empty). */
export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = Float64Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function stats(contender: Contender): Stats {
	return {
		opsPerSec: median(contender.rounds),
		p50Ms: percentile(contender.latencies, 50),
		p99Ms: percentile(contender.latencies, 99),
		samples: contender.latencies.length,
		rounds: contender.rounds,
	};
}

/** Per-side settings of {@link compare}. */
export interface SideRun {
	op: Operation;
	/** Operations kept in flight at once. @default 1 */
	concurrency?: number;
	hooks?: RoundHooks;
}

/**
 * Measures several sides in alternating order (A B C, C B A, A B C, ...) and returns the stats of
 * each, in the order given.
 */
export async function compare(sides: readonly SideRun[], timing: Timing): Promise<Stats[]> {
	const contenders = sides.map(
		(side): Contender => ({
			op: side.op,
			concurrency: side.concurrency ?? 1,
			hooks: side.hooks ?? {},
			rounds: [],
			latencies: [],
		}),
	);
	for (const contender of contenders) await warm(contender.op, contender.concurrency, timing.warmupMs);
	const reversed = [...contenders].reverse();
	for (let round = 0; round < timing.rounds; round++) {
		for (const contender of round % 2 === 0 ? contenders : reversed) {
			await runRound(contender, timing.roundMs, timing.minOps);
		}
	}
	return contenders.map(stats);
}

/**
 * The median over rounds of a[i] ÷ b[i]: rounds i of two sides ran back to back, so a burst of
 * load on the machine falls on both halves of a pair and cancels in its ratio.
 */
export function pairedRatio(a: Stats, b: Stats): number {
	return median(a.rounds.map((value, i) => value / b.rounds[i]));
}

/** Measures one operation alone (the platform floor), in the same rounds as {@link compare}. */
export async function measure(side: SideRun, timing: Timing): Promise<Stats> {
	const [result] = await compare([side], timing);
	return result;
}
