import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../test-utils/temp-dir";
import { loadEnvFiles } from "./env";
import { findConfig, loadConfig } from "./load-config";

const dirs: { remove: () => void }[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.remove();
});

/** A project folder with the given files. */
function project(files: Record<string, string>): string {
	const temp = tempDir("config");
	dirs.push(temp);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(temp.dir, path)), { recursive: true });
		writeFileSync(join(temp.dir, path), content);
	}
	return temp.dir;
}

/** A config exporting an instance-like object, so these tests need no database. */
const instance = (exportLine: string, options = "{ appName: 'app' }") =>
	`${exportLine.replace("INSTANCE", `{ options: ${options}, handler: () => {} }`)}\n`;

describe("finding the config", () => {
	it("looks in the conventional places, in order", () => {
		const dir = project({ "src/lib/auth.ts": "", "server/utils/auth.ts": "" });
		expect(findConfig(dir)).toBe(join(dir, "src/lib/auth.ts"));
		const nuxt = project({ "server/utils/auth.ts": "" });
		expect(findConfig(nuxt)).toBe(join(nuxt, "server/utils/auth.ts"));
		const root = project({ "auth.mjs": "", "lib/auth.ts": "" });
		expect(findConfig(root)).toBe(join(root, "auth.mjs"));
	});

	it("names every place it looked when there is no config", () => {
		const dir = project({ "package.json": "{}" });
		expect(() => findConfig(dir)).toThrow(
			/auth\.ts, auth\.mts.*in \.\/, \.\/lib\/, \.\/utils\/, \.\/src\/, \.\/src\/lib\//s,
		);
		expect(() => findConfig(dir)).toThrow(/--config/);
	});

	it("takes --config relative to the project root, and says when it does not exist", () => {
		const dir = project({ "config/my-auth.ts": "" });
		expect(findConfig(dir, "config/my-auth.ts")).toBe(join(dir, "config/my-auth.ts"));
		expect(() => findConfig(dir, "nope.ts")).toThrow(/nope\.ts does not exist/);
	});
});

describe("loading the config", () => {
	it("loads TypeScript with tsconfig path aliases and the .env files first", async () => {
		const dir = project({
			"tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./src/*"] } } }),
			".env": "CLI_TEST_APP_NAME=from-env\nCLI_TEST_OVERRIDE=env\n",
			".env.local": "CLI_TEST_OVERRIDE=local\n",
			"src/lib/settings.ts": "export const appName: string = process.env.CLI_TEST_APP_NAME as string;\n",
			"src/lib/auth.ts": `import { appName } from "@/lib/settings";\n${instance("export const auth = INSTANCE;", "{ appName, other: process.env.CLI_TEST_OVERRIDE }")}`,
		});
		const config = await loadConfig({ cwd: dir });
		expect(config.path).toBe(join(dir, "src/lib/auth.ts"));
		expect(config.options).toEqual({ appName: "from-env", other: "local" });
		expect(config.envFiles).toEqual([".env", ".env.local"]);
	});

	it("loads a Next.js config that imports server-only", async () => {
		const dir = project({ "lib/auth.ts": `import "server-only";\n${instance("export const auth = INSTANCE;")}` });
		expect((await loadConfig({ cwd: dir })).options).toEqual({ appName: "app" });
	});

	it("accepts the default export", async () => {
		const dir = project({ "lib/auth.ts": instance("export default INSTANCE;") });
		expect((await loadConfig({ cwd: dir })).options).toEqual({ appName: "app" });
	});

	it("accepts CommonJS", async () => {
		const dir = project({ "auth.cjs": instance("module.exports = { auth: INSTANCE };") });
		expect((await loadConfig({ cwd: dir })).options).toEqual({ appName: "app" });
	});

	it("says what to export when the file exports something else", async () => {
		const dir = project({ "auth.ts": "export const authentication = {};\n" });
		await expect(loadConfig({ cwd: dir })).rejects.toThrow(/Export it as `auth`.*It exports: authentication/s);
	});

	it("explains a module that cannot be resolved", async () => {
		const dir = project({ "auth.ts": 'import { x } from "@/missing";\nexport const auth = { options: { x } };\n' });
		await expect(loadConfig({ cwd: dir })).rejects.toThrow(/"paths" of your tsconfig\.json/);
	});
});

describe("env files", () => {
	it("never replaces a variable the environment already has", () => {
		const dir = project({ ".env": "A=file\nB=file\n", ".env.development": "B=development\nC=development\n" });
		const env: NodeJS.ProcessEnv = { A: "real" };
		expect(loadEnvFiles(dir, env)).toEqual([".env", ".env.development"]);
		expect(env).toEqual({ A: "real", B: "development", C: "development" });
	});
});
