/**
 * `session.deferSessionRefresh` and POST /get-session against better-auth 1.7.24: the same
 * statuses, codes and body keys (GET answers `needsRefresh`, POST refreshes behind the Origin check,
 * POST without the option is 405).
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, read, shapeOf } from "./harness";

const signUp: RequestInit = {
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL },
	body: JSON.stringify({ email: "a@x.com", password: "password123", name: "A" }),
};

async function setup(session: Record<string, unknown> = {}) {
	const options = { emailAndPassword: { enabled: true }, logger: { disabled: true }, session };
	const pair = await createPair(options, options);
	const { ours, reference } = await pair.request("/sign-up/email", signUp);
	return { pair, cookies: { ours: cookieOf(ours), reference: cookieOf(reference) } };
}

describe("compat: deferSessionRefresh", () => {
	it("POST /get-session without the option: 405 with the same code", async () => {
		const { pair, cookies } = await setup();
		const ours = await read(
			await pair.ours.handler(
				new Request(`${BASE_URL}/api/auth/get-session`, {
					method: "POST",
					headers: { origin: BASE_URL, cookie: cookies.ours },
				}),
			),
		);
		const reference = await read(
			await pair.reference.handler(
				new Request(`${BASE_URL}/api/auth/get-session`, {
					method: "POST",
					headers: { origin: BASE_URL, cookie: cookies.reference },
				}),
			),
		);
		expect(ours).toEqual({ status: 405, body: reference.body });
		expect(reference.status).toBe(405);
	});

	it("GET answers needsRefresh and writes nothing; POST refreshes; a POST without Origin is refused", async () => {
		const { pair, cookies } = await setup({ deferSessionRefresh: true, updateAge: 0 });
		for (const [method, origin] of [
			["GET", undefined],
			["POST", undefined],
			["POST", "http://evil.example"],
			["POST", BASE_URL],
		] as const) {
			const init = (side: "ours" | "reference"): RequestInit => ({
				method,
				headers: { cookie: cookies[side], ...(origin ? { origin } : {}) },
			});
			const oursResponse = await pair.ours.handler(new Request(`${BASE_URL}/api/auth/get-session`, init("ours")));
			const referenceResponse = await pair.reference.handler(
				new Request(`${BASE_URL}/api/auth/get-session`, init("reference")),
			);
			const [a, b] = [await read(oursResponse), await read(referenceResponse)];
			const label = `${method} origin=${origin}`;
			expect(a.status, label).toBe(b.status);
			expect(shapeOf(a.body), label).toEqual(shapeOf(b.body));
			if (b.body && typeof b.body === "object" && "code" in b.body) expect(a.body).toMatchObject({ code: b.body.code });
			if (b.body && typeof b.body === "object" && "needsRefresh" in b.body) {
				expect((a.body as { needsRefresh: boolean }).needsRefresh, label).toBe(b.body.needsRefresh);
			}
			expect(cookieNames(oursResponse), label).toEqual(cookieNames(referenceResponse));
		}
	});
});
