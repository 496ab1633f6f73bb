import { defineConfig } from "vitest/config";

// One vitest run over every package, so `pnpm test` prints one summary for the whole repo.
export default defineConfig({
	test: {
		projects: ["packages/*", "examples/*", "compat", "demo", "bench", "e2e"],
		reporters: ["default", "./scripts/summary-reporter.ts"],
	},
});
