/**
 * Type-check cost: the same small app (server with the shared plugins, a typed React client) is
 * generated against each library's published types and checked with `tsc --extendedDiagnostics`.
 */

import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { LIBS, type Lib, MODULE, type PluginSpec, pluginCode } from "../libs";
import { median } from "../measure";
import { addRow, type Context } from "../results";
import { BASE_URL } from "../sides";
import type { ClientSupport } from "./bundle";

const run = promisify(execFile);
const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** Generated apps live inside bench/ so that they resolve bench's node_modules; removed after the run. */
const APPS_DIR = join(BENCH_DIR, ".typecheck");
const TSC = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");

const TSCONFIG = {
	compilerOptions: {
		target: "ES2022",
		lib: ["ES2022", "DOM", "DOM.Iterable"],
		module: "ESNext",
		moduleResolution: "bundler",
		strict: true,
		skipLibCheck: true,
		esModuleInterop: true,
		noEmit: true,
		types: ["node"],
	},
};

/** What both generated apps contain. */
export interface AppShape {
	plugins: PluginSpec[];
	/** Server plugins whose client plugin is in the app, or undefined when the app has no client. */
	clientPlugins: PluginSpec[] | undefined;
	inferFields: boolean;
}

function serverSource(lib: Lib, plugins: readonly PluginSpec[]): string {
	const imports = plugins.length
		? `import { ${plugins.map((spec) => spec.name).join(", ")} } from "${MODULE[lib]}/plugins";\n`
		: "";
	const calls = plugins.map(pluginCode);
	return `import Database from "better-sqlite3";
import { betterAuth } from "${MODULE[lib]}";
${imports}
export const auth = betterAuth({
	baseURL: ${JSON.stringify(BASE_URL)},
	database: new Database("app.db"),
	emailAndPassword: { enabled: true },
	plugins: [${calls.join(", ")}],
});

export type Session = typeof auth.$Infer.Session;

export async function currentEmail(headers: Headers): Promise<string | null> {
	const session = await auth.api.getSession({ headers });
	return session?.user.email ?? null;
}

export async function signIn(email: string, password: string): Promise<string> {
	const result = await auth.api.signInEmail({ body: { email, password } });
	return result.user.id;
}
`;
}

function clientSource(lib: Lib, plugins: readonly PluginSpec[], inferFields: boolean): string {
	const names = [...plugins.map((spec) => spec.client), ...(inferFields ? ["inferAdditionalFields"] : [])];
	const calls = [
		...plugins.map((spec) => spec.clientCode ?? `${spec.client}()`),
		...(inferFields ? ["inferAdditionalFields<typeof auth>()"] : []),
	];
	return `import { createAuthClient } from "${MODULE[lib]}/react";
${names.length ? `import { ${names.join(", ")} } from "${MODULE[lib]}/client/plugins";\n` : ""}import type { auth } from "./auth";

export const client = createAuthClient({ baseURL: ${JSON.stringify(BASE_URL)}, plugins: [${calls.join(", ")}] });

export function useEmail(): string | undefined {
	const { data } = client.useSession();
	return data?.user.email;
}

export async function signIn(email: string, password: string): Promise<string | undefined> {
	const { data, error } = await client.signIn.email({ email, password });
	return error ? undefined : data?.user.id;
}
`;
}

function writeApp(lib: Lib, shape: AppShape): string {
	const dir = join(APPS_DIR, lib);
	mkdirSync(dir, { recursive: true });
	const files = ["auth.ts"];
	writeFileSync(join(dir, "auth.ts"), serverSource(lib, shape.plugins));
	if (shape.clientPlugins) {
		writeFileSync(join(dir, "client.ts"), clientSource(lib, shape.clientPlugins, shape.inferFields));
		files.push("client.ts");
	}
	writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, files }, null, "\t"));
	return dir;
}

interface Diagnostics {
	checkSeconds: number;
	totalSeconds: number;
	instantiations: number;
}

async function typecheck(lib: Lib, dir: string): Promise<Diagnostics> {
	let output: string;
	try {
		output = (await run(process.execPath, [TSC, "-p", dir, "--extendedDiagnostics"], { cwd: dir })).stdout;
	} catch (error) {
		const stdout = (error as { stdout?: string }).stdout ?? String(error);
		const errors = stdout.split("\n").filter((line) => line.includes("error TS"));
		throw new Error(`${lib} app does not type-check: ${errors.slice(0, 3).join(" | ") || stdout.slice(0, 300)}`);
	}
	const read = (label: string) => {
		const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output);
		if (!match) throw new Error(`${lib}: no "${label}" in tsc --extendedDiagnostics output`);
		return Number(match[1]);
	};
	return { checkSeconds: read("Check time"), totalSeconds: read("Total time"), instantiations: read("Instantiations") };
}

/** The app both sides can compile: the shared plugins, and a client when both have one. */
export function appShape(ctx: Context, support: ClientSupport): AppShape {
	const bothReact = LIBS.every((lib) => support.react[lib]);
	const clientPlugins = ctx.plugins.filter(
		(spec) => spec.client && LIBS.every((lib) => support.plugins[lib].includes(spec.client ?? "")),
	);
	return {
		plugins: ctx.plugins,
		clientPlugins: bothReact ? clientPlugins : undefined,
		inferFields: LIBS.every((lib) => support.plugins[lib].includes("inferAdditionalFields")),
	};
}

function describe(shape: AppShape): string {
	const server = shape.plugins.length ? shape.plugins.map((spec) => spec.name).join(", ") : "no plugins";
	const client = shape.clientPlugins
		? `typed React client${shape.clientPlugins.length ? ` with ${shape.clientPlugins.map((spec) => spec.client).join(", ")}` : ""}${shape.inferFields ? " + inferAdditionalFields" : ""}`
		: "no client (ours not built yet)";
	return `server: ${server}; ${client}`;
}

/** Scenarios of this file, in table order. */
export async function runTypecheckScenarios(ctx: Context, support: ClientSupport): Promise<void> {
	const shape = appShape(ctx, support);
	const results: Record<Lib, Diagnostics[]> = { ours: [], reference: [] };
	try {
		const time = await addRow(
			ctx,
			{ id: "tsc-check-time", section: "type-check", name: "tsc check time", unit: "s", better: "lower" },
			async () => {
				const dirs = { ours: writeApp("ours", shape), reference: writeApp("reference", shape) };
				for (let i = 0; i < ctx.config.tscRuns; i++) {
					const order = i % 2 === 0 ? LIBS : [...LIBS].reverse();
					if (ctx.config.overlap) {
						const both = await Promise.all(order.map((lib) => typecheck(lib, dirs[lib])));
						for (const [j, lib] of order.entries()) results[lib].push(both[j]);
					} else for (const lib of order) results[lib].push(await typecheck(lib, dirs[lib]));
				}
				const side = (lib: Lib) => ({
					value: median(results[lib].map((d) => d.checkSeconds)),
					detail: `total ${median(results[lib].map((d) => d.totalSeconds)).toFixed(2)} s`,
				});
				return { ours: side("ours"), reference: side("reference"), note: describe(shape) };
			},
		);
		await addRow(
			ctx,
			{ id: "tsc-instantiations", section: "type-check", name: "tsc instantiations", unit: "k", better: "lower" },
			async () => {
				if (time.error) throw new Error("type-check failed");
				const side = (lib: Lib) => ({ value: median(results[lib].map((d) => d.instantiations)) / 1000 });
				return { ours: side("ours"), reference: side("reference") };
			},
		);
	} finally {
		rmSync(APPS_DIR, { recursive: true, force: true });
	}
}
