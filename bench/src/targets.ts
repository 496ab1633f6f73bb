/** The speed targets of issue 8 (this project ÷ better-auth 1.7.24), checked against a run's rows. */

import type { Row } from "./results";

/** true, false, undefined (not measured), or why it could not be judged. */
type Verdict = boolean | undefined | { unjudged: string };

interface Target {
	id: string;
	text: string;
	pass: (row: Row, rows: Map<string, Row>) => Verdict;
}

const statements = (row: Row) => {
	const sql = row.ours?.sql;
	return sql ? sql.reads + sql.writes + sql.other : undefined;
};

const ratioAtLeast = (min: number) => (row: Row) => (row.ratio === undefined ? undefined : row.ratio >= min);
const ratioAtMost = (max: number) => (row: Row) => (row.ratio === undefined ? undefined : row.ratio <= max);

/** One database statement, no write (updateAge has not passed). */
const oneRead = (row: Row) => statements(row) === 1 && row.ours?.sql?.writes === 0;

/**
 * Within 10% of the scrypt floor of the same run, and the event loop never held 20 ms or more.
 * node:crypto scrypt alone never blocks the loop, so when the floor's own largest delay reaches
 * 20 ms the machine (other processes) held the loop, and the delay half cannot be judged.
 */
const nearScrypt = (floorId: string) => (row: Row, rows: Map<string, Row>) => {
	// The floor timed in the same rounds as the row when there is one, else the floor row.
	const floor = row.floor ?? rows.get(floorId)?.floor;
	if (floor === undefined || !row.ours) return undefined;
	if ((row.floorRatio ?? row.ours.value / floor.value) < 0.9) return false;
	const delay = row.ours.loopDelayMs ?? Number.POSITIVE_INFINITY;
	if (delay < 20) return true;
	const noise = floor.loopDelayMs ?? 0;
	if (noise >= 20) {
		return {
			unjudged: `throughput met; loop delay ${delay.toFixed(1)} ms not judged: scrypt alone saw ${noise.toFixed(1)} ms`,
		};
	}
	return false;
};

const TARGETS: Target[] = [
	{ id: "get-ok", text: "≥ 4×", pass: ratioAtLeast(4) },
	{
		id: "get-session-sqlite",
		text: "≥ 3×, 1 statement, no write",
		pass: (row) => (row.ratio === undefined ? undefined : row.ratio >= 3 && oneRead(row)),
	},
	{
		id: "get-session-postgres",
		text: "≥ 2×, 1 statement, no write",
		pass: (row) => (row.ratio === undefined ? undefined : row.ratio >= 2 && oneRead(row)),
	},
	{ id: "cookie-cache", text: "≥ 5×, no statement", pass: (row) => ratioAtLeast(5)(row) && statements(row) === 0 },
	{ id: "sign-in-sqlite", text: "≥ 0.9 × scrypt floor, loop delay < 20 ms", pass: nearScrypt("floor-scrypt") },
	{ id: "sign-in-postgres", text: "≥ 0.9 × scrypt floor, loop delay < 20 ms", pass: nearScrypt("floor-scrypt") },
	{ id: "sign-up-sqlite", text: "≥ 0.9 × scrypt floor, loop delay < 20 ms", pass: nearScrypt("floor-scrypt") },
	{ id: "sign-up-8-sqlite", text: "≥ 0.9 × scrypt floor ×8, loop delay < 20 ms", pass: nearScrypt("floor-scrypt-8") },
	{ id: "sign-up-8-postgres", text: "≥ 0.9 × scrypt floor ×8, loop delay < 20 ms", pass: nearScrypt("floor-scrypt-8") },
	{ id: "get-session-during-sign-ups", text: "≥ 50×", pass: ratioAtLeast(50) },
	{ id: "cold-start", text: "≤ 0.5×", pass: ratioAtMost(0.5) },
	{ id: "client-bundle", text: "≤ 0.7×", pass: ratioAtMost(0.7) },
	{ id: "client-bundle-plugins", text: "≤ 0.7×", pass: ratioAtMost(0.7) },
	{ id: "tsc-check-time", text: "≤ 0.5×", pass: ratioAtMost(0.5) },
	{ id: "tsc-instantiations", text: "≤ 0.5×", pass: ratioAtMost(0.5) },
];

/** Sets `row.target` on every row that has one; a row without numbers gets `pass: undefined`. */
export function evaluateTargets(rows: Row[]): void {
	const byId = new Map(rows.map((row) => [row.id, row]));
	for (const target of TARGETS) {
		const row = byId.get(target.id);
		if (!row) continue;
		const verdict = row.error ? undefined : target.pass(row, byId);
		row.target =
			typeof verdict === "object"
				? { text: target.text, pass: undefined, unjudged: verdict.unjudged }
				: { text: target.text, pass: verdict };
	}
}
