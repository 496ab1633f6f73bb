import { fileURLToPath } from "node:url";

/** The monorepo root: `better-auth` is a workspace package, linked from outside this app. */
const root = fileURLToPath(new URL("../..", import.meta.url));

/** @type {import("next").NextConfig} */
const config = {
	// The e2e package's `tsc --noEmit` checks these files; the build does not repeat it.
	typescript: { ignoreBuildErrors: true },
	turbopack: { root },
	outputFileTracingRoot: root,
};

export default config;
