/**
 * A printable copy of the options with secrets removed: values under secret-like keys, passwords
 * in connection URLs, and objects that are not plain data (database pools, clients) summarised.
 */

/** Keys whose string values are secrets (`secret`, `clientSecret`, `password`, `apiKey`, `accessToken`...). */
const SECRET_KEY = /(secrets?|passw(or)?d|token|key|credentials?|salt|authorization|cookie)$/i;
export const REDACTED = "[redacted]";

/** `postgres://user:pass@host/db` → `postgres://user:[redacted]@host/db`. */
export function redactUrl(value: string): string {
	return value.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*):[^@\s/]*@/gi, `$1:${REDACTED}@`);
}

const isPlain = (value: object) => {
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null || Array.isArray(value);
};

function redactValue(value: unknown, key: string, seen: WeakSet<object>, depth: number): unknown {
	if (typeof value === "function") return "[function]";
	if (typeof value === "string") return SECRET_KEY.test(key) ? REDACTED : redactUrl(value);
	if (typeof value === "number" || typeof value === "bigint") return SECRET_KEY.test(key) ? REDACTED : value;
	if (value === null || typeof value !== "object") return value;
	if (seen.has(value)) return "[circular]";
	if (!isPlain(value)) return `[${value.constructor?.name ?? "object"}]`;
	if (depth > 6) return "[…]";
	seen.add(value);
	if (Array.isArray(value)) {
		if (SECRET_KEY.test(key)) return REDACTED;
		return value.map((item) => redactValue(item, key, seen, depth + 1));
	}
	const copy: Record<string, unknown> = {};
	for (const [name, item] of Object.entries(value)) copy[name] = redactValue(item, name, seen, depth + 1);
	return copy;
}

/** A redacted, JSON-safe copy of any value. */
export function redact(value: unknown): unknown {
	return redactValue(value, "", new WeakSet(), 0);
}
