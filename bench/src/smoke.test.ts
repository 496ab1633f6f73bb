import { afterAll, beforeAll, expect, it } from "vitest";
import { postgresAvailable } from "./drivers";
import { prepareEnvironment } from "./env";
import type { Results } from "./run";

// The benchmark is not part of the test suite; this runs it once with tiny counts so that a change
// which breaks a scenario (or makes an answer check fail) is caught. The numbers are not looked at.

let restore: () => void;
beforeAll(() => {
	restore = prepareEnvironment();
});
afterAll(() => restore());

const ALWAYS = [
	"floor-hmac",
	"floor-request",
	"floor-select-sqlite",
	"floor-scrypt",
	"floor-scrypt-8",
	"get-ok",
	"not-found",
	"get-session-sqlite",
	"cookie-cache",
	"api-get-session",
	"get-session-plugins",
	"list-sessions-sqlite",
	"sign-in-sqlite",
	"sign-up-sqlite",
	"sign-up-8-sqlite",
	"get-session-during-sign-ups",
	"cold-start",
	"cold-start-import",
	"floor-node-start",
	"client-bundle",
	"client-bundle-plugins",
	"tsc-check-time",
	"tsc-instantiations",
];
const POSTGRES = [
	"floor-select-postgres",
	"get-session-postgres",
	"list-sessions-postgres",
	"sign-in-postgres",
	"sign-up-8-postgres",
];
/** Rows that may be n/a on purpose: this project's client is still being written. */
const MAY_BE_NA = new Set(["client-bundle", "client-bundle-plugins"]);

it("runs every scenario with tiny counts, each answer checked", async () => {
	const requirePostgres = process.env.CI === "true";
	const postgres = (await postgresAvailable()).ok;
	// Imported here, after the environment is prepared: the libraries may read it when they load.
	const { runBenchmark } = await import("./run");
	const { QUICK } = await import("./results");
	// BENCH_LOG=1 prints the progress lines (which scenario, how long).
	const results: Results = await runBenchmark(
		{ ...QUICK, requirePostgres },
		(line) => process.env.BENCH_LOG && console.log(line),
	);

	const ids = results.rows.map((row) => row.id);
	expect(ids).toEqual(expect.arrayContaining([...ALWAYS, ...(postgres || requirePostgres ? POSTGRES : [])]));
	for (const row of results.rows) {
		expect(row.error, row.id).toBeUndefined();
		if (row.na) {
			expect(MAY_BE_NA.has(row.id), `${row.id} is n/a: ${row.na}`).toBe(true);
			continue;
		}
		const values = row.floor ? [row.floor.value] : [row.ours?.value, row.reference?.value];
		for (const value of values) {
			expect(Number.isFinite(value) && (value ?? 0) > 0, `${row.id}: ${value}`).toBe(true);
		}
	}
});
