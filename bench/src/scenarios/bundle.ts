/**
 * Client bundle size: `createAuthClient` from `<library>/react`, alone and with plugin clients,
 * bundled by esbuild (minified ESM for the browser, react external), raw and gzip bytes.
 */

import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import { LIBS, type Lib, MODULE, PLUGIN_CATALOG } from "../libs";
import { addRow, type Context, type Measurement } from "../results";
import { BASE_URL } from "../sides";

const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));
const SECTION = "client bundle";

const OPTIONS: BuildOptions = {
	bundle: true,
	minify: true,
	format: "esm",
	platform: "browser",
	target: "es2022",
	external: ["react", "react-dom", "react/*"],
	write: false,
	logLevel: "silent",
	absWorkingDir: BENCH_DIR,
};

async function bundle(contents: string): Promise<Uint8Array> {
	const result = await build({ ...OPTIONS, stdin: { contents, resolveDir: BENCH_DIR, sourcefile: "entry.js" } });
	return result.outputFiles?.[0]?.contents ?? new Uint8Array();
}

/** The export names of `specifier` as esbuild resolves it, or undefined when it does not resolve. */
async function exportsOf(specifier: string): Promise<string[] | undefined> {
	try {
		const result = await build({
			...OPTIONS,
			minify: false,
			metafile: true,
			stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir: BENCH_DIR, sourcefile: "x.js" },
		});
		return Object.values(result.metafile?.outputs ?? {})[0]?.exports ?? [];
	} catch {
		return undefined;
	}
}

/** Which client entry points each side has: the React client, and client plugin names. */
export interface ClientSupport {
	react: Record<Lib, boolean>;
	plugins: Record<Lib, string[]>;
}

export async function clientSupport(): Promise<ClientSupport> {
	const support: ClientSupport = { react: { ours: false, reference: false }, plugins: { ours: [], reference: [] } };
	for (const lib of LIBS) {
		support.react[lib] = (await exportsOf(`${MODULE[lib]}/react`))?.includes("createAuthClient") ?? false;
		support.plugins[lib] = (await exportsOf(`${MODULE[lib]}/client/plugins`)) ?? [];
	}
	return support;
}

/** Client plugin names (from the catalog, in its order) that both sides export. */
export function sharedClientPlugins(support: ClientSupport, limit: number): string[] {
	return PLUGIN_CATALOG.flatMap((spec) => (spec.client ? [spec.client] : []))
		.filter((name) => LIBS.every((lib) => support.plugins[lib].includes(name)))
		.slice(0, limit);
}

function entry(lib: Lib, plugins: readonly string[]): string {
	const imports = plugins.length ? `import { ${plugins.join(", ")} } from "${MODULE[lib]}/client/plugins";\n` : "";
	return `import { createAuthClient } from "${MODULE[lib]}/react";
${imports}export const client = createAuthClient({ baseURL: ${JSON.stringify(BASE_URL)}, plugins: [${plugins.map((name) => `${name}()`).join(", ")}] });
`;
}

async function measureBundle(lib: Lib, plugins: readonly string[]): Promise<Measurement> {
	const raw = await bundle(entry(lib, plugins));
	const gzip = gzipSync(raw).length;
	return { value: gzip / 1024, detail: `${(raw.length / 1024).toFixed(1)} KB raw` };
}

/** Scenarios of this file, in table order. */
export async function runBundleScenarios(ctx: Context, support: ClientSupport): Promise<void> {
	const plugins = sharedClientPlugins(support, 5);
	const rows = [
		{ id: "client-bundle", name: "createAuthClient (React), min + gzip", plugins: [] as string[] },
		{
			id: "client-bundle-plugins",
			name: `createAuthClient (React) + ${plugins.length || "five"} plugin client${plugins.length === 1 ? "" : "s"}, min + gzip`,
			plugins,
		},
	];
	for (const row of rows) {
		await addRow(ctx, { id: row.id, section: SECTION, name: row.name, unit: "KB", better: "lower" }, async () => {
			if (!support.react.reference) throw new Error("better-auth-reference/react does not bundle");
			const reference = await measureBundle("reference", row.plugins);
			const note = row.plugins.length ? row.plugins.join(", ") : undefined;
			if (!support.react.ours) return { reference, note, na: "n/a (client not built yet)" };
			if (row.id === "client-bundle-plugins" && row.plugins.length === 0) {
				return { reference, na: "no plugin client is exported by both sides" };
			}
			return { ours: await measureBundle("ours", row.plugins), reference, note };
		});
	}
}
