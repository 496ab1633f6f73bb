/**
 * Cold start: a fresh `node` process imports the library (its built dist), creates the instance on
 * a migrated SQLite file and answers its first get-session; median of a few runs, sides alternated.
 */

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { createCounter, scratchFile } from "../drivers";
import { LIBS, type Lib, MODULE } from "../libs";
import { median } from "../measure";
import { addRow, type Context } from "../results";
import { BASE_URL, baseOptions, onlyCookies, SECRET, SESSION_TOKEN, signUp } from "../sides";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("../cold-start/child.mjs", import.meta.url));
const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));

interface ChildReport {
	status: number;
	email?: string;
	started: number;
	imported: number;
	created: number;
	answered: number;
}

/** The environment of a normal production process (no test-runner markers, no loaders). */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ...extra };
	for (const name of Object.keys(env)) {
		if (name === "TEST" || name.startsWith("VITEST") || name === "NODE_OPTIONS") delete env[name];
	}
	return env;
}

/** A migrated SQLite file with one user; returns the file and that user's session cookie. */
async function prepareDatabase(ctx: Context, lib: Lib): Promise<{ file: string; cookie: string; email: string }> {
	const library = ctx.libs[lib];
	const file = scratchFile(`cold-${lib}.db`);
	const database = new Database(file);
	database.pragma("journal_mode = WAL");
	try {
		const options = { ...baseOptions(), database };
		await (await library.getMigrations(options)).runMigrations();
		const auth = library.betterAuth(options);
		const { email, cookie } = await signUp({ lib, auth, counter: createCounter(), close: () => {} });
		return { file, cookie: onlyCookies(cookie, [SESSION_TOKEN]), email };
	} finally {
		database.close();
	}
}

async function coldStart(lib: Lib, file: string, cookie: string, email: string): Promise<ChildReport> {
	const { stdout } = await run(process.execPath, [CHILD, MODULE[lib], file], {
		cwd: BENCH_DIR,
		env: childEnvironment({ BENCH_COOKIE: cookie, BENCH_BASE_URL: BASE_URL, BENCH_SECRET: SECRET }),
	});
	const report = JSON.parse(stdout.trim().split("\n").pop() ?? "") as ChildReport;
	if (report.status !== 200 || report.email !== email) {
		throw new Error(`${lib} cold start answered ${report.status} for ${report.email ?? "nobody"}, expected ${email}`);
	}
	return report;
}

async function nodeStart(): Promise<number> {
	const { stdout } = await run(process.execPath, ["-e", "process.stdout.write(String(performance.now()))"], {
		env: childEnvironment(),
	});
	return Number(stdout);
}

/** Scenarios of this file, in table order. */
export async function runColdStartScenarios(ctx: Context): Promise<void> {
	const runs = ctx.config.coldStartRuns;
	const reports: Record<Lib, ChildReport[]> = { ours: [], reference: [] };
	const total = await addRow(
		ctx,
		{
			id: "cold-start",
			section: "cold start",
			name: "fresh process: import, create, first get-session",
			unit: "ms",
			better: "lower",
		},
		async () => {
			const prepared = { ours: await prepareDatabase(ctx, "ours"), reference: await prepareDatabase(ctx, "reference") };
			for (let i = 0; i < runs; i++) {
				for (const lib of i % 2 === 0 ? LIBS : [...LIBS].reverse()) {
					const { file, cookie, email } = prepared[lib];
					reports[lib].push(await coldStart(lib, file, cookie, email));
				}
			}
			const side = (lib: Lib) => {
				const of = (pick: (report: ChildReport) => number) => median(reports[lib].map(pick)).toFixed(0);
				return {
					value: median(reports[lib].map((report) => report.answered)),
					detail: `import ${of((r) => r.imported - r.started)} ms, create ${of((r) => r.created - r.imported)} ms, first request ${of((r) => r.answered - r.created)} ms`,
				};
			};
			return { ours: side("ours"), reference: side("reference"), note: "the built dist; ms since process start" };
		},
	);
	await addRow(
		ctx,
		{ id: "cold-start-import", section: "cold start", name: "import alone", unit: "ms", better: "lower" },
		async () => {
			if (total.error) throw new Error("cold start failed");
			const imports = (lib: Lib) => ({ value: median(reports[lib].map((report) => report.imported - report.started)) });
			return { ours: imports("ours"), reference: imports("reference") };
		},
	);
	await addRow(
		ctx,
		{ id: "floor-node-start", section: "cold start", name: "node process start (floor)", unit: "ms", better: "lower" },
		async () => {
			const starts: number[] = [];
			for (let i = 0; i < runs; i++) starts.push(await nodeStart());
			return { floor: { value: median(starts) } };
		},
	);
}
