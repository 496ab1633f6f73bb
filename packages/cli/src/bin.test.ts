/**
 * The built bin, driven exactly as a user types it, in a fresh app: package.json, an auth.ts that
 * imports its database through a tsconfig path alias, and a .env holding the secret.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT, tempDir } from "./test-utils/temp-dir";

const BIN = join(PACKAGE_ROOT, "dist/index.mjs");

/** The newest modification time of the sources under a folder (tests and snapshots aside). */
function newest(dir: string): number {
	let time = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== "__snapshots__" && entry.name !== "test-utils") time = Math.max(time, newest(path));
		} else if (!entry.name.endsWith(".test.ts")) time = Math.max(time, statSync(path).mtimeMs);
	}
	return time;
}

/** `npx @better-auth/cli <args>` in `cwd`: runs the bin with node, no TTY, no colours. */
function cli(cwd: string, ...args: string[]) {
	const { BETTER_AUTH_SECRET: _secret, APP_NAME: _name, ...env } = process.env;
	const result = spawnSync(process.execPath, [BIN, ...args], {
		cwd,
		encoding: "utf8",
		env: { ...env, NO_COLOR: "1", FORCE_COLOR: "0" },
		timeout: 60_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

const app = tempDir("app");
afterAll(() => app.remove());

beforeAll(() => {
	// CI builds before testing; locally, build when the bin is missing or older than its sources.
	if (!existsSync(BIN) || statSync(BIN).mtimeMs < newest(join(PACKAGE_ROOT, "src"))) {
		execFileSync("pnpm", ["exec", "tsdown"], { cwd: PACKAGE_ROOT, stdio: "ignore" });
	}
	const files: Record<string, string> = {
		"package.json": JSON.stringify({
			name: "fresh-app",
			private: true,
			dependencies: { "better-auth": "*", "better-sqlite3": "*" },
		}),
		"tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, baseUrl: ".", paths: { "@/*": ["./src/*"] } } }),
		".env": "BETTER_AUTH_SECRET=a-secret-from-dotenv-0123456789abcdef0123\nDATABASE_FILE=app.db\nAPP_NAME=Fresh App\n",
		"src/lib/db.ts":
			'import Database from "better-sqlite3";\n\nexport const db = new Database(process.env.DATABASE_FILE as string);\n',
		"src/lib/auth.ts": [
			'import { betterAuth } from "better-auth";',
			'import { db } from "@/lib/db";',
			"",
			"export const auth = betterAuth({",
			"\tappName: process.env.APP_NAME,",
			"\tdatabase: db,",
			"\tsecret: process.env.BETTER_AUTH_SECRET,",
			"\temailAndPassword: { enabled: true },",
			"\tsocialProviders: { github: { clientId: 'gh-client', clientSecret: 'gh-very-secret' } },",
			"});",
			"",
		].join("\n"),
	};
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(app.dir, path)), { recursive: true });
		writeFileSync(join(app.dir, path), content);
	}
}, 120_000);

describe("the bin in a fresh app", () => {
	it("generate --yes writes schema.sql for the app's SQLite database", () => {
		const run = cli(app.dir, "generate", "--yes");
		expect(run.output).toContain("Loaded src/lib/auth.ts");
		expect(run.code).toBe(0);
		const sql = readFileSync(join(app.dir, "schema.sql"), "utf8");
		expect(sql).toContain('create table "user"');
		expect(sql).toContain('create index "session_userId_idx"');
	});

	it("generate without --yes and without a terminal asks for --yes instead of writing", () => {
		const run = cli(app.dir, "generate", "--output", "other.sql");
		expect(run.code).toBe(1);
		expect(run.stderr).toContain("--yes");
		expect(existsSync(join(app.dir, "other.sql"))).toBe(false);
	});

	it("migrate --y creates the tables; a second run changes nothing", () => {
		const first = cli(app.dir, "migrate", "--y");
		expect(first.code).toBe(0);
		expect(first.stdout).toContain("+ table user");
		const db = new Database(join(app.dir, "app.db"), { readonly: true });
		const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all();
		db.close();
		expect(tables).toEqual([{ name: "account" }, { name: "session" }, { name: "user" }, { name: "verification" }]);
		const second = cli(app.dir, "migrate", "--yes");
		expect(second.code).toBe(0);
		expect(second.stdout).toContain("up to date");
	});

	it("generate after migrate has nothing to write", () => {
		const run = cli(app.dir, "generate", "--yes", "--output", "again.sql");
		expect(run.code).toBe(0);
		expect(run.stdout).toContain("already has every table");
		expect(existsSync(join(app.dir, "again.sql"))).toBe(false);
	});

	it("secret prints a 64-hex-digit BETTER_AUTH_SECRET", () => {
		const run = cli(app.dir, "secret");
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^BETTER_AUTH_SECRET=[0-9a-f]{64}$/m);
	});

	it("info prints versions and the config with secrets redacted", () => {
		const run = cli(app.dir, "info", "--json");
		expect(run.code).toBe(0);
		const info = JSON.parse(run.stdout);
		expect(info.system.node).toBe(process.version);
		expect(info.versions.betterAuth).toEqual(expect.any(String));
		expect(info.database.config).toBe("SQLite (built-in Kysely adapter)");
		expect(info.config.path).toBe("src/lib/auth.ts");
		expect(info.config.options.appName).toBe("Fresh App");
		expect(info.config.options.secret).toBe("[redacted]");
		expect(info.config.options.socialProviders.github).toEqual({ clientId: "gh-client", clientSecret: "[redacted]" });
		expect(run.stdout).not.toContain("a-secret-from-dotenv");
		expect(run.stdout).not.toContain("gh-very-secret");
	});

	it("fails with exit code 1 and names the places it looked when there is no config", () => {
		const empty = join(app.dir, "empty");
		mkdirSync(empty, { recursive: true });
		const run = cli(empty, "migrate", "--yes");
		expect(run.code).toBe(1);
		expect(run.stderr).toContain("No Better Auth config found");
		expect(run.stderr).toContain("./src/lib/");
	});

	it("--cwd and --config point elsewhere", () => {
		const run = cli(
			dirname(app.dir),
			"generate",
			"--yes",
			"--cwd",
			app.dir,
			"--config",
			"src/lib/auth.ts",
			"--output",
			"x.sql",
		);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain("already has every table");
	});

	it("info prints a readable report", () => {
		const run = cli(app.dir, "info");
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/better-auth\s+\d+\.\d+\.\d+/);
		expect(run.stdout).toContain("SQLite (built-in Kysely adapter)");
		expect(run.stdout).not.toContain("gh-very-secret");
	});

	it("init scaffolds an app that migrate then sets up", () => {
		const dir = join(app.dir, "new-app");
		mkdirSync(dir);
		writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "new-app", dependencies: { express: "^5.0.0" } }));
		const init = cli(dir, "init", "--database", "sqlite", "--skip-install", "--yes");
		expect(init.code).toBe(0);
		expect(init.stdout).toContain("Created lib/auth.ts");
		expect(readFileSync(join(dir, "auth-handler.ts"), "utf8")).toContain("toNodeHandler(auth)");
		const migrate = cli(dir, "migrate", "--yes");
		expect(migrate.code).toBe(0);
		expect(migrate.stdout).toContain("Migration complete");
		expect(existsSync(join(dir, "sqlite.db"))).toBe(true);
	});

	it("prints help, and exits 1 on an unknown command", () => {
		expect(cli(app.dir, "--help").stdout).toContain("generate");
		const unknown = cli(app.dir, "generat");
		expect(unknown.code).toBe(1);
	});
});
