import { BetterAuthError } from "@better-auth/core/error";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/i;

/** "30m" → 1 800 000. Numbers are milliseconds. Throws at start-up on anything else. */
export function toMilliseconds(value: string | number, option: string): number {
	if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
	const match = typeof value === "string" ? PATTERN.exec(value.trim()) : null;
	const ms = match ? Number(match[1]) * UNITS[(match[2] ?? "ms").toLowerCase()] : Number.NaN;
	if (!(ms > 0)) {
		throw new BetterAuthError(
			`deviceAuthorization: invalid ${option} ${JSON.stringify(value)}. Use formats like '30m', '5s', '1h'.`,
		);
	}
	return ms;
}
