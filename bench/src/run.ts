/** One benchmark run: every scenario in table order, then the targets. */

import { cpus, loadavg } from "node:os";
import { createSchema, postgresAvailable, removeScratch } from "./drivers";
import { type Lib, loadLibraries, sharedPlugins } from "./libs";
import type { BenchConfig, Context, Row } from "./results";
import { clientSupport, runBundleScenarios } from "./scenarios/bundle";
import { runColdStartScenarios } from "./scenarios/cold-start";
import { runFloorScenarios } from "./scenarios/floor";
import { runPasswordScenarios } from "./scenarios/passwords";
import { runRequestScenarios } from "./scenarios/requests";
import { runTypecheckScenarios } from "./scenarios/typecheck";
import { evaluateTargets } from "./targets";

/** What `pnpm bench` writes to bench/results/latest.json. */
export interface Results {
	startedAt: string;
	seconds: number;
	/** `load` is the 1-minute load average at the start and at the end: other work skews numbers. */
	machine: { node: string; platform: string; cpus: number; cpu: string; load: [number, number] };
	config: BenchConfig;
	/** True, or why the PostgreSQL rows were skipped. */
	postgres: true | string;
	plugins: string[];
	rows: Row[];
}

/** Runs the benchmark; `log` receives progress lines. */
export async function runBenchmark(config: BenchConfig, log: (line: string) => void = console.log): Promise<Results> {
	const started = Date.now();
	const load = loadavg()[0];
	const libs = await loadLibraries();
	const pg = await postgresAvailable();
	if (!pg.ok) {
		if (config.requirePostgres) throw new Error(`PostgreSQL is required but does not answer: ${pg.message}`);
		log(`notice: PostgreSQL does not answer (${pg.message}); its rows are skipped`);
	}
	const schemas: Record<Lib, Awaited<ReturnType<typeof createSchema>>> | undefined = pg.ok
		? { ours: await createSchema(), reference: await createSchema() }
		: undefined;
	const ctx: Context = { config, libs, schemas, plugins: sharedPlugins(libs), rows: [], log };
	const support = await clientSupport();
	// In overlap mode the type-check runs in child processes while the rest goes on.
	const typecheckRows: Row[] = [];
	const typecheck = config.overlap
		? runTypecheckScenarios({ ...ctx, rows: typecheckRows }, support).catch(() => {})
		: undefined;
	try {
		log("platform floor");
		await runFloorScenarios(ctx);
		log("in process");
		await runRequestScenarios(ctx);
		log("passwords");
		await runPasswordScenarios(ctx);
		log("cold start");
		await runColdStartScenarios(ctx);
		log("client bundle");
		await runBundleScenarios(ctx, support);
		log("type-check");
		if (typecheck) await typecheck;
		else await runTypecheckScenarios(ctx, support);
		ctx.rows.push(...typecheckRows);
	} finally {
		if (schemas) await Promise.all([schemas.ours.drop(), schemas.reference.drop()]);
		removeScratch();
	}
	evaluateTargets(ctx.rows);
	return {
		startedAt: new Date(started).toISOString(),
		seconds: (Date.now() - started) / 1000,
		machine: {
			node: process.version,
			platform: process.platform,
			cpus: cpus().length,
			cpu: cpus()[0]?.model ?? "",
			load: [load, loadavg()[0]],
		},
		config,
		postgres: pg.ok ? true : pg.message,
		plugins: ctx.plugins.map((spec) => spec.name),
		rows: ctx.rows,
	};
}
