/**
 * Finds the app's Better Auth config (`auth.ts` and friends), loads it the way the app would
 * (TypeScript, tsconfig path aliases, `.env` files) and returns its options.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { BetterAuthOptions } from "@better-auth/core";
import { createJiti } from "jiti";
import { CliError, errorMessage } from "../utils/errors";
import { loadEnvFiles } from "./env";

/** Folders searched for the config, relative to the project root, in order. */
export const CONFIG_DIRECTORIES = [
	"",
	"lib",
	"utils",
	"src",
	"src/lib",
	"src/utils",
	"src/server",
	"app",
	"app/lib",
	"app/utils",
	"server",
	"server/lib",
	"server/utils",
];

/** File names tried in each folder, in order. */
export const CONFIG_FILES = ["auth.ts", "auth.mts", "auth.cts", "auth.js", "auth.mjs", "auth.cjs"];

export interface LoadedConfig {
	/** Absolute path of the config file. */
	path: string;
	/** The options the instance was created with (`auth.options`). */
	options: BetterAuthOptions;
	/** Env files read before loading the config. */
	envFiles: string[];
}

/** The config file: `--config` when given, else the first match of the conventional places. */
export function findConfig(cwd: string, config?: string): string {
	if (config) {
		const path = isAbsolute(config) ? config : resolve(cwd, config);
		if (!existsSync(path)) {
			throw new CliError(`The config file ${config} does not exist (looked at ${path}). Check the --config path.`);
		}
		return path;
	}
	for (const directory of CONFIG_DIRECTORIES) {
		for (const file of CONFIG_FILES) {
			const path = join(cwd, directory, file);
			if (existsSync(path)) return path;
		}
	}
	const places = CONFIG_DIRECTORIES.map((directory) => `./${directory}${directory ? "/" : ""}`).join(", ");
	throw new CliError(
		`No Better Auth config found in ${cwd}.\n` +
			`Looked for ${CONFIG_FILES.join(", ")} in ${places}.\n` +
			"Create one that exports your instance (`export const auth = betterAuth({ ... })` or `export default`), " +
			"or point to it with --config path/to/auth.ts (and --cwd for the project root).",
	);
}

type Exports = Record<string, unknown>;

/** Reads `auth` or the default export, and its `options`. */
function optionsOf(module: Exports, path: string, cwd: string): BetterAuthOptions {
	const candidates = [module.auth, module.default, (module.default as Exports | undefined)?.auth];
	for (const candidate of candidates) {
		if (candidate && typeof candidate === "object" && "options" in candidate) {
			const options = (candidate as { options: unknown }).options;
			if (options && typeof options === "object") return options as BetterAuthOptions;
		}
	}
	const names = Object.keys(module).filter((name) => name !== "__esModule");
	throw new CliError(
		`${relative(cwd, path)} does not export a Better Auth instance. Export it as \`auth\` ` +
			"(`export const auth = betterAuth({ ... })`) or as the default export." +
			(names.length > 0 ? ` It exports: ${names.join(", ")}.` : ""),
	);
}

/**
 * Loads the config: env files of the project root first, then the config file through jiti
 * (TypeScript, ESM or CommonJS, tsconfig `paths` aliases from the nearest tsconfig.json).
 */
export async function loadConfig(input: { cwd: string; config?: string }): Promise<LoadedConfig> {
	const cwd = resolve(input.cwd);
	const envFiles = loadEnvFiles(cwd);
	const path = findConfig(cwd, input.config);
	const jiti = createJiti(path, {
		tsconfigPaths: true,
		interopDefault: false,
		moduleCache: false,
		fsCache: false,
		// Next.js apps mark server code with `import "server-only"`, which throws outside React
		// Server Components: the CLI is server code, so the marker is an empty module here.
		virtualModules: { "server-only": {} },
	});
	let module: Exports;
	try {
		module = (await jiti.import(path)) as Exports;
	} catch (error) {
		const message = errorMessage(error);
		const missing = /Cannot find (module|package) ['"]([^'"]+)['"]/.exec(message);
		const hint = missing
			? `\nIs "${missing[2]}" installed, and if it is a path alias, is it in the "paths" of your tsconfig.json?`
			: "";
		throw new CliError(`Could not load ${relative(cwd, path)}: ${message}${hint}`, { cause: error });
	}
	return { path, options: optionsOf(module, path, cwd), envFiles };
}
