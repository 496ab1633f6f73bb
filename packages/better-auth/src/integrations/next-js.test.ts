import { afterEach, describe, expect, it, vi } from "vitest";
import { getTestInstance } from "../test";
import { nextCookies, toNextJsHandler } from "./next-js";

const store = { set: vi.fn() };
const cookies = vi.fn(async () => store);

// `next` is not a dependency of this package: the plugin's dynamic import gets this stand-in.
vi.mock("next/headers", () => ({ cookies: () => cookies() }));

afterEach(() => {
	store.set.mockClear();
	cookies.mockClear();
});

const user = { email: "next@example.com", password: "password1234", name: "Next" };

describe("toNextJsHandler", () => {
	it("exports a route handler per method, each passing the request to the auth handler", async () => {
		const seen: string[] = [];
		const auth = {
			handler: async (request: Request) => {
				seen.push(`${request.method} ${new URL(request.url).pathname}`);
				return new Response("ok");
			},
		};
		const routes = toNextJsHandler(auth);
		expect(Object.keys(routes)).toEqual(["GET", "POST", "PATCH", "PUT", "DELETE"]);
		for (const [method, route] of Object.entries(routes)) {
			const response = await route(new Request("http://localhost/api/auth/x", { method }));
			expect(await response.text()).toBe("ok");
		}
		expect(seen).toEqual([
			"GET /api/auth/x",
			"POST /api/auth/x",
			"PATCH /api/auth/x",
			"PUT /api/auth/x",
			"DELETE /api/auth/x",
		]);
	});

	it("accepts auth.handler itself, as the docs' `toNextJsHandler(auth.handler)`", async () => {
		const { auth } = await getTestInstance();
		const { GET } = toNextJsHandler(auth.handler);
		const response = await GET(new Request("http://localhost:3000/api/auth/ok"));
		expect(await response.json()).toEqual({ ok: true });
	});
});

describe("nextCookies", () => {
	it("writes the session cookies of an auth.api call through next/headers", async () => {
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [nextCookies()] });
		const { headers } = await auth.api.signUpEmail({ body: user, returnHeaders: true });
		const token = headers.getSetCookie().find((c: string) => c.startsWith("better-auth.session_token="))!;
		expect(cookies).toHaveBeenCalledTimes(1);
		expect(store.set).toHaveBeenCalledWith(
			"better-auth.session_token",
			decodeURIComponent(token.split(";")[0].split("=")[1]),
			expect.objectContaining({ path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 * 60 * 24 * 7 }),
		);
	});

	it("does nothing for requests through the HTTP handler: the response carries the cookies", async () => {
		const { signUp } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [nextCookies()] });
		const { response, cookie } = await signUp(user);
		expect(response.status).toBe(200);
		expect(cookie).toContain("better-auth.session_token=");
		expect(cookies).not.toHaveBeenCalled();
	});

	it("does nothing when the call sets no cookie", async () => {
		const { auth } = await getTestInstance({ plugins: [nextCookies()] });
		await auth.api.ok();
		expect(cookies).not.toHaveBeenCalled();
	});

	it("lets the call succeed outside a Next request scope (cookies() throws)", async () => {
		cookies.mockImplementationOnce(async () => {
			throw new Error("`cookies` was called outside a request scope.");
		});
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [nextCookies()] });
		const result = await auth.api.signUpEmail({ body: user });
		expect(result.user.email).toBe(user.email);
		expect(store.set).not.toHaveBeenCalled();
	});

	it("writes the cookie removal of sign-out", async () => {
		const { auth, signUp } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [nextCookies()] });
		const { cookie } = await signUp(user);
		await auth.api.signOut({ headers: new Headers({ cookie }) });
		expect(store.set).toHaveBeenCalledWith("better-auth.session_token", "", expect.objectContaining({ maxAge: 0 }));
	});
});
