/** What the CLI reads about the user's project: package.json, package manager, framework. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageJson {
	name?: string;
	version?: string;
	packageManager?: string;
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
}

/** The package.json of `cwd`, or null when there is none (or it is not JSON). */
export function readPackageJson(cwd: string): PackageJson | null {
	try {
		return JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as PackageJson;
	} catch {
		return null;
	}
}

/** Every dependency of a package.json, runtime and development. */
export function dependenciesOf(pkg: PackageJson | null): Record<string, string> {
	return { ...pkg?.devDependencies, ...pkg?.dependencies };
}

/** The major version a range names (`^6.1.0` → 6), or undefined. */
export function majorOf(range: string | undefined): number | undefined {
	const match = range ? (/(\d+)\./.exec(range) ?? /^[^\d]*(\d+)$/.exec(range)) : null;
	return match ? Number(match[1]) : undefined;
}

export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

const LOCKFILES: [string, PackageManager][] = [
	["pnpm-lock.yaml", "pnpm"],
	["yarn.lock", "yarn"],
	["bun.lock", "bun"],
	["bun.lockb", "bun"],
	["package-lock.json", "npm"],
];

/**
 * The app's package manager: its `packageManager` field, a lockfile in the project or a parent
 * folder (workspaces), the manager running the CLI, else npm.
 */
export function detectPackageManager(cwd: string, env: NodeJS.ProcessEnv = process.env): PackageManager {
	const declared = readPackageJson(cwd)?.packageManager?.split("@")[0];
	if (declared === "npm" || declared === "pnpm" || declared === "yarn" || declared === "bun") return declared;
	for (let dir = cwd; ; dir = dirname(dir)) {
		for (const [file, manager] of LOCKFILES) if (existsSync(join(dir, file))) return manager;
		if (dirname(dir) === dir) break;
	}
	const agent = env.npm_config_user_agent?.split("/")[0];
	if (agent === "pnpm" || agent === "yarn" || agent === "bun") return agent;
	return "npm";
}

/** The command that adds dependencies with a package manager. */
export function addCommand(manager: PackageManager, packages: string[], dev = false): string[] {
	const verb = manager === "npm" ? "install" : "add";
	const devFlag = dev ? (manager === "npm" ? ["--save-dev"] : ["-D"]) : [];
	return [manager, verb, ...devFlag, ...packages];
}

export type Framework =
	| "next"
	| "sveltekit"
	| "nuxt"
	| "solid-start"
	| "tanstack-start"
	| "remix"
	| "astro"
	| "expo"
	| "hono"
	| "express"
	| "fastify"
	| "elysia"
	| "nitro";

/** Package that reveals a framework, most specific first (Nuxt apps also depend on h3, Remix on express...). */
const FRAMEWORK_PACKAGES: [string, Framework][] = [
	["next", "next"],
	["@sveltejs/kit", "sveltekit"],
	["nuxt", "nuxt"],
	["@solidjs/start", "solid-start"],
	["@tanstack/react-start", "tanstack-start"],
	["@tanstack/solid-start", "tanstack-start"],
	["@remix-run/react", "remix"],
	["@react-router/dev", "remix"],
	["astro", "astro"],
	["expo", "expo"],
	["hono", "hono"],
	["elysia", "elysia"],
	["fastify", "fastify"],
	["express", "express"],
	["nitropack", "nitro"],
];

/** The framework a package.json depends on, the package that tells, and the version range it asks for. */
export function detectFramework(
	pkg: PackageJson | null,
): { framework: Framework; packageName: string; version: string } | null {
	const deps = dependenciesOf(pkg);
	for (const [name, framework] of FRAMEWORK_PACKAGES) {
		if (deps[name]) return { framework, packageName: name, version: deps[name] };
	}
	return null;
}

/**
 * The installed version of a package, found by walking up from `cwd` through node_modules
 * (package.json is often not in a package's `exports`, so `require.resolve` cannot be used).
 */
export function installedVersion(cwd: string, name: string): string | undefined {
	for (let dir = cwd; ; dir = dirname(dir)) {
		const file = join(dir, "node_modules", name, "package.json");
		if (existsSync(file)) {
			try {
				return (JSON.parse(readFileSync(file, "utf8")) as PackageJson).version;
			} catch {
				return undefined;
			}
		}
		if (dirname(dir) === dir) return undefined;
	}
}
