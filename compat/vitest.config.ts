import { mergeConfig } from "vitest/config";
import { sharedProject } from "../vitest.shared";

export default mergeConfig(sharedProject, {
	// better-auth 1.7 relaxes its checks under test runners; see src/setup-env.ts.
	test: { setupFiles: ["./src/setup-env.ts"] },
});
