import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuthFlow } from "./flow";
import { type RunningServer, startHono } from "./servers";

describe("Hono on @hono/node-server: app.on(['POST', 'GET'], '/api/auth/*', c => auth.handler(c.req.raw))", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startHono();
	});
	afterAll(() => server.close());

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(server.url);
	});

	it("leaves the app's other routes to the app", async () => {
		expect(await (await fetch(`${server.url}/`)).text()).toBe("home");
	});
});
