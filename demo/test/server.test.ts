import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemo, providersFromEnv } from "../server/app";

describe("demo server", () => {
	const dir = mkdtempSync(join(tmpdir(), "ba-demo-server-"));
	let demo: Awaited<ReturnType<typeof createDemo>>;
	let base: string;

	beforeAll(async () => {
		mkdirSync(join(dir, "dist", "assets"), { recursive: true });
		writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><title>demo</title>");
		writeFileSync(join(dir, "dist", "assets", "app.js"), "console.log(1)");
		writeFileSync(join(dir, "secret.txt"), "do not serve");
		demo = await createDemo({
			databaseFile: join(dir, "db", "demo.db"),
			secret: "s".repeat(32),
			baseURL: "http://localhost:3000",
			staticDir: join(dir, "dist"),
			env: { GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret", GOOGLE_CLIENT_ID: "only-id" },
		});
		await new Promise<void>((resolve) => demo.server.listen(0, "127.0.0.1", resolve));
		base = `http://127.0.0.1:${(demo.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await demo.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it("answers the auth API on a database it created and migrated", async () => {
		expect(await (await fetch(`${base}/api/auth/ok`)).json()).toEqual({ ok: true });
	});

	it("lists only providers with both a client id and a secret", async () => {
		expect(await (await fetch(`${base}/api/demo/config`)).json()).toEqual({ providers: ["github"] });
		expect(Object.keys(providersFromEnv({}))).toEqual([]);
	});

	it("serves the built page for any route and assets with their type, nothing outside dist", async () => {
		const page = await fetch(`${base}/dashboard`);
		expect(page.headers.get("content-type")).toContain("text/html");
		const asset = await fetch(`${base}/assets/app.js`);
		expect(asset.headers.get("content-type")).toContain("text/javascript");
		const traversal = await fetch(`${base}/..%2Fsecret.txt`);
		expect(await traversal.text()).not.toContain("do not serve");
		expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
	});
});
