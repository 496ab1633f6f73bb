import { describe, expect, it } from "vitest";
import { createPair, read } from "./harness";

describe("compat: utility endpoints", () => {
	it("GET /ok answers the same", async () => {
		const pair = await createPair();
		const { ours, reference } = await pair.request("/ok");
		expect(await read(ours)).toEqual(await read(reference));
	});

	it("an unknown path answers with the same status", async () => {
		const pair = await createPair();
		const { ours, reference } = await pair.request("/definitely-not-a-route");
		expect(ours.status).toBe(reference.status);
	});
});

describe("compat: routing", () => {
	it("odd spellings of a path answer like better-auth", async () => {
		const pair = await createPair();
		for (const path of ["/ok/", "//ok", "/OK", "/ok?x=1"]) {
			const { ours, reference } = await pair.request(path);
			expect(ours.status, path).toBe(reference.status);
		}
		const post = await pair.request("/ok", { method: "POST" });
		expect(post.ours.status).toBe(post.reference.status);
	});

	it("disabled paths answer 404 on both", async () => {
		const pair = await createPair({ disabledPaths: ["/ok"] });
		const { ours, reference } = await pair.request("/ok");
		expect(ours.status).toBe(404);
		expect(reference.status).toBe(404);
	});

	it("the error page is HTML with status 200 on both", async () => {
		const pair = await createPair();
		const { ours, reference } = await pair.request("/error?error=state_mismatch");
		expect(ours.status).toBe(reference.status);
		expect(ours.headers.get("content-type")).toBe(reference.headers.get("content-type"));
	});
});
