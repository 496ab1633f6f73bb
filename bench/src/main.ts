/**
 * `pnpm bench`: this project against better-auth 1.7.24, printed as a Markdown table and written
 * to bench/results/latest.json. `--quick` runs every scenario with tiny counts.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { prepareEnvironment } from "./env";

prepareEnvironment();
// Imported after the environment is set: the libraries may read it when they load.
const { FULL, QUICK } = await import("./results");
const { runBenchmark } = await import("./run");
const { formatSummary, formatTable } = await import("./report");

const quick = process.argv.includes("--quick");
const config = { ...(quick ? QUICK : FULL), requirePostgres: process.env.CI === "true" };
console.log(`better-auth benchmark (${quick ? "quick" : "full"} run), this project vs better-auth 1.7.24\n`);
const results = await runBenchmark(config, (line) => console.log(line));
console.log(`\n${formatTable(results.rows)}\n`);
console.log(formatSummary(results.rows));
const { node, cpus, cpu, load } = results.machine;
console.log(
	`node ${node}, ${cpus} × ${cpu}, load average ${load[0].toFixed(1)} at start, ${load[1].toFixed(1)} at end`,
);
const dir = fileURLToPath(new URL("../results/", import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}latest.json`;
writeFileSync(file, `${JSON.stringify(results, null, "\t")}\n`);
console.log(`\n${results.seconds.toFixed(0)} s; results written to ${file}`);
// pg pools and timers are closed, but exit explicitly so a stray handle never hangs the script.
process.exit(results.rows.some((row) => row.error) ? 1 : 0);
