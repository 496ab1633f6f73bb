import { defineConfig } from "vitest/config";

export default defineConfig({
	resolve: { conditions: ["source"] },
	ssr: { resolve: { conditions: ["source"] } },
	test: {
		include: ["src/**/*.test.ts"],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: "forks",
		// better-auth 1.7 relaxes its origin checks when NODE_ENV is "test"; compare real behaviour.
		setupFiles: ["./src/setup-env.ts"],
	},
});
