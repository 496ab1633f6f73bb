import { defineConfig } from "tsdown";

export default defineConfig({
	entry: [
		"src/adapters/index.ts",
		"src/adapters/memory/index.ts",
		"src/adapters/kysely/index.ts",
		"src/adapters/test/index.ts",
		"src/db/index.ts",
		"src/db/migration/index.ts",
	],
	format: ["esm"],
	dts: true,
	clean: true,
	unbundle: true,
	external: [/^@better-auth\//, "better-sqlite3", "pg", "mysql2", "kysely", "vitest"],
});
