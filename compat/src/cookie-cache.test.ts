import { describe, expect, it } from "vitest";
import { BASE_URL, cookieOf, createPair, read } from "./harness";

describe("compat: cookie cache", () => {
	it.each(["compact", "jwt", "jwe"])(
		"each side accepts the other's %s session_data cookie (no rows needed)",
		async (strategy) => {
			const pair = await createPair({
				emailAndPassword: { enabled: true },
				session: { cookieCache: { enabled: true, strategy } },
			});
			const signUp = (handler: (r: Request) => Promise<Response>) =>
				handler(
					new Request(`${BASE_URL}/api/auth/sign-up/email`, {
						method: "POST",
						headers: { "content-type": "application/json" },
						body: JSON.stringify({ email: "cache@b.com", password: "password123", name: "Cache" }),
					}),
				);
			const fromReference = cookieOf(await signUp(pair.reference.handler));
			const fromOurs = cookieOf(await signUp(pair.ours.handler));
			expect(fromReference).toContain("better-auth.session_data=");
			expect(fromOurs).toContain("better-auth.session_data=");
			// Swap: each side has no session row for the other's token, so only the cache can answer.
			const oursReads = await read(
				await pair.ours.handler(
					new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie: fromReference } }),
				),
			);
			const referenceReads = await read(
				await pair.reference.handler(
					new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie: fromOurs } }),
				),
			);
			expect((oursReads.body as { user: { email: string } }).user.email).toBe("cache@b.com");
			expect((referenceReads.body as { user: { email: string } }).user.email).toBe("cache@b.com");
		},
	);
});
