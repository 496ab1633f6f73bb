import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCookieJar } from "./cookie-jar";
import { runAuthFlow } from "./flow";
import { nextAppDir } from "./next-global-setup";
import { freePort } from "./servers";

/** Polls until the server answers, or fails with what it printed. */
async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`);
		try {
			const response = await fetch(`${url}/api/auth/ok`);
			if (response.ok) return;
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`next start did not answer within 60 s:\n${output()}`);
}

describe("Next.js app router: app/api/auth/[...all]/route.ts with toNextJsHandler, built and started", () => {
	let url: string;
	let child: ChildProcess;
	let log = "";

	beforeAll(async () => {
		const port = await freePort();
		url = `http://127.0.0.1:${port}`;
		child = spawn(
			join(nextAppDir, "..", "node_modules", ".bin", "next"),
			["start", "-p", String(port), "-H", "127.0.0.1"],
			{
				cwd: nextAppDir,
				// Its own process group, so the server and anything it forks stop together.
				detached: true,
				env: {
					...process.env,
					NODE_ENV: "production",
					NEXT_TELEMETRY_DISABLED: "1",
					BETTER_AUTH_URL: url,
					E2E_NEXT_DATABASE: inject("nextDatabase"),
				},
				stdio: ["ignore", "pipe", "pipe"],
			},
		);
		child.stdout?.on("data", (chunk) => {
			log += chunk;
		});
		child.stderr?.on("data", (chunk) => {
			log += chunk;
		});
		await waitUntilReady(url, child, () => log);
	});

	afterAll(async () => {
		if (!child?.pid || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once("exit", resolve));
		process.kill(-child.pid, "SIGTERM");
		await exited;
	});

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(url);
	});

	it("nextCookies(): auth.api.signInEmail in a route handler sets the session cookie through next/headers", async () => {
		const email = "server-side@example.com";
		const password = "password1234";
		const signUp = await fetch(`${url}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: url },
			body: JSON.stringify({ email, password, name: "Server Side" }),
		});
		expect(signUp.status).toBe(200);

		const jar = createCookieJar();
		const signIn = await jar.fetch(`${url}/api/server-sign-in`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ email, password }),
		});
		expect(signIn.status).toBe(200);
		const { userId } = await signIn.json();
		expect(jar.get("better-auth.session_token")).toBeTruthy();
		const session = await jar.fetch(`${url}/api/auth/get-session`);
		expect((await session.json()).user).toMatchObject({ id: userId, email });
	});

	it("a Server Component reads the session with auth.api.getSession({ headers: await headers() })", async () => {
		expect(await (await fetch(`${url}/`)).text()).toContain("Signed out");
		const jar = createCookieJar();
		await jar.fetch(`${url}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: url },
			body: JSON.stringify({ email: "rsc@example.com", password: "password1234", name: "RSC" }),
		});
		const page = await (await jar.fetch(`${url}/`)).text();
		expect(page).toContain("Signed in as <!-- -->rsc@example.com");
	});
});
