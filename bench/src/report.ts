/** The table (Markdown, so it can be pasted into docs/benchmark.md as printed) and the JSON file. */

import type { StatementCount } from "./drivers";
import type { Measurement, Row, Unit } from "./results";

function group(value: number, decimals: number): string {
	return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function formatValue(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) return "—";
	switch (unit) {
		case "ops/s":
			return `${group(value, value >= 100 ? 0 : 1)} ops/s`;
		case "ms":
			return `${group(value, value >= 100 ? 0 : 1)} ms`;
		case "KB":
			return `${group(value, 1)} KB`;
		case "s":
			return `${group(value, 2)} s`;
		case "k":
			return `${group(value, 1)}k`;
	}
}

function formatMs(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return "";
	return value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function latency(measurement: Measurement | undefined): string {
	if (measurement?.p50Ms === undefined) return "";
	return `${formatMs(measurement.p50Ms)} / ${formatMs(measurement.p99Ms)}`;
}

function formatSql(sql: StatementCount | undefined): string {
	if (!sql) return "—";
	const total = sql.reads + sql.writes + sql.other;
	return sql.writes ? `${total} (${sql.writes} w)` : String(total);
}

function ratio(row: Row): string {
	if (row.ratio === undefined || !Number.isFinite(row.ratio)) return "";
	// Three significant digits below 1, so that 0.704× is not shown as a passing 0.70×.
	return `${row.ratio >= 10 ? row.ratio.toFixed(1) : row.ratio >= 1 ? row.ratio.toFixed(2) : row.ratio.toFixed(3)}×`;
}

function cells(row: Row): string[] {
	const name = row.name;
	if (row.error) return [name, `error: ${row.error}`, "", "", "", "", "", "", row.target?.text ?? "", "✗"];
	const first = row.ours ?? row.floor;
	const sqlUsed = row.ours?.sql || row.reference?.sql;
	const delayUsed = row.ours?.loopDelayMs !== undefined;
	const pass = row.target
		? row.target.unjudged
			? "?"
			: row.target.pass === undefined
				? "n/a"
				: row.target.pass
					? "✓"
					: "✗"
		: "";
	return [
		name,
		first ? formatValue(first.value, row.unit) : (row.na ?? "n/a"),
		latency(first),
		row.reference ? formatValue(row.reference.value, row.unit) : "",
		latency(row.reference),
		ratio(row),
		sqlUsed ? `${formatSql(row.ours?.sql)} / ${formatSql(row.reference?.sql)}` : "",
		delayUsed ? `${formatMs(row.ours?.loopDelayMs)} / ${formatMs(row.reference?.loopDelayMs)}` : "",
		row.target?.text ?? "",
		pass,
	];
}

const HEADER = [
	"scenario",
	"this project (or floor)",
	"p50 / p99 ms",
	"better-auth 1.7.24",
	"p50 / p99 ms",
	"ratio",
	"SQL per op (ours / ref)",
	"max loop delay ms (ours / ref)",
	"target",
	"pass",
];

function floorNote(row: Row, floor: Measurement): string {
	const delay = floor.loopDelayMs === undefined ? "" : `, max loop delay ${formatMs(floor.loopDelayMs)} ms`;
	const ratio = row.floorRatio ?? (row.ours?.value ?? Number.NaN) / floor.value;
	return `scrypt alone in the same rounds ${formatValue(floor.value, row.unit)}${delay} (this project = ${ratio.toFixed(2)}× that)`;
}

/** The results as a Markdown table, one section heading row per section, then notes. */
export function formatTable(rows: readonly Row[]): string {
	const lines = [`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => " --- ").join("|")}|`];
	let section = "";
	for (const row of rows) {
		if (row.section !== section) {
			section = row.section;
			lines.push(`| **${section}** |${" |".repeat(HEADER.length - 1)}`);
		}
		lines.push(`| ${cells(row).join(" | ")} |`);
	}
	const notes = rows.flatMap((row) => {
		const parts = [
			row.note,
			row.na && row.ours === undefined ? undefined : row.na,
			row.ours?.detail && `this project: ${row.ours.detail}`,
			row.reference?.detail && `better-auth 1.7.24: ${row.reference.detail}`,
			row.ours && row.floor && floorNote(row, row.floor),
			row.target?.unjudged && `target: ${row.target.unjudged}`,
		].filter(Boolean);
		return parts.length ? [`- ${row.name}: ${parts.join("; ")}`] : [];
	});
	return [...lines, ...(notes.length ? ["", ...notes] : [])].join("\n");
}

/** A one-line count of targets met. */
export function formatSummary(rows: readonly Row[]): string {
	const targets = rows.filter((row) => row.target);
	const passed = targets.filter((row) => row.target?.pass === true).length;
	const failed = targets.filter((row) => row.target?.pass === false).map((row) => row.id);
	const unjudged = targets.filter((row) => row.target?.unjudged).map((row) => row.id);
	const unknown = targets.filter((row) => row.target?.pass === undefined && !row.target?.unjudged).map((row) => row.id);
	const errors = rows.filter((row) => row.error).map((row) => row.id);
	return [
		`targets: ${passed}/${targets.length} met`,
		failed.length ? `missed: ${failed.join(", ")}` : "",
		unjudged.length ? `not judged (machine noise, see notes): ${unjudged.join(", ")}` : "",
		unknown.length ? `not measured: ${unknown.join(", ")}` : "",
		errors.length ? `ERRORS: ${errors.join(", ")}` : "",
	]
		.filter(Boolean)
		.join("; ");
}
