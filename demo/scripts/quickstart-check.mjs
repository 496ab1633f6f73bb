/**
 * The README's quick start as a newcomer runs it: `pnpm start` in this checkout, then the demo
 * must answer /api/auth/ok and show the sign-in page in a real browser. Used by .ci/run.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const port = Number(process.env.PORT ?? 3000);
const base = `http://localhost:${port}`;
const repo = fileURLToPath(new URL("../..", import.meta.url));
const child = spawn("pnpm", ["start"], {
	cwd: repo,
	stdio: ["ignore", "pipe", "pipe"],
	detached: true,
	env: process.env,
});
// The server's output is shown only when the check fails.
let output = "";
child.stdout.on("data", (chunk) => {
	output += chunk;
});
child.stderr.on("data", (chunk) => {
	output += chunk;
});
const stop = () => {
	try {
		process.kill(-child.pid, "SIGTERM");
	} catch {}
};

async function waitForOk(deadline) {
	while (Date.now() < deadline) {
		try {
			const response = await fetch(`${base}/api/auth/ok`);
			if (response.ok) return await response.json();
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`the demo did not answer ${base}/api/auth/ok within the time limit`);
}

try {
	const ok = await waitForOk(Date.now() + 240_000);
	if (ok?.ok !== true) throw new Error(`/api/auth/ok answered ${JSON.stringify(ok)}`);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
		args: ["--no-sandbox"],
	});
	try {
		const page = await browser.newPage();
		await page.goto(base);
		await page.getByRole("heading", { name: "Sign in" }).waitFor({ timeout: 15_000 });
	} finally {
		await browser.close();
	}
	console.log(`quick start: ${base}/api/auth/ok answered {"ok":true} and ${base} shows the sign-in page`);
	stop();
	process.exit(0);
} catch (error) {
	console.error(output);
	console.error(`quick start failed: ${error instanceof Error ? error.message : error}`);
	stop();
	process.exit(1);
}
