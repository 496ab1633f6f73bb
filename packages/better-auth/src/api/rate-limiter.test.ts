import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { memoryAdapter } from "../adapters/memory";
import { betterAuth } from "../auth";
import { getMigrations } from "../db/migration";
import { memoryStorage } from "../db/secondary-storage";
import { postgresTestDatabase } from "../test-utils/databases";
import { BASE, memoryInstance, type Options } from "../test-utils/instance";
import { normalizeIP } from "./rate-limiter";

function instance(extra: Partial<Options> = {}) {
	return memoryInstance({ ...extra, rateLimit: { enabled: true, window: 60, max: 5, ...extra.rateLimit } });
}

const signIn = (ip?: string) =>
	new Request(`${BASE}/api/auth/sign-in/email`, {
		method: "POST",
		headers: { "content-type": "application/json", origin: BASE, ...(ip ? { "x-forwarded-for": ip } : {}) },
		body: JSON.stringify({ email: "a@b.com", password: "password123" }),
	});
const ok = (ip: string) => new Request(`${BASE}/api/auth/ok`, { headers: { "x-forwarded-for": ip } });

async function statuses(auth: ReturnType<typeof instance>, make: () => Request, count: number) {
	const out: number[] = [];
	for (let i = 0; i < count; i++) out.push((await auth.handler(make())).status);
	return out;
}

describe("rate limiter", () => {
	it("sign-in: 3 per 10 seconds per IP, then 429 with X-Retry-After", async () => {
		const auth = instance();
		expect(await statuses(auth, () => signIn("1.2.3.4"), 4)).toEqual([401, 401, 401, 429]);
		const limited = await auth.handler(signIn("1.2.3.4"));
		expect(limited.headers.get("x-retry-after")).toBe("10");
		expect(await limited.json()).toEqual({
			message: "Too many requests. Please try again later.",
			code: "TOO_MANY_REQUESTS",
		});
		expect((await auth.handler(signIn("5.6.7.8"))).status).toBe(401);
	});

	it("the general rule is window/max, and requests without a trusted IP share one bucket", async () => {
		const auth = instance();
		expect(await statuses(auth, () => ok("9.9.9.9"), 6)).toEqual([200, 200, 200, 200, 200, 429]);
		expect(await statuses(auth, () => new Request(`${BASE}/api/auth/ok`), 6)).toEqual([200, 200, 200, 200, 200, 429]);
	});

	it("custom rules: wildcards, functions and false", async () => {
		const auth = instance({
			rateLimit: {
				customRules: {
					"/ok": { window: 60, max: 1 },
					"/sign-in/*": false,
					"/get-session": async () => ({ window: 60, max: 2 }),
				},
			},
		});
		expect(await statuses(auth, () => ok("1.1.1.1"), 2)).toEqual([200, 429]);
		expect(await statuses(auth, () => signIn("1.1.1.1"), 5)).toEqual([401, 401, 401, 401, 401]);
		const session = () => new Request(`${BASE}/api/auth/get-session`, { headers: { "x-forwarded-for": "1.1.1.1" } });
		expect(await statuses(auth, session, 3)).toEqual([200, 200, 429]);
	});

	it("only reads the configured IP headers, and limits auth.api calls not at all", async () => {
		const auth = instance({ advanced: { ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] } } });
		// A spoofed x-forwarded-for does not buy a fresh bucket.
		const spoofed = (i: number) => () => signIn(`10.0.0.${i}`);
		const results = [];
		for (let i = 0; i < 4; i++) results.push((await auth.handler(spoofed(i)())).status);
		expect(results).toEqual([401, 401, 401, 429]);
		for (let i = 0; i < 5; i++) expect(await auth.api.ok()).toEqual({ ok: true });
	});

	it("is off unless enabled (default: production only)", async () => {
		const auth = betterAuth({ baseURL: BASE, secret: "s".repeat(32), database: memoryAdapter({}) });
		expect(await statuses(auth as ReturnType<typeof instance>, () => ok("2.2.2.2"), 120)).not.toContain(429);
	});

	it("stores counters in secondary storage with a TTL", async () => {
		const storage = memoryStorage();
		const a = instance({ secondaryStorage: storage, rateLimit: { storage: "secondary-storage" } });
		const b = instance({ secondaryStorage: storage, rateLimit: { storage: "secondary-storage" } });
		// Two instances (two processes behind a load balancer) share the count.
		expect(await statuses(a, () => ok("3.3.3.3"), 3)).toEqual([200, 200, 200]);
		expect(await statuses(b, () => ok("3.3.3.3"), 3)).toEqual([200, 200, 429]);
		expect(await storage.get("3.3.3.3|/ok")).toContain('"count":5');
	});

	it("stores counters in the rateLimit table on SQLite", async () => {
		const database = new Database(":memory:");
		const options = { rateLimit: { storage: "database" as const } };
		await (await getMigrations({ ...options, database })).runMigrations();
		const auth = instance({ ...options, database });
		expect(await statuses(auth, () => ok("4.4.4.4"), 6)).toEqual([200, 200, 200, 200, 200, 429]);
		expect(database.prepare(`select key, count from "rateLimit"`).all()).toEqual([{ key: "4.4.4.4|/ok", count: 5 }]);
	});
});

const pg = await postgresTestDatabase("rate_limit");
afterAll(() => pg?.cleanup());
describe.skipIf(!pg)("rate limiter on PostgreSQL", () => {
	it("two instances share counters through the rateLimit table", async () => {
		const options = { rateLimit: { storage: "database" as const } };
		await (await getMigrations({ ...options, database: pg!.pool })).runMigrations();
		const a = instance({ ...options, database: pg!.pool });
		const b = instance({ ...options, database: pg!.pool });
		expect(await statuses(a, () => signIn("7.7.7.7"), 2)).toEqual([401, 401]);
		expect(await statuses(b, () => signIn("7.7.7.7"), 2)).toEqual([401, 429]);
	});
});

describe("client IP normalisation", () => {
	it("unwraps IPv4-mapped addresses and groups IPv6 by /64", () => {
		expect(normalizeIP("::ffff:192.0.2.1")).toBe("192.0.2.1");
		expect(normalizeIP("2001:db8:85a3:1:aaaa:bbbb:cccc:dddd")).toBe(normalizeIP("2001:db8:85a3:1::1"));
		expect(normalizeIP("2001:db8:85a3:1::1")).not.toBe(normalizeIP("2001:db8:85a3:2::1"));
		expect(normalizeIP("2001:db8::1", 128)).toBe("2001:db8:0:0:0:0:0:1::/128");
		expect(normalizeIP(" 203.0.113.9 ")).toBe("203.0.113.9");
		expect(normalizeIP("not-an-ip")).toBeNull();
		expect(normalizeIP("999.1.1.1")).toBeNull();
	});
});
