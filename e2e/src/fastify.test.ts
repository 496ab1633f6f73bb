import { afterAll, beforeAll, describe, it } from "vitest";
import { runAuthFlow } from "./flow";
import { type RunningServer, startFastify, startFastifyNodeHandler } from "./servers";

describe("Fastify: catch-all route converting to a web Request (the docs' handler)", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startFastify();
	});
	afterAll(() => server.close());

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(server.url);
	});
});

describe("Fastify: toNodeHandler on the raw request, body left unparsed, reply hijacked", () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startFastifyNodeHandler();
	});
	afterAll(() => server.close());

	it("signs up, signs in, reads the session and signs out over real HTTP", async () => {
		await runAuthFlow(server.url);
	});
});
