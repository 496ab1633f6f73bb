/**
 * Every HTTP endpoint, fed bad input: wrong types, missing fields, broken JSON, arrays instead of
 * objects, oversized bodies, odd query strings. The answer must be the endpoint's normal answer
 * or a 4xx (with a code when it has a body), never a 500.
 */
import { describe, expect, it } from "vitest";
import { getTestInstance, TEST_BASE_URL } from "../test";
import { coreEndpoints } from "./endpoints";

const BAD_BODIES: string[] = [
	"{bad json",
	"[]",
	"null",
	"42",
	'"string"',
	JSON.stringify({ email: 12, password: ["x"], name: { a: 1 }, token: false, newPassword: null }),
	JSON.stringify({ email: "a@b.com", password: "x".repeat(5000), name: "N", callbackURL: "javascript:alert(1)" }),
	JSON.stringify({ email: "a@b.com\u0000", password: "password123", name: "\u0000", newEmail: "x", token: "\u0000" }),
	'{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
];
const BAD_QUERIES = ["", "?token=", "?token=%E0%A4%A", "?callbackURL=//evil.com&token=x", "?disableCookieCache=maybe"];

describe("malformed input never causes a 500", async () => {
	const { auth, signUp } = await getTestInstance({
		emailAndPassword: { enabled: true, sendResetPassword: async () => {} },
		emailVerification: { sendVerificationEmail: async () => {} },
		user: { changeEmail: { enabled: true }, deleteUser: { enabled: true } },
	});
	const { cookie } = await signUp();

	const send = (path: string, init: { method: string; body?: string; cookie?: string }) =>
		auth.handler(
			new Request(`${TEST_BASE_URL}/api/auth${path}`, {
				method: init.method,
				headers: {
					origin: TEST_BASE_URL,
					...(init.body !== undefined ? { "content-type": "application/json" } : {}),
					...(init.cookie ? { cookie: init.cookie } : {}),
				},
				body: init.body,
			}),
		);

	async function expectNoServerError(response: Response, label: string) {
		expect(response.status, label).toBeLessThan(500);
		if (response.status >= 400) {
			const text = await response.text();
			if (text && response.headers.get("content-type")?.includes("json")) {
				expect(JSON.parse(text).code, `${label}: code`).toEqual(expect.any(String));
			}
		}
	}

	for (const endpoint of Object.values(coreEndpoints)) {
		if ((endpoint.options as { metadata?: { SERVER_ONLY?: boolean } }).metadata?.SERVER_ONLY) continue;
		const path = (endpoint.path as string).replace(/:[a-zA-Z]+/g, "some-token");
		for (const method of [endpoint.options.method as string | string[]].flat()) {
			it(`${method} ${path}`, async () => {
				if (method === "POST") {
					for (const body of BAD_BODIES) {
						for (const withCookie of [undefined, cookie]) {
							await expectNoServerError(
								await send(path, { method, body, cookie: withCookie }),
								`${path} ${body.slice(0, 30)}`,
							);
						}
					}
					const huge = await send(path, { method, body: JSON.stringify({ email: "x".repeat(2 * 1024 * 1024) }) });
					expect(huge.status).toBe(413);
				} else {
					for (const query of BAD_QUERIES) {
						await expectNoServerError(await send(`${path}${query}`, { method, cookie }), `${path}${query}`);
					}
				}
			});
		}
	}
});
