/** `info`: versions, runtime, framework, database and a redacted summary of the config, for bug reports. */
import { execFileSync } from "node:child_process";
import { arch, platform, release } from "node:os";
import { relative, resolve } from "node:path";
import type { BetterAuthOptions } from "@better-auth/core";
import pc from "picocolors";
import cliPackage from "../../package.json" with { type: "json" };
import { loadConfig } from "../config/load-config";
import { describeDatabase, detectDatabase } from "../utils/database";
import { errorMessage } from "../utils/errors";
import {
	dependenciesOf,
	detectFramework,
	detectPackageManager,
	installedVersion,
	readPackageJson,
} from "../utils/project";
import { redact } from "../utils/redact";
import type { Ui } from "../utils/ui";

export interface InfoFlags {
	cwd: string;
	config?: string;
	json?: boolean;
}

/** Database drivers and ORMs worth naming when present. */
const DATABASE_PACKAGES = [
	"better-sqlite3",
	"pg",
	"mysql2",
	"kysely",
	"@prisma/client",
	"prisma",
	"drizzle-orm",
	"mongodb",
	"@libsql/client",
	"tedious",
];

export interface ProjectInfo {
	system: { platform: string; arch: string; release: string; node: string };
	packageManager: { name: string; version?: string };
	versions: { cli: string; betterAuth?: string };
	framework: { name: string; version: string } | null;
	database: { config?: string; packages: Record<string, string> };
	config: { path: string; options: unknown } | { error: string };
}

function managerVersion(name: string): string | undefined {
	const agent = process.env.npm_config_user_agent;
	if (agent?.startsWith(`${name}/`)) return agent.split(" ")[0].split("/")[1];
	try {
		return execFileSync(name, ["--version"], {
			encoding: "utf8",
			timeout: 5000,
			stdio: ["ignore", "pipe", "ignore"],
		}).trim();
	} catch {
		return undefined;
	}
}

/** Plugins by id and the database by kind, the rest of the options redacted. */
function summarise(options: BetterAuthOptions, database: string): unknown {
	const { plugins, database: _database, secondaryStorage, ...rest } = options;
	return redact({
		...rest,
		database,
		...(secondaryStorage ? { secondaryStorage: "[configured]" } : {}),
		plugins: (plugins ?? []).map((plugin) => (plugin as { id?: string }).id ?? "[unnamed]"),
	});
}

/** Collects everything `info` reports. */
export async function collectInfo(flags: InfoFlags): Promise<ProjectInfo> {
	const cwd = resolve(flags.cwd);
	const pkg = readPackageJson(cwd);
	const deps = dependenciesOf(pkg);
	const manager = detectPackageManager(cwd);
	const framework = detectFramework(pkg);
	const info: ProjectInfo = {
		system: { platform: platform(), arch: arch(), release: release(), node: process.version },
		packageManager: { name: manager, version: managerVersion(manager) },
		versions: { cli: cliPackage.version, betterAuth: installedVersion(cwd, "better-auth") },
		framework: framework
			? {
					name: framework.framework,
					version: installedVersion(cwd, framework.packageName) ?? framework.version,
				}
			: null,
		database: {
			packages: Object.fromEntries(DATABASE_PACKAGES.filter((name) => deps[name]).map((name) => [name, deps[name]])),
		},
		config: { error: "not loaded" },
	};
	try {
		const config = await loadConfig({ cwd, config: flags.config });
		let database: string;
		try {
			database = describeDatabase(detectDatabase(config.options));
		} catch (error) {
			database = `unrecognised (${errorMessage(error)})`;
		}
		info.database.config = database;
		info.config = { path: relative(cwd, config.path), options: summarise(config.options, database) };
	} catch (error) {
		info.config = { error: errorMessage(error) };
	}
	return info;
}

export async function infoCommand(flags: InfoFlags, ui: Ui): Promise<void> {
	const info = await collectInfo(flags);
	if (flags.json) {
		ui.print(JSON.stringify(info, null, 2));
		return;
	}
	const row = (label: string, value: string | undefined) =>
		`  ${pc.dim(label.padEnd(16))} ${value ?? pc.dim("unknown")}`;
	const lines = [
		pc.bold("System"),
		row("OS", `${info.system.platform} ${info.system.release} (${info.system.arch})`),
		row("Node.js", info.system.node),
		row("Package manager", `${info.packageManager.name} ${info.packageManager.version ?? ""}`.trim()),
		"",
		pc.bold("Better Auth"),
		row("better-auth", info.versions.betterAuth ?? pc.yellow("not installed")),
		row("@better-auth/cli", info.versions.cli),
		row("Framework", info.framework ? `${info.framework.name} ${info.framework.version}` : "none detected"),
		row("Database", info.database.config ?? "unknown (config not loaded)"),
		...Object.entries(info.database.packages).map(([name, version]) => row(`  ${name}`, version)),
		"",
		pc.bold("Config"),
	];
	if ("error" in info.config) lines.push(`  ${pc.yellow(info.config.error)}`);
	else {
		lines.push(row("File", info.config.path));
		lines.push(
			JSON.stringify(info.config.options, null, 2)
				.split("\n")
				.map((line) => `  ${line}`)
				.join("\n"),
		);
	}
	ui.print(lines.join("\n"));
}
