import { describe, expect, it, vi } from "vitest";
import { getTestInstance } from "../test";
import { isAuthPath, svelteKitHandler, sveltekitCookies, toSvelteKitHandler } from "./svelte-kit";

const event = (url: string, init?: RequestInit) => ({ url: new URL(url), request: new Request(url, init) });

describe("isAuthPath", () => {
	it.each([
		["http://a.com/api/auth/ok", {}, true],
		["http://a.com/api/auth/sign-in/email?x=1", {}, true],
		["http://a.com/api/auth", {}, false],
		["http://a.com/api/authx/ok", {}, false],
		["http://a.com/dashboard", {}, false],
		["http://a.com/x/ok", { basePath: "/x" }, true],
		["http://a.com/api/auth/ok", { basePath: "/x" }, false],
		["http://a.com/api/auth/ok", { baseURL: "http://a.com" }, true],
		["http://b.com/api/auth/ok", { baseURL: "http://a.com" }, false],
		["http://a.com/custom/ok", { baseURL: "http://a.com/custom" }, true],
	])("%s with %j → %s", (url, options, expected) => {
		expect(isAuthPath(url, options)).toBe(expected);
	});
});

describe("svelteKitHandler", () => {
	const auth = { handler: vi.fn(async () => new Response("auth")), options: { baseURL: "http://a.com" } };
	const resolve = vi.fn(async () => new Response("app"));

	it("answers auth paths with the auth handler, without calling resolve", async () => {
		const input = event("http://a.com/api/auth/get-session");
		const response = await svelteKitHandler({ auth, event: input, resolve });
		expect(await response.text()).toBe("auth");
		expect(auth.handler).toHaveBeenCalledWith(input.request);
		expect(resolve).not.toHaveBeenCalled();
	});

	it("passes every other request to resolve", async () => {
		auth.handler.mockClear();
		const input = event("http://a.com/dashboard");
		const response = await svelteKitHandler({ auth, event: input, resolve });
		expect(await response.text()).toBe("app");
		expect(resolve).toHaveBeenCalledWith(input);
		expect(auth.handler).not.toHaveBeenCalled();
	});

	it("only resolves while building (prerendering)", async () => {
		auth.handler.mockClear();
		const response = await svelteKitHandler({
			auth,
			event: event("http://a.com/api/auth/ok"),
			resolve,
			building: true,
		});
		expect(await response.text()).toBe("app");
		expect(auth.handler).not.toHaveBeenCalled();
	});

	it("runs a real instance's endpoints through the hook", async () => {
		const { auth: real } = await getTestInstance();
		const response = await svelteKitHandler({ auth: real, event: event("http://localhost:3000/api/auth/ok"), resolve });
		expect(await response.json()).toEqual({ ok: true });
	});
});

describe("toSvelteKitHandler", () => {
	it("passes the event's request to the auth handler", async () => {
		const { auth } = await getTestInstance();
		const handler = toSvelteKitHandler(auth);
		expect(await (await handler(event("http://localhost:3000/api/auth/ok"))).json()).toEqual({ ok: true });
	});
});

describe("sveltekitCookies", () => {
	const user = { email: "svelte@example.com", password: "password1234", name: "Svelte" };

	it("writes an auth.api call's cookies through the request event", async () => {
		const set = vi.fn();
		const { auth } = await getTestInstance({
			emailAndPassword: { enabled: true },
			plugins: [sveltekitCookies(() => ({ cookies: { set } }))],
		});
		await auth.api.signUpEmail({ body: user });
		expect(set).toHaveBeenCalledWith(
			"better-auth.session_token",
			expect.stringMatching(/^[^%]+\.[^%]+$/),
			expect.objectContaining({ path: "/", httpOnly: true, sameSite: "lax" }),
		);
	});

	it("does nothing outside a request (getRequestEvent throws) or over HTTP", async () => {
		const set = vi.fn();
		let inRequest = false;
		const { auth, signUp } = await getTestInstance({
			emailAndPassword: { enabled: true },
			plugins: [
				sveltekitCookies(() => {
					if (!inRequest) throw new Error("Can only read the current request event inside a request");
					return { cookies: { set } };
				}),
			],
		});
		const result = await auth.api.signUpEmail({ body: user });
		expect(result.user.email).toBe(user.email);
		inRequest = true;
		const { response } = await signUp({ email: "other@example.com", password: "password1234", name: "O" });
		expect(response.status).toBe(200);
		expect(set).not.toHaveBeenCalled();
	});
});
