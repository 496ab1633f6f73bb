import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCookieJar } from "./cookie-jar";
import { runAuthFlow } from "./flow";
import { type RunningServer, startExpress } from "./servers";

describe("Express 5: app.all('/api/auth/*splat', toNodeHandler(auth)), express.json() after", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startExpress();
	});
	afterAll(() => server.close());

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(server.url);
	});

	it("reads the session in the app's own route with fromNodeHeaders, and keeps express.json() working", async () => {
		const jar = createCookieJar();
		const signUp = await jar.fetch(`${server.url}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: server.url },
			body: JSON.stringify({ email: "me@example.com", password: "password1234", name: "Me" }),
		});
		expect(signUp.status).toBe(200);
		const me = await jar.fetch(`${server.url}/api/me`);
		expect((await me.json()).user.email).toBe("me@example.com");
		expect(await (await fetch(`${server.url}/api/me`)).json()).toBeNull();
		const echo = await fetch(`${server.url}/api/echo`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ a: 1 }),
		});
		expect(await echo.json()).toEqual({ received: { a: 1 } });
	});
});

describe("Express 5 with express.json() before the auth route", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startExpress({ jsonParserFirst: true });
	});
	afterAll(() => server.close());

	it("still works: toNodeHandler uses the parsed req.body", async () => {
		await runAuthFlow(server.url);
	});
});
