import { defineConfig } from "tsdown";

export default defineConfig({
	entry: ["src/index.ts", "src/client.ts"],
	format: ["esm"],
	dts: true,
	clean: true,
	deps: {
		neverBundle: [
			/^@better-auth\//,
			/^better-auth/,
			"better-call",
			/^expo-/,
			"react-native",
			"zod",
			"jose",
			/^@node-saml\//,
		],
	},
});
