/**
 * The example's auth instance and HTTP server, built from a few explicit pieces so the test
 * can start it on a throwaway database and a random port.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname } from "node:path";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import Database from "better-sqlite3";

/**
 * A development secret made once and kept in an ignored file, so sessions survive restarts
 * without the newcomer having to configure anything. Production sets BETTER_AUTH_SECRET.
 */
export function developmentSecret(file: string): string {
	if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
	if (existsSync(file)) return readFileSync(file, "utf8").trim();
	const secret = randomBytes(32).toString("base64");
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Better Auth example</title></head>
<body><h1>Better Auth example</h1>
<p>The auth API is mounted at <a href="/api/auth/ok">/api/auth/ok</a>.</p></body></html>`;

export async function createApp(config: { databaseFile: string; secret: string; baseURL: string }) {
	if (config.databaseFile !== ":memory:") mkdirSync(dirname(config.databaseFile), { recursive: true });
	const database = new Database(config.databaseFile);
	database.pragma("journal_mode = WAL");
	const options = {
		database,
		secret: config.secret,
		baseURL: config.baseURL,
		emailAndPassword: { enabled: true },
	};
	const { runMigrations } = await getMigrations(options);
	await runMigrations();
	const auth = betterAuth(options);
	const authHandler = toNodeHandler(auth);
	const server: Server = createServer((req, res) => {
		if (req.url?.startsWith("/api/auth")) {
			void authHandler(req, res);
			return;
		}
		res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
	});
	return {
		auth,
		server,
		close: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			database.close();
		},
	};
}
