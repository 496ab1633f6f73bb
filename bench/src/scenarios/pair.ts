/** The shape of every in-process scenario: prepare both sides, check each answer once, time A/B. */

import type { StatementCount } from "../drivers";
import { LIBS, type Lib, type Library } from "../libs";
import { compare, type Operation, pairedRatio, type RoundHooks, type Timing } from "../measure";
import type { Measurement, Row } from "../results";
import type { Instance } from "../sides";

/** One side of a scenario, ready to time. */
export interface Prepared {
	/** The timed operation; it checks only the status (the full answer is `check`'s job, done once). */
	op: Operation;
	/** Runs the operation once and throws unless the answer is right. */
	check: () => Promise<void>;
	/** The instance whose statements one operation issues; omit to skip counting. */
	instance?: Instance;
	concurrency?: number;
	hooks?: RoundHooks;
	/** Extra figures read after timing (event-loop delay, ...). */
	finish?: () => Partial<Measurement>;
	/** Instances to close when the scenario ends. */
	instances?: Instance[];
}

/** A platform-floor operation timed in the same alternating rounds as the two sides. */
export interface FloorRun {
	op: Operation;
	concurrency?: number;
	hooks?: RoundHooks;
	finish?: () => Partial<Measurement>;
}

/**
 * Prepares both sides with `prepare`, checks, counts statements, times them (with `floor` as a
 * third contender when given) and returns the row body.
 */
export async function pair(
	libs: Record<Lib, Library>,
	timing: Timing,
	prepare: (library: Library) => Promise<Prepared>,
	floor?: FloorRun,
): Promise<Partial<Row>> {
	const prepared: Prepared[] = [];
	try {
		for (const lib of LIBS) prepared.push(await prepare(libs[lib]));
		const sql: (StatementCount | undefined)[] = [];
		for (const side of prepared) {
			await side.check();
			if (side.instance) {
				side.instance.counter.reset();
				await side.op();
				sql.push({ ...side.instance.counter.count });
			} else sql.push(undefined);
		}
		const runs = [...prepared, ...(floor ? [floor] : [])];
		const stats = await compare(
			runs.map((side) => ({ op: side.op, concurrency: side.concurrency, hooks: side.hooks })),
			timing,
		);
		const [ours, reference, floorResult] = runs.map(
			(side, i): Measurement => ({
				value: stats[i].opsPerSec,
				p50Ms: stats[i].p50Ms,
				p99Ms: stats[i].p99Ms,
				rounds: stats[i].rounds.map((value) => Math.round(value * 10) / 10),
				sql: sql[i],
				...side.finish?.(),
			}),
		);
		return {
			ours,
			reference,
			ratio: pairedRatio(stats[0], stats[1]),
			...(floorResult ? { floor: floorResult, floorRatio: pairedRatio(stats[0], stats[2]) } : {}),
		};
	} finally {
		for (const side of prepared) for (const instance of side.instances ?? []) instance.close();
	}
}
