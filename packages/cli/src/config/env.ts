/**
 * The app's environment files, loaded before its config so `process.env.BETTER_AUTH_SECRET`,
 * `DATABASE_URL` and friends are there, as the app's framework would provide them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import dotenv from "dotenv";

/** Read in this order; a later file overrides an earlier one, and the real environment wins over all. */
export const ENV_FILES = [".env", ".env.development", ".env.local", ".env.development.local"];

/**
 * Loads the env files of `cwd` into `env` (without replacing variables already set there) and
 * returns the names of the files it read.
 */
export function loadEnvFiles(cwd: string, env: NodeJS.ProcessEnv = process.env): string[] {
	const values: Record<string, string> = {};
	const loaded: string[] = [];
	for (const file of ENV_FILES) {
		const path = join(cwd, file);
		if (!existsSync(path)) continue;
		Object.assign(values, dotenv.parse(readFileSync(path)));
		loaded.push(file);
	}
	for (const [key, value] of Object.entries(values)) {
		if (env[key] === undefined) env[key] = value;
	}
	return loaded;
}
