import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test-utils/temp-dir";
import { recordingUi } from "../../test-utils/ui";
import { initCommand } from ".";

const dirs: { remove: () => void }[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) dir.remove();
});

function app(pkg: Record<string, unknown>, extra: Record<string, string> = {}): string {
	const temp = tempDir("init");
	dirs.push(temp);
	writeFileSync(join(temp.dir, "package.json"), JSON.stringify(pkg));
	for (const [path, content] of Object.entries(extra)) {
		mkdirSync(join(temp.dir, path, ".."), { recursive: true });
		writeFileSync(join(temp.dir, path), content);
	}
	return temp.dir;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

describe("init", () => {
	it("scaffolds a Next.js app: auth.ts, auth-client.ts, the route handler and .env", async () => {
		const dir = app(
			{ name: "my-next-app", dependencies: { next: "15.0.0", react: "19.0.0" } },
			{ "src/app/page.tsx": "" },
		);
		const ui = recordingUi();
		await initCommand(
			{
				cwd: dir,
				database: "sqlite",
				plugins: "two-factor,username",
				packageManager: "npm",
				skipInstall: true,
				yes: true,
			},
			ui,
		);

		const auth = read(dir, "src/lib/auth.ts");
		expect(auth).toContain('import Database from "better-sqlite3";');
		expect(auth).toContain('appName: "my-next-app"');
		expect(auth).toContain('import { twoFactor, username } from "better-auth/plugins";');
		expect(auth).toContain("nextCookies()");
		expect(read(dir, "src/lib/auth-client.ts")).toContain('import { createAuthClient } from "better-auth/react";');
		expect(read(dir, "src/lib/auth-client.ts")).toContain("plugins: [twoFactorClient(), usernameClient()]");
		const route = read(dir, "src/app/api/auth/[...all]/route.ts");
		expect(route).toContain('import { auth } from "../../../../lib/auth";');
		expect(route).toContain("export const { GET, POST } = toNextJsHandler(auth);");
		expect(read(dir, ".env")).toMatch(/^BETTER_AUTH_SECRET=[0-9a-f]{64}\nBETTER_AUTH_URL=http:\/\/localhost:3000\n$/);
		expect(ui.text()).toContain("Install the dependencies: npm install better-auth better-sqlite3");
		expect(ui.text()).toContain("npx @better-auth/cli migrate");
	});

	it("scaffolds SvelteKit with hooks.server.ts and a Postgres pool", async () => {
		const dir = app({ name: "kit", devDependencies: { "@sveltejs/kit": "^2.0.0" } }, { "pnpm-lock.yaml": "" });
		const ui = recordingUi();
		await initCommand({ cwd: dir, database: "postgres", skipInstall: true, yes: true }, ui);
		expect(read(dir, "src/hooks.server.ts")).toContain('import { auth } from "$lib/auth";');
		expect(read(dir, "src/lib/auth.ts")).toContain("new Pool({ connectionString: process.env.DATABASE_URL })");
		expect(read(dir, "src/lib/auth-client.ts")).toContain('"better-auth/svelte"');
		expect(read(dir, ".env")).toContain("BETTER_AUTH_URL=http://localhost:5173\nDATABASE_URL=");
		expect(ui.text()).toContain("pnpm add better-auth pg");
	});

	it("keeps existing files and .env values, and installs nothing already installed", async () => {
		const dir = app(
			{ name: "api", dependencies: { express: "^5.0.0", "better-auth": "*", mysql2: "*" } },
			{ "lib/auth.ts": "// mine\n", ".env": "BETTER_AUTH_SECRET=keep" },
		);
		const ui = recordingUi();
		await initCommand({ cwd: dir, database: "mysql", skipInstall: true, yes: true }, ui);
		expect(read(dir, "lib/auth.ts")).toBe("// mine\n");
		expect(read(dir, ".env")).toMatch(/^BETTER_AUTH_SECRET=keep\nBETTER_AUTH_URL=.*\nDATABASE_URL=mysql:/);
		expect(read(dir, "auth-handler.ts")).toContain("toNodeHandler(auth)");
		expect(read(dir, "auth-handler.ts")).toContain('import { auth } from "./lib/auth";');
		expect(ui.text()).toContain("warn: Kept the existing lib/auth.ts");
		expect(ui.text()).not.toContain("Install the dependencies");
		expect(ui.text()).toContain('app.all("/api/auth/*splat", authHandler)');
	});

	it("rejects unknown choices with the known ones", async () => {
		const dir = app({ name: "x" });
		await expect(
			initCommand({ cwd: dir, framework: "rails", skipInstall: true, yes: true }, recordingUi()),
		).rejects.toThrow(/next, sveltekit, hono, express, node/);
		await expect(
			initCommand({ cwd: dir, plugins: "telepathy", skipInstall: true, yes: true }, recordingUi()),
		).rejects.toThrow(/Unknown plugin\(s\): telepathy/);
		expect(existsSync(join(dir, "lib/auth.ts"))).toBe(false);
	});

	it("needs a package.json", async () => {
		const temp = tempDir("init-empty");
		dirs.push(temp);
		await expect(initCommand({ cwd: temp.dir, skipInstall: true, yes: true }, recordingUi())).rejects.toThrow(
			/No package\.json/,
		);
	});
});
