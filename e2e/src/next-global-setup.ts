/**
 * Global setup of the e2e project: the Next.js app is built once (`next build` is slow) and its
 * SQLite file is created and migrated; `next.test.ts` then starts `next start` on it.
 *
 * Next consumes `better-auth` from its built `dist`, as an app would. The build is skipped when
 * nothing it depends on changed: a hash of the app's sources, the built `better-auth` and
 * `@better-auth/core`, and the Next version is kept beside `.next/BUILD_ID`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { getMigrations } from "better-auth/db/migration";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { nextAuthOptions } from "../next-app/lib/options";

declare module "vitest" {
	export interface ProvidedContext {
		/** The migrated SQLite file the Next app runs on. */
		nextDatabase: string;
	}
}

const e2eDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = join(e2eDir, "..");
export const nextAppDir = join(e2eDir, "next-app");
const builtPackages = ["packages/core", "packages/better-auth"].map((dir) => join(repoRoot, dir));

function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

function newestMtime(dir: string): number {
	return Math.max(0, ...files(dir).map((file) => statSync(file).mtimeMs));
}

/**
 * Builds `better-auth` (and `@better-auth/core`) when their `dist` is missing or older than
 * their sources; CI's `pnpm build` has already done it. A failed rebuild over an existing `dist`
 * only warns: the Next app then runs on the previous build.
 */
function ensureLibraryBuilt(): boolean {
	const stale = builtPackages.some((dir) => {
		const entry = join(dir, "dist", "index.mjs");
		return !existsSync(entry) || newestMtime(join(dir, "src")) > statSync(entry).mtimeMs;
	});
	if (!stale) return false;
	const result = spawnSync(
		"pnpm",
		["exec", "turbo", "run", "build", "--filter=better-auth", "--output-logs=errors-only"],
		{
			cwd: repoRoot,
			encoding: "utf8",
		},
	);
	if (result.status === 0) return true;
	const missing = builtPackages.some((dir) => !existsSync(join(dir, "dist", "index.mjs")));
	const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.slice(-4000);
	if (missing) throw new Error(`Building better-auth for the Next.js e2e app failed:\n${output}`);
	console.warn(`[e2e] rebuilding better-auth failed; the Next.js app uses the existing dist.\n${output}`);
	return false;
}

/** What the Next build depends on, hashed: app sources, the libraries' dist, the Next version. */
function buildInputsHash(): string {
	const hash = createHash("sha256");
	const inputs = [
		...files(join(nextAppDir, "app")),
		...files(join(nextAppDir, "lib")),
		join(nextAppDir, "next.config.mjs"),
		join(nextAppDir, "tsconfig.json"),
		join(e2eDir, "package.json"),
		join(e2eDir, "node_modules", "next", "package.json"),
		...builtPackages.flatMap((dir) => files(join(dir, "dist"))),
	];
	for (const file of inputs) {
		hash.update(relative(repoRoot, file));
		hash.update("\0");
		hash.update(readFileSync(file));
		hash.update("\0");
	}
	return hash.digest("hex");
}

function buildNextApp(): { skipped: boolean; ms: number } {
	const started = performance.now();
	const hashFile = join(nextAppDir, ".next", "e2e-inputs.sha256");
	const hash = buildInputsHash();
	const cached =
		existsSync(join(nextAppDir, ".next", "BUILD_ID")) &&
		existsSync(hashFile) &&
		readFileSync(hashFile, "utf8").trim() === hash;
	if (cached) return { skipped: true, ms: performance.now() - started };
	try {
		execFileSync(join(e2eDir, "node_modules", ".bin", "next"), ["build"], {
			cwd: nextAppDir,
			env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
			encoding: "utf8",
			stdio: "pipe",
		});
	} catch (error) {
		const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
		throw new Error(`next build failed:\n${`${stdout}${stderr}`.slice(-6000)}`);
	}
	writeFileSync(hashFile, `${hash}\n`);
	return { skipped: false, ms: performance.now() - started };
}

export default async function setup(project: TestProject) {
	const started = performance.now();
	if (ensureLibraryBuilt()) {
		console.log(
			`[e2e] better-auth rebuilt for the Next.js app in ${((performance.now() - started) / 1000).toFixed(1)} s`,
		);
	}
	const build = buildNextApp();
	console.log(
		build.skipped
			? `[e2e] Next.js build is up to date (checked in ${Math.round(build.ms)} ms)`
			: `[e2e] Next.js app built in ${(build.ms / 1000).toFixed(1)} s`,
	);

	const dir = mkdtempSync(join(tmpdir(), "better-auth-e2e-next-"));
	const file = join(dir, "auth.db");
	const database = new Database(file);
	await (await getMigrations({ ...nextAuthOptions(), database })).runMigrations();
	database.close();
	project.provide("nextDatabase", file);

	return () => rmSync(dir, { recursive: true, force: true });
}
