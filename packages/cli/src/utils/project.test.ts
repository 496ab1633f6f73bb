import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../test-utils/temp-dir";
import { addCommand, detectFramework, detectPackageManager, majorOf } from "./project";

describe("project detection", () => {
	it("detects the framework, most specific first", () => {
		expect(detectFramework({ dependencies: { next: "15.1.0", react: "19" } })).toEqual({
			framework: "next",
			packageName: "next",
			version: "15.1.0",
		});
		// A Remix app on Express is a Remix app.
		expect(detectFramework({ dependencies: { express: "4", "@remix-run/react": "2" } })?.framework).toBe("remix");
		expect(detectFramework({ devDependencies: { "@sveltejs/kit": "^2.0.0" } })?.framework).toBe("sveltekit");
		expect(detectFramework({ dependencies: {} })).toBeNull();
	});

	it("detects the package manager from packageManager, then a lockfile, then the running one", () => {
		const temp = tempDir("pm");
		try {
			writeFileSync(join(temp.dir, "package.json"), JSON.stringify({ packageManager: "yarn@4.5.0" }));
			expect(detectPackageManager(temp.dir)).toBe("yarn");
			writeFileSync(join(temp.dir, "package.json"), "{}");
			writeFileSync(join(temp.dir, "bun.lock"), "");
			expect(detectPackageManager(temp.dir)).toBe("bun");
		} finally {
			temp.remove();
		}
		expect(detectPackageManager("/", { npm_config_user_agent: "pnpm/10.0.0 npm/? node/v20" })).toBe("pnpm");
		expect(detectPackageManager("/", {})).toBe("npm");
	});

	it("builds the install command of each manager", () => {
		expect(addCommand("npm", ["better-auth", "pg"])).toEqual(["npm", "install", "better-auth", "pg"]);
		expect(addCommand("pnpm", ["better-auth"], true)).toEqual(["pnpm", "add", "-D", "better-auth"]);
	});

	it("reads the major version of a range", () => {
		expect(majorOf("^6.1.0")).toBe(6);
		expect(majorOf("7")).toBe(7);
		expect(majorOf("latest")).toBeUndefined();
		expect(majorOf(undefined)).toBeUndefined();
	});
});
