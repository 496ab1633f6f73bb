import { defineConfig } from "tsdown";

export default defineConfig({
	entry: ["src/index.ts", "src/api.ts"],
	format: ["esm"],
	dts: true,
	clean: true,
	platform: "node",
	deps: { neverBundle: [/^@better-auth\//, /^better-auth/, "kysely", /^node:/] },
});
