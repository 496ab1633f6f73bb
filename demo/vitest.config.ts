import { defineProject, mergeConfig } from "vitest/config";
import { sharedProject } from "../vitest.shared";

export default mergeConfig(sharedProject, defineProject({ test: { include: ["test/**/*.test.ts"] } }));
