import { describe, expect, it } from "vitest";
import { getTestInstance } from "../test";
import { toSolidStartHandler } from "./solid-start";

describe("toSolidStartHandler", () => {
	it("exports a handler per method, each passing event.request to the auth handler", async () => {
		const seen: string[] = [];
		const routes = toSolidStartHandler(async (request) => {
			seen.push(request.method);
			return new Response("ok");
		});
		expect(Object.keys(routes)).toEqual(["GET", "POST", "PATCH", "PUT", "DELETE"]);
		for (const [method, route] of Object.entries(routes)) {
			await route({ request: new Request("http://localhost/api/auth/x", { method }) });
		}
		expect(seen).toEqual(["GET", "POST", "PATCH", "PUT", "DELETE"]);
	});

	it("signs up and reads the session through a real instance", async () => {
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true } });
		const { GET, POST } = toSolidStartHandler(auth);
		const origin = "http://localhost:3000";
		const signUp = await POST({
			request: new Request(`${origin}/api/auth/sign-up/email`, {
				method: "POST",
				headers: { "content-type": "application/json", origin },
				body: JSON.stringify({ email: "solid@example.com", password: "password1234", name: "Solid" }),
			}),
		});
		expect(signUp.status).toBe(200);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		const session = await GET({ request: new Request(`${origin}/api/auth/get-session`, { headers: { cookie } }) });
		expect((await session.json()).user.email).toBe("solid@example.com");
	});
});
