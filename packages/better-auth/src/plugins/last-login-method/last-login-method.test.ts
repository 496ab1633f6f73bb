// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { createAuthClient } from "../../client";
import { lastLoginMethodClient } from "../../client/plugins/last-login-method";
import { getTestInstance } from "../../test";
import { lastLoginMethod } from ".";

describe("lastLoginMethod", () => {
	it("sets a readable cookie on email sign-up and sign-in, not on a failed sign-in", async () => {
		const { request, signUp } = await getTestInstance({
			emailAndPassword: { enabled: true },
			plugins: [lastLoginMethod()],
		});
		const { response } = await signUp();
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.last_used_login_method="));
		expect(cookie).toBe("better-auth.last_used_login_method=email; Max-Age=2592000; Path=/; SameSite=Lax");
		const signIn = await request("/sign-in/email", {
			body: { email: "test@example.com", password: "test-password-123" },
		});
		expect(signIn.headers.getSetCookie().join()).toContain("better-auth.last_used_login_method=email");
		const wrong = await request("/sign-in/email", { body: { email: "test@example.com", password: "wrong-password" } });
		expect(wrong.status).toBe(401);
		expect(wrong.headers.getSetCookie().join()).not.toContain("last_used_login_method");
		const session = await request("/get-session", { cookie: "x=y" });
		expect(session.headers.getSetCookie().join()).not.toContain("last_used_login_method");
	});

	it("stores the method on the user with storeInDatabase, and honours customResolveMethod and cookieName", async () => {
		const { signUp, database } = await getTestInstance({
			emailAndPassword: { enabled: true },
			plugins: [lastLoginMethod({ storeInDatabase: true, cookieName: "lm", customResolveMethod: () => "password" })],
		});
		const { response } = await signUp();
		expect(response.headers.getSetCookie().join()).toContain("lm=password");
		expect(database.prepare("select lastLoginMethod from user").get()).toEqual({ lastLoginMethod: "password" });
	});

	it("the client reads, compares and clears the cookie", () => {
		document.cookie = "better-auth.last_used_login_method=github; Path=/";
		const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [lastLoginMethodClient()] });
		expect(client.getLastUsedLoginMethod()).toBe("github");
		expect(client.isLastUsedLoginMethod("github")).toBe(true);
		expect(client.isLastUsedLoginMethod("email")).toBe(false);
		client.clearLastUsedLoginMethod();
		expect(client.getLastUsedLoginMethod()).toBeNull();
	});
});
