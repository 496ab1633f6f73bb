/**
 * The demo's server: Better Auth on embedded SQLite (created and migrated on first start), the
 * built React front end, and `/api/demo/config` telling the page which social providers are set.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";
import Database from "better-sqlite3";

/** A development secret made once and kept in an ignored file; production sets BETTER_AUTH_SECRET. */
export function developmentSecret(file: string): string {
	if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
	if (existsSync(file)) return readFileSync(file, "utf8").trim();
	const secret = randomBytes(32).toString("base64");
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}

/** Social providers whose `<NAME>_CLIENT_ID` and `<NAME>_CLIENT_SECRET` are set. */
export function providersFromEnv(env: NodeJS.ProcessEnv = process.env) {
	const providers: Record<string, { clientId: string; clientSecret: string }> = {};
	for (const id of ["github", "google", "discord", "microsoft", "gitlab"]) {
		const clientId = env[`${id.toUpperCase()}_CLIENT_ID`];
		const clientSecret = env[`${id.toUpperCase()}_CLIENT_SECRET`];
		if (clientId && clientSecret) providers[id] = { clientId, clientSecret };
	}
	return providers;
}

const TYPES: Record<string, string> = {
	".html": "text/html; charset=utf-8",
	".js": "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
	".json": "application/json",
};

export interface DemoConfig {
	databaseFile: string;
	secret: string;
	baseURL: string;
	/** The built front end (vite build output). */
	staticDir: string;
	env?: NodeJS.ProcessEnv;
}

export async function createDemo(config: DemoConfig) {
	if (config.databaseFile !== ":memory:") mkdirSync(dirname(config.databaseFile), { recursive: true });
	const database = new Database(config.databaseFile);
	database.pragma("journal_mode = WAL");
	const socialProviders = providersFromEnv(config.env);
	const options = {
		appName: "Better Auth demo",
		database,
		secret: config.secret,
		baseURL: config.baseURL,
		emailAndPassword: { enabled: true },
		socialProviders,
	};
	const { runMigrations } = await getMigrations(options);
	await runMigrations();
	const auth = betterAuth(options);
	const authHandler = toNodeHandler(auth);
	const demoConfig = JSON.stringify({ providers: Object.keys(socialProviders) });

	const server: Server = createServer(async (req, res) => {
		const path = new URL(req.url ?? "/", "http://localhost").pathname;
		if (path.startsWith("/api/auth/") || path === "/api/auth") return void authHandler(req, res);
		if (path === "/api/demo/config") {
			res.writeHead(200, { "content-type": "application/json" }).end(demoConfig);
			return;
		}
		// Static files of the build; every other path is the single page.
		const file = normalize(join(config.staticDir, path));
		const inside = file.startsWith(normalize(config.staticDir)) && extname(file) !== "";
		try {
			const body = await readFile(inside ? file : join(config.staticDir, "index.html"));
			const type = TYPES[inside ? extname(file) : ".html"] ?? "application/octet-stream";
			res.writeHead(200, { "content-type": type }).end(body);
		} catch {
			if (inside) res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
			else res.writeHead(503, { "content-type": "text/plain" }).end("The front end is not built: run `pnpm start`.");
		}
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
