/**
 * The rate limiter: counts requests per client IP and path (`ip|/path`, the key Better Auth
 * uses), in memory, in the `rateLimit` table or in secondary storage. Over the limit the answer
 * is 429 with `X-Retry-After` (seconds). Only HTTP requests are limited; `auth.api` calls are not.
 */
import type { AuthContext, RateLimitRule, RateLimitStorage } from "@better-auth/core";

interface Entry {
	key: string;
	count: number;
	lastRequest: number;
}

/** Stricter defaults for endpoints attackers like (Better Auth's special rules). */
const SPECIAL_RULES: Array<{ match: (path: string) => boolean; rule: RateLimitRule }> = [
	{
		match: (path) =>
			path.startsWith("/sign-in") ||
			path.startsWith("/sign-up") ||
			path === "/change-password" ||
			path === "/change-email",
		rule: { window: 10, max: 3 },
	},
	{
		match: (path) =>
			path === "/request-password-reset" || path === "/send-verification-email" || path === "/forget-password",
		rule: { window: 60, max: 3 },
	},
];

function wildcardMatch(pattern: string, path: string): boolean {
	if (!pattern.includes("*")) return pattern === path;
	const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*\*?/g, ".*");
	return new RegExp(`^${source}$`).test(path);
}

function isIPv4(value: string): boolean {
	const parts = value.split(".");
	return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** Expands an IPv6 address to its 8 groups, or null when it is not one. */
function ipv6Groups(value: string): string[] | null {
	if (!/^[0-9a-f:]+$/i.test(value) || !value.includes(":")) return null;
	const halves = value.split("::");
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(":") : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
	const missing = 8 - head.length - tail.length;
	if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
	const groups = [...head, ...Array(missing).fill("0"), ...tail];
	return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))
		? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
		: null;
}

/**
 * A client IP in a canonical form for counting: IPv4-mapped IPv6 unwrapped to IPv4, and IPv6
 * grouped by its /64 (or the configured prefix), since one client owns a whole /64.
 * Anything that is not an IP address gives null.
 */
export function normalizeIP(raw: string, ipv6Subnet = 64): string | null {
	let value = raw.trim().replace(/^\[|\]$/g, "");
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
	if (mapped) value = mapped[1];
	if (isIPv4(value)) return value;
	const groups = ipv6Groups(value.split("%")[0]);
	if (!groups) return null;
	const keep = Math.ceil(ipv6Subnet / 16);
	return `${groups.slice(0, keep).join(":")}::/${ipv6Subnet}`;
}

/** The client IP from the configured headers (default `x-forwarded-for`), normalised. */
export function clientIP(request: Request, context: AuthContext): string | null {
	const options = context.options.advanced?.ipAddress;
	if (options?.disableIpTracking) return null;
	for (const header of options?.ipAddressHeaders ?? ["x-forwarded-for"]) {
		const value = request.headers.get(header);
		if (!value) continue;
		const ip = normalizeIP(value.split(",")[0], options?.ipv6Subnet ?? 64);
		if (ip) return ip;
	}
	return null;
}

function memoryStore(): RateLimitStorage {
	const entries = new Map<string, Entry>();
	let writes = 0;
	return {
		get: async (key) => entries.get(key),
		set: async (key, value) => {
			entries.set(key, value);
			// Drop entries idle for an hour now and then, so the map stays bounded.
			if (++writes % 10_000 === 0) {
				const cutoff = Date.now() - 3600_000;
				for (const [k, entry] of entries) if (entry.lastRequest < cutoff) entries.delete(k);
			}
		},
	};
}

function databaseStore(context: AuthContext): RateLimitStorage {
	return {
		get: async (key) =>
			(await context.adapter.findOne<Entry>({ model: "rateLimit", where: [{ field: "key", value: key }] })) ??
			undefined,
		set: async (key, value, update) => {
			if (update) {
				await context.adapter.updateMany({
					model: "rateLimit",
					where: [{ field: "key", value: key }],
					update: { ...value },
				});
			} else {
				await context.adapter.create({ model: "rateLimit", data: { ...value } });
			}
		},
	};
}

function secondaryStore(context: AuthContext, window: () => number): RateLimitStorage {
	const storage = context.secondaryStorage!;
	return {
		get: async (key) => {
			const raw = await storage.get(key);
			return raw ? (JSON.parse(raw) as Entry) : undefined;
		},
		set: async (key, value) => {
			await storage.set(key, JSON.stringify(value), window());
		},
	};
}

export function createRateLimiter(context: AuthContext) {
	const options = context.options.rateLimit;
	const base: RateLimitRule = { window: context.rateLimit.window, max: context.rateLimit.max };
	let currentWindow = base.window;
	const store: RateLimitStorage =
		options?.customStorage ??
		(context.rateLimit.storage === "database"
			? databaseStore(context)
			: context.rateLimit.storage === "secondary-storage" && context.secondaryStorage
				? secondaryStore(context, () => currentWindow)
				: memoryStore());

	async function ruleFor(path: string, request: Request): Promise<RateLimitRule | false> {
		let rule: RateLimitRule = base;
		for (const special of SPECIAL_RULES) if (special.match(path)) rule = special.rule;
		for (const plugin of context.plugins) {
			for (const pluginRule of plugin.rateLimit ?? []) {
				if (pluginRule.pathMatcher(path)) rule = { window: pluginRule.window, max: pluginRule.max };
			}
		}
		for (const [pattern, custom] of Object.entries(options?.customRules ?? {})) {
			if (!wildcardMatch(pattern, path)) continue;
			const resolved = typeof custom === "function" ? await custom(request) : custom;
			if (resolved === false) return false;
			rule = resolved;
		}
		return rule;
	}

	/** Counts the request; returns a 429 Response when it is over the limit, else null. */
	return async function limit(request: Request, path: string): Promise<Response | null> {
		if (!context.rateLimit.enabled) return null;
		const rule = await ruleFor(path, request);
		if (!rule) return null;
		currentWindow = rule.window;
		const key = `${clientIP(request, context) ?? "no-trusted-ip"}|${path}`;
		const now = Date.now();
		const entry = await store.get(key);
		if (!entry || now - entry.lastRequest > rule.window * 1000) {
			await store.set(key, { key, count: 1, lastRequest: now }, Boolean(entry));
			return null;
		}
		if (entry.count >= rule.max) {
			const retryAfter = Math.max(1, Math.ceil((entry.lastRequest + rule.window * 1000 - now) / 1000));
			return new Response(
				JSON.stringify({ message: "Too many requests. Please try again later.", code: "TOO_MANY_REQUESTS" }),
				{ status: 429, headers: { "content-type": "application/json", "X-Retry-After": String(retryAfter) } },
			);
		}
		await store.set(key, { key, count: entry.count + 1, lastRequest: now }, true);
		return null;
	};
}
