import { mergeConfig } from "vitest/config";
import { sharedProject } from "../vitest.shared";

export default mergeConfig(sharedProject, {
	// The smoke test runs the whole benchmark (cold starts and tsc included) with tiny counts.
	test: { testTimeout: 120_000 },
});
