// One cold start, run in a fresh `node` process by ../scenarios/cold-start.ts: import the library,
// create the instance on an already migrated SQLite file, answer the first request, report the
// times (milliseconds since the process started) as one JSON line.
// argv: <module> <database file>; env: BENCH_COOKIE, BENCH_BASE_URL, BENCH_SECRET.

const [moduleName, file] = process.argv.slice(2);
const started = performance.now();
const { betterAuth } = await import(moduleName);
const { default: Database } = await import("better-sqlite3");
const imported = performance.now();
const auth = betterAuth({
	baseURL: process.env.BENCH_BASE_URL,
	secret: process.env.BENCH_SECRET,
	database: new Database(file),
	emailAndPassword: { enabled: true },
	rateLimit: { enabled: false },
	telemetry: { enabled: false },
	logger: { disabled: true },
});
const created = performance.now();
const response = await auth.handler(
	new Request(`${process.env.BENCH_BASE_URL}/api/auth/get-session`, { headers: { cookie: process.env.BENCH_COOKIE } }),
);
const body = await response.json();
const answered = performance.now();
process.stdout.write(
	`${JSON.stringify({ status: response.status, email: body?.user?.email, started, imported, created, answered })}\n`,
);
