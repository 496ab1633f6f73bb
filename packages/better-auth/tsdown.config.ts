import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

// Every public subpath's source file is an entry, so package.json exports stay the single list.
const exportsMap = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).exports as Record<
	string,
	{ source: string }
>;

/**
 * Entries share chunks (no per-file output) and the many-file server dependencies (kysely, zod,
 * jose, @noble/*) are bundled into them: Node loads a few large files much faster than hundreds
 * of small ones, which halves the import time of `better-auth` (cold starts, serverless). These
 * are recognised by shape everywhere, so a user's own copy of kysely still works. better-call
 * stays external: core uses it too, and `APIError` must be one class.
 */
export default defineConfig({
	entry: Object.values(exportsMap).map((entry) => entry.source),
	format: ["esm"],
	dts: true,
	clean: true,
	unbundle: false,
	deps: {
		neverBundle: [
			/^@better-auth\//,
			"better-call",
			"better-sqlite3",
			"pg",
			"mysql2",
			"vitest",
			/^node:/,
			/^drizzle-orm/,
		],
		alwaysBundle: ["kysely", "zod", "jose", /^@noble\//],
	},
});
