import { defineProject, mergeConfig } from "vitest/config";
import { sharedProject } from "../vitest.shared";

/**
 * The shared setup, plus a global setup that builds the Next.js app once (cached) and migrates
 * its database before any test starts a server.
 */
export default mergeConfig(
	sharedProject,
	defineProject({
		test: {
			globalSetup: ["./src/next-global-setup.ts"],
			// `next start` may take up to a minute to answer on a loaded machine.
			hookTimeout: 120_000,
		},
	}),
);
