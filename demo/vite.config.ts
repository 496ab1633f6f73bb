import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
	plugins: [react()],
	// Workspace packages from their sources, so the demo needs no separate library build.
	resolve: { conditions: ["source", "browser", "module", "import", "default"] },
	build: { outDir: "dist", emptyOutDir: true },
});
