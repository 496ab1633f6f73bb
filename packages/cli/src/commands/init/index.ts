/**
 * `init`: adds Better Auth to an app: auth.ts, auth-client.ts, the framework's route handler,
 * the env variables, and the dependencies (installed with the app's package manager).
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import pc from "picocolors";
import { CliError } from "../../utils/errors";
import {
	addCommand,
	dependenciesOf,
	detectFramework,
	detectPackageManager,
	type PackageManager,
	readPackageJson,
} from "../../utils/project";
import type { Ui } from "../../utils/ui";
import { createSecret } from "../secret";
import {
	authClientFile,
	authFile,
	DRIVER,
	handlerFile,
	INIT_DATABASES,
	INIT_FRAMEWORKS,
	INIT_PLUGINS,
	type InitDatabase,
	type InitFramework,
} from "./templates";

export interface InitFlags {
	cwd: string;
	name?: string;
	framework?: string;
	database?: string;
	plugins?: string;
	packageManager?: string;
	skipInstall?: boolean;
	yes?: boolean;
}

/** Frameworks `init` has a handler for; the others get the node handler. Aliases as the docs spell them. */
const FRAMEWORK_ALIASES: Record<string, InitFramework> = {
	nextjs: "next",
	"next.js": "next",
	"svelte-kit": "sveltekit",
	svelte: "sveltekit",
	nodejs: "node",
};

function pick<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T | undefined {
	if (value === undefined) return undefined;
	if ((allowed as readonly string[]).includes(value)) return value as T;
	throw new CliError(`Unknown ${what} "${value}". Choose one of: ${allowed.join(", ")}.`);
}

function parsePlugins(list: string | undefined): string[] {
	const names = (list ?? "")
		.split(",")
		.map((name) => name.trim())
		.filter(Boolean);
	const unknown = names.filter((name) => !INIT_PLUGINS[name]);
	if (unknown.length > 0) {
		throw new CliError(
			`Unknown plugin(s): ${unknown.join(", ")}. init knows: ${Object.keys(INIT_PLUGINS).join(", ")}. ` +
				"Add others to auth.ts by hand.",
		);
	}
	return [...new Set(names)];
}

/** An import specifier from one project file to another, without extension. */
function importPath(from: string, to: string): string {
	const path = relative(dirname(from), to).replace(/\\/g, "/").replace(/\.ts$/, "");
	return path.startsWith(".") ? path : `./${path}`;
}

interface Layout {
	auth: string;
	client: string;
	handler: string;
	/** How the handler imports auth.ts. */
	authImport: string;
}

function layout(cwd: string, framework: InitFramework): Layout {
	const src = framework === "sveltekit" || existsSync(join(cwd, "src"));
	const lib = src ? "src/lib" : "lib";
	const auth = `${lib}/auth.ts`;
	let handler: string;
	if (framework === "next") {
		const app = existsSync(join(cwd, "src/app")) || (src && !existsSync(join(cwd, "app"))) ? "src/app" : "app";
		handler = `${app}/api/auth/[...all]/route.ts`;
	} else if (framework === "sveltekit") handler = "src/hooks.server.ts";
	else if (framework === "hono") handler = `${src ? "src/" : ""}auth-routes.ts`;
	else handler = `${src ? "src/" : ""}auth-handler.ts`;
	const authImport = framework === "sveltekit" ? "$lib/auth" : importPath(handler, auth);
	return { auth, client: `${lib}/auth-client.ts`, handler, authImport };
}

/** Adds the variables `.env` lacks; returns their names. */
function ensureEnv(cwd: string, database: InitDatabase, framework: InitFramework): string[] {
	const path = join(cwd, ".env");
	const current = existsSync(path) ? readFileSync(path, "utf8") : "";
	const has = (name: string) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, "m").test(current);
	const port = framework === "sveltekit" ? 5173 : 3000;
	const wanted: [string, string][] = [
		["BETTER_AUTH_SECRET", createSecret()],
		["BETTER_AUTH_URL", `http://localhost:${port}`],
	];
	if (database === "postgres") wanted.push(["DATABASE_URL", "postgres://user:password@localhost:5432/app"]);
	if (database === "mysql") wanted.push(["DATABASE_URL", "mysql://user:password@localhost:3306/app"]);
	const missing = wanted.filter(([name]) => !has(name));
	if (missing.length === 0) return [];
	const prefix = current && !current.endsWith("\n") ? "\n" : "";
	appendFileSync(path, `${prefix}${missing.map(([name, value]) => `${name}=${value}`).join("\n")}\n`);
	return missing.map(([name]) => name);
}

function install(manager: PackageManager, cwd: string, packages: string[], quiet: boolean): Promise<void> {
	const [command, ...args] = addCommand(manager, packages);
	return new Promise((done, fail) => {
		const child = spawn(command, args, {
			cwd,
			stdio: quiet ? "ignore" : "inherit",
			shell: process.platform === "win32",
		});
		child.on("error", (error) => fail(new CliError(`Could not run ${command}: ${error.message}`)));
		child.on("exit", (code) =>
			code === 0
				? done()
				: fail(
						new CliError(
							`\`${[command, ...args].join(" ")}\` failed (exit code ${code}). Run it yourself, then re-run init.`,
						),
					),
		);
	});
}

export async function initCommand(flags: InitFlags, ui: Ui): Promise<void> {
	const cwd = resolve(flags.cwd);
	// With --yes, every question takes its default.
	const select: Ui["select"] = flags.yes ? async (_message, _choices, initial) => initial : ui.select.bind(ui);
	ui.intro("Better Auth · init");
	const pkg = readPackageJson(cwd);
	if (!pkg) {
		throw new CliError(`No package.json in ${cwd}. Run init in your app's root (or pass --cwd), after \`npm init\`.`);
	}
	const detected = detectFramework(pkg)?.framework;
	const requested = flags.framework && (FRAMEWORK_ALIASES[flags.framework] ?? flags.framework);
	const framework: InitFramework =
		pick(requested, INIT_FRAMEWORKS, "framework") ??
		(detected && (INIT_FRAMEWORKS as readonly string[]).includes(detected)
			? (detected as InitFramework)
			: await select(
					"Which framework does this app use?",
					INIT_FRAMEWORKS.map((value) => ({ value, label: value })),
					"node",
				));
	const database: InitDatabase =
		pick(flags.database, INIT_DATABASES, "database") ??
		(await select(
			"Which database?",
			INIT_DATABASES.map((value) => ({ value, label: value })),
			"sqlite",
		));
	const plugins = parsePlugins(flags.plugins);
	const manager =
		pick(flags.packageManager, ["npm", "pnpm", "yarn", "bun"] as const, "package manager") ?? detectPackageManager(cwd);
	const name = flags.name ?? pkg.name ?? basename(cwd);
	ui.info(`Setting up Better Auth for ${pc.bold(framework)} with ${pc.bold(database)} (${manager})`);

	const files = layout(cwd, framework);
	const input = { name, database, framework, plugins };
	const handler = handlerFile(framework, files);
	const writes = [
		{ path: files.auth, code: authFile(input) },
		{ path: files.client, code: authClientFile(input) },
		{ path: handler.path, code: handler.code },
	];
	const written: string[] = [];
	const kept: string[] = [];
	for (const file of writes) {
		const path = join(cwd, file.path);
		if (existsSync(path)) {
			kept.push(file.path);
			continue;
		}
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, file.code);
		written.push(file.path);
	}
	const envAdded = ensureEnv(cwd, database, framework);

	const deps = dependenciesOf(pkg);
	const missing = ["better-auth", DRIVER[database]].filter((dep) => !deps[dep]);
	const command = addCommand(manager, missing).join(" ");
	let installed = false;
	if (missing.length > 0 && !flags.skipInstall) {
		await ui.task(
			`Installing ${missing.join(", ")} with ${manager}`,
			() => install(manager, cwd, missing, !ui.interactive),
			() => `Installed ${missing.join(", ")}`,
		);
		installed = true;
	}

	for (const file of written) ui.success(`Created ${file}`);
	for (const file of kept) ui.warn(`Kept the existing ${file} (not overwritten)`);
	if (envAdded.length > 0) ui.success(`Added ${envAdded.join(", ")} to .env`);
	const next: string[] = [];
	if (missing.length > 0 && !installed) next.push(`Install the dependencies: ${pc.cyan(command)}`);
	if (database !== "sqlite") next.push("Set DATABASE_URL in .env to your database");
	if (handler.mount) next.push(`Mount the handler: ${pc.cyan(handler.mount)}`);
	next.push(`Create the tables: ${pc.cyan("npx @better-auth/cli migrate")}`);
	ui.print(`\n${pc.bold("Next steps")}\n${next.map((step, i) => `  ${i + 1}. ${step}`).join("\n")}`);
	ui.outro("Better Auth is set up.");
}
