/**
 * The demo's flows in a real browser (Debian's Chromium driven by playwright-core): sign up, see
 * the dashboard, reload and stay signed in, sign out, sign in, a wrong password shows the error.
 * Screenshots of the main pages are kept in demo/test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemo } from "../server/app";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const root = fileURLToPath(new URL("..", import.meta.url));
const artifacts = join(root, "test-artifacts");
/** A port nothing listens on (the auth instance needs its public URL before the server starts). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once("error", reject);
		probe.listen(0, "127.0.0.1", () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

const ci = process.env.CI === "true" || process.env.CI === "1";

if (!existsSync(CHROMIUM)) {
	if (ci)
		throw new Error(`Chromium is required when CI=true but ${CHROMIUM} does not exist (apt-get install chromium).`);
	console.warn(`\n**** ${CHROMIUM} not found: the demo's browser tests are SKIPPED. ****\n`);
}

describe.skipIf(!existsSync(CHROMIUM))("demo in a real browser", () => {
	const dir = mkdtempSync(join(tmpdir(), "ba-demo-"));
	let demo: Awaited<ReturnType<typeof createDemo>>;
	let browser: Browser;
	let page: Page;
	let base: string;

	beforeAll(async () => {
		await build({ root, logLevel: "error", build: { outDir: join(dir, "dist") } });
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		demo = await createDemo({
			databaseFile: join(dir, "demo.db"),
			secret: "demo-test-secret-0123456789abcdefghij",
			baseURL: base,
			staticDir: join(dir, "dist"),
			env: {},
		});
		await new Promise<void>((resolve) => demo.server.listen(port, "127.0.0.1", resolve));
		mkdirSync(artifacts, { recursive: true });
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
		page = await browser.newPage();
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
		await demo?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

	it("signs up and lands on the dashboard", async () => {
		await page.goto(base);
		await page.getByRole("heading", { name: "Sign in" }).waitFor();
		await shot("sign-in");
		await page.getByRole("button", { name: "Create one" }).click();
		await page.getByLabel("Name").fill("Ada Lovelace");
		await page.getByLabel("Email").fill("ada@example.com");
		await page.getByLabel("Password").fill("correct-horse-battery");
		await shot("sign-up");
		await page.getByRole("button", { name: "Sign up" }).click();
		await page.getByRole("heading", { name: "Welcome, Ada Lovelace" }).waitFor();
		expect(await page.getByTestId("user-email").textContent()).toBe("ada@example.com");
		await page.getByText("(this browser)").waitFor();
		await shot("dashboard");
	});

	it("stays signed in after a reload", async () => {
		await page.reload();
		await page.getByRole("heading", { name: "Welcome, Ada Lovelace" }).waitFor();
		const cookies = await page.context().cookies();
		expect(cookies.map((cookie) => cookie.name)).toContain("better-auth.session_token");
	});

	it("changes the name", async () => {
		await page.getByLabel("Name", { exact: true }).fill("Ada King");
		await page.getByRole("button", { name: "Save" }).click();
		await page.getByRole("heading", { name: "Welcome, Ada King" }).waitFor();
	});

	it("lists a session from another device and revokes it", async () => {
		const other = await fetch(`${base}/api/auth/sign-in/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: base, "user-agent": "Other Device/1.0" },
			body: JSON.stringify({ email: "ada@example.com", password: "correct-horse-battery" }),
		});
		expect(other.status).toBe(200);
		await page.reload();
		await page.getByText("Other Device/1.0").waitFor();
		await page.getByRole("button", { name: "Revoke" }).click();
		await page.getByText("Other Device/1.0").waitFor({ state: "detached" });
		const cookie = other.headers.getSetCookie()[0].split(";")[0];
		const session = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
		expect(await session.json()).toBeNull();
	});

	it("changes the password", async () => {
		await page.getByLabel("Current password").fill("correct-horse-battery");
		await page.getByLabel("New password").fill("new-horse-battery-9");
		await page.getByRole("button", { name: "Change password" }).click();
		await page.getByRole("status").getByText("Password changed.").waitFor();
		await page.getByLabel("Current password").fill("not-the-password");
		await page.getByLabel("New password").fill("another-password-1");
		await page.getByRole("button", { name: "Change password" }).click();
		expect(await page.getByRole("alert").textContent()).toBe("Invalid password.");
	});

	it("signs out, and back in", async () => {
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.getByRole("heading", { name: "Sign in" }).waitFor();
		await page.getByLabel("Email").fill("ada@example.com");
		await page.getByLabel("Password").fill("new-horse-battery-9");
		await page.getByRole("button", { name: "Sign in" }).click();
		await page.getByRole("heading", { name: "Welcome, Ada King" }).waitFor();
	});

	it("shows the server's error for a wrong password", async () => {
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.getByRole("heading", { name: "Sign in" }).waitFor();
		await page.getByLabel("Email").fill("ada@example.com");
		await page.getByLabel("Password").fill("wrong-password-123");
		await page.getByRole("button", { name: "Sign in" }).click();
		const alert = page.getByRole("alert");
		await alert.waitFor();
		expect(await alert.textContent()).toBe("Invalid email or password.");
		await shot("wrong-password");
	});
});
