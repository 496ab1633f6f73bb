import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAuthFlow } from "./flow";
import { type RunningServer, startNodeHttp } from "./servers";

describe("node:http: createServer with toNodeHandler(auth) under /api/auth", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startNodeHttp();
	});
	afterAll(() => server.close());

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(server.url);
	});

	it("answers the app's other paths itself", async () => {
		expect(await (await fetch(`${server.url}/`)).text()).toBe("home");
	});

	it("answers an unknown auth path with 404", async () => {
		expect((await fetch(`${server.url}/api/auth/no-such-endpoint`)).status).toBe(404);
	});
});
