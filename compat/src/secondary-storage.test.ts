import { memoryStorage } from "better-auth/db";
import { describe, expect, it } from "vitest";
import { BASE_URL, createPair, read } from "./harness";

describe("compat: sessions in secondary storage", () => {
	it("a session better-auth 1.7 wrote to the storage is valid here, and the other way round", async () => {
		// One storage shared by both, as when an app moves to this project on the same Redis.
		const storage = memoryStorage();
		const pair = await createPair({ emailAndPassword: { enabled: true }, secondaryStorage: storage });
		const signUp = async (handler: (r: Request) => Promise<Response>, email: string) => {
			const response = await handler(
				new Request(`${BASE_URL}/api/auth/sign-up/email`, {
					method: "POST",
					headers: { "content-type": "application/json" },
					body: JSON.stringify({ email, password: "password123", name: "S" }),
				}),
			);
			return response.headers
				.getSetCookie()
				.map((cookie) => cookie.split(";")[0])
				.join("; ");
		};
		const fromReference = await signUp(pair.reference.handler, "ref@b.com");
		const fromOurs = await signUp(pair.ours.handler, "ours@b.com");
		const get = async (handler: (r: Request) => Promise<Response>, cookie: string) =>
			(await read(await handler(new Request(`${BASE_URL}/api/auth/get-session`, { headers: { cookie } })))).body as {
				user: { email: string };
				session: { expiresAt: string };
			};
		expect((await get(pair.ours.handler, fromReference)).user.email).toBe("ref@b.com");
		expect((await get(pair.reference.handler, fromOurs)).user.email).toBe("ours@b.com");
		const listed = await pair.reference.handler(
			new Request(`${BASE_URL}/api/auth/list-sessions`, { headers: { cookie: fromOurs } }),
		);
		expect(((await read(listed)).body as unknown[]).length).toBe(1);
	});
});
