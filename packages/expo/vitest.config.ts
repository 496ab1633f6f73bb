import { fileURLToPath } from "node:url";
import { defineProject, mergeConfig } from "vitest/config";
import { sharedProject } from "../../vitest.shared";

// The expo-* modules need React Native and are not installed in this workspace: tests resolve them
// to empty stand-ins and replace them with vi.mock.
const stub = (name: string) => fileURLToPath(new URL(`./src/test/stubs/${name}.ts`, import.meta.url));

export default mergeConfig(
	sharedProject,
	defineProject({
		resolve: {
			alias: {
				"expo-web-browser": stub("expo-web-browser"),
				"expo-linking": stub("expo-linking"),
				"expo-constants": stub("expo-constants"),
			},
		},
	}),
);
