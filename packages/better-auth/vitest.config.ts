import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineProject, mergeConfig } from "vitest/config";
import { sharedProject } from "../../vitest.shared";

/**
 * The shared setup, plus what the client's framework tests (jsdom files) need: Svelte components
 * compiled, and the browser builds of Svelte and Solid. `resolve.conditions` only applies to
 * web-mode (jsdom) files; node-environment tests keep `ssr.resolve.conditions`.
 */
export default mergeConfig(
	sharedProject,
	defineProject({
		plugins: [svelte({ include: ["src/client/**/*.svelte"], configFile: false })],
		resolve: { conditions: ["browser", "development"] },
		test: {
			server: { deps: { inline: ["svelte", "solid-js", "@solidjs/testing-library", "@testing-library/svelte"] } },
		},
	}),
);
