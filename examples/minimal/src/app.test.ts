import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, developmentSecret } from "./app";

describe("example server", () => {
	const dir = mkdtempSync(join(tmpdir(), "ba-example-"));
	let app: Awaited<ReturnType<typeof createApp>>;
	let base: string;

	beforeAll(async () => {
		app = await createApp({
			databaseFile: join(dir, "db.sqlite"),
			secret: "s".repeat(32),
			baseURL: "http://localhost",
		});
		await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
		base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await app.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it("answers /api/auth/ok over real HTTP", async () => {
		const response = await fetch(`${base}/api/auth/ok`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
	});

	it("signs a user up and reads the session back over real HTTP", async () => {
		const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ email: "example@example.com", password: "password123", name: "Example" }),
		});
		expect(signUp.status).toBe(200);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const session = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
		expect((await session.json()).user.email).toBe("example@example.com");
	});

	it("serves a page outside the auth path", async () => {
		const response = await fetch(`${base}/`);
		expect(response.headers.get("content-type")).toContain("text/html");
		expect(await response.text()).toContain("/api/auth/ok");
	});

	it("creates the database tables on start", () => {
		const tables = app.auth.options.database as unknown as {
			prepare(sql: string): { all(): { name: string }[] };
		};
		const names = tables
			.prepare("select name from sqlite_master where type = 'table'")
			.all()
			.map((row) => row.name);
		expect(names).toEqual(expect.arrayContaining(["user", "session", "account", "verification"]));
	});

	it("keeps the generated development secret across restarts", () => {
		const file = join(dir, ".secret");
		const saved = process.env.BETTER_AUTH_SECRET;
		delete process.env.BETTER_AUTH_SECRET;
		try {
			const first = developmentSecret(file);
			expect(first.length).toBeGreaterThanOrEqual(40);
			expect(developmentSecret(file)).toBe(first);
			expect(readFileSync(file, "utf8").trim()).toBe(first);
		} finally {
			if (saved !== undefined) process.env.BETTER_AUTH_SECRET = saved;
		}
	});
});
