import { readFileSync } from "node:fs";
import { defineConfig } from "tsdown";

// Every public subpath's source file is an entry, so package.json exports stay the single list.
const exportsMap = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).exports as Record<
	string,
	{ source: string }
>;

export default defineConfig({
	entry: Object.values(exportsMap).map((entry) => entry.source),
	format: ["esm"],
	dts: true,
	clean: true,
	// Entries share chunks: a few files load much faster than many (cold starts).
	unbundle: false,
	deps: { neverBundle: ["better-call", "zod", "jose", /^@noble\//, /^node:/] },
});
