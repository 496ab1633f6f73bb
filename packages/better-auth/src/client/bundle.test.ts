/**
 * The React client as an app bundles it (esbuild, browser, minified, from sources): no server
 * code may reach it, and its size is printed.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Modules that only belong on a server: drivers, query builder, validation, JOSE, hashing, the
 * endpoint library (better-call), and the server folders of both packages. The client takes the
 * error codes from `@better-auth/core/error/codes`, which does not import better-call.
 */
const SERVER_ONLY = [
	/node_modules\/(better-sqlite3|kysely|pg|pg-[a-z]+|mysql2|jose|zod|@noble\/[a-z]+)\//,
	/node_modules\/better-call\//,
	/packages\/better-auth\/src\/(db|api|adapters|crypto|cookies|context|integrations|oauth2|plugins)\//,
	/packages\/core\/src\/(db|api|oauth2|social-providers)\//,
];

/** Records every `node:*` (or bare built-in) import instead of failing on it, so the test can name them. */
function recordBuiltins(found: string[]): Plugin {
	const builtins = /^(node:.*|crypto|fs|path|os|stream|buffer|util|events|http|https|net|tls|zlib|child_process)$/;
	return {
		name: "record-builtins",
		setup(pluginBuild) {
			pluginBuild.onResolve({ filter: builtins }, (args) => {
				found.push(`${args.path} (from ${args.importer})`);
				return { path: args.path, external: true };
			});
		},
	};
}

async function bundle(entry: string) {
	const builtins: string[] = [];
	const result = await build({
		stdin: { contents: entry, resolveDir: packageRoot, loader: "ts" },
		bundle: true,
		minify: true,
		write: false,
		metafile: true,
		format: "esm",
		platform: "browser",
		target: "es2022",
		conditions: ["source"],
		external: ["react", "react-dom"],
		define: { "process.env.NODE_ENV": '"production"' },
		plugins: [recordBuiltins(builtins)],
		logLevel: "silent",
	});
	const code = result.outputFiles[0].contents;
	// Only modules that left code in the output: tree-shaken ones were read but are not shipped.
	const shipped = Object.values(result.metafile.outputs)[0].inputs;
	const inputs = Object.keys(shipped).filter((input) => shipped[input].bytesInOutput > 0);
	return { code, inputs, builtins };
}

describe("client bundle", () => {
	it("better-auth/react carries no server code", async () => {
		const { code, inputs, builtins } = await bundle(
			'import { createAuthClient } from "better-auth/react";\nexport const client = createAuthClient();',
		);
		expect(builtins).toEqual([]);
		expect(inputs.filter((input) => SERVER_ONLY.some((pattern) => pattern.test(input)))).toEqual([]);
		expect(inputs.some((input) => input.includes("src/client/react/index.ts"))).toBe(true);
		const gzip = gzipSync(code).byteLength;
		console.log(
			`better-auth/react bundle: ${(code.byteLength / 1024).toFixed(1)} kB minified, ${(gzip / 1024).toFixed(1)} kB gzip`,
		);
		// A guard against a dependency sneaking in (today: about 21 kB minified, 8.4 kB gzip; 1.7.24: 12.3 kB gzip).
		expect(gzip).toBeLessThan(10 * 1024);
	});

	it("better-auth/client/plugins carries no server code", async () => {
		const { inputs, builtins } = await bundle(
			'import { inferAdditionalFields } from "better-auth/client/plugins";\nexport const plugin = inferAdditionalFields();',
		);
		expect(builtins).toEqual([]);
		expect(inputs.filter((input) => SERVER_ONLY.some((pattern) => pattern.test(input)))).toEqual([]);
	});
});
