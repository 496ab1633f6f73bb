import { defineConfig } from "tsdown";

export default defineConfig({
	entry: ["src/index.ts", "src/db/index.ts", "src/db/adapter/index.ts", "src/error/index.ts"],
	format: ["esm"],
	dts: true,
	clean: true,
	unbundle: true,
});
