import { defineProject } from "vitest/config";

/** The one vitest setup every workspace package uses: sources via the `source` export condition. */
export const sharedProject = defineProject({
	resolve: { conditions: ["source"] },
	ssr: { resolve: { conditions: ["source"] } },
	test: {
		include: ["src/**/*.test.ts"],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: "forks",
	},
});
