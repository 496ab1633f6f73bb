import { BetterAuthError } from "@better-auth/core/error";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveBaseURL } from "./url";

afterEach(() => {
	vi.unstubAllEnvs();
});

describe("resolveBaseURL", () => {
	it("appends the base path to a bare origin, keeps a URL that has a path", () => {
		expect(resolveBaseURL("http://localhost:3000")).toBe("http://localhost:3000/api/auth");
		expect(resolveBaseURL("http://localhost:3000/")).toBe("http://localhost:3000/api/auth");
		expect(resolveBaseURL("https://example.com/custom/auth")).toBe("https://example.com/custom/auth");
		expect(resolveBaseURL("https://example.com/api/auth/")).toBe("https://example.com/api/auth");
		expect(resolveBaseURL("https://example.com", "/auth/")).toBe("https://example.com/auth");
		expect(resolveBaseURL("https://example.com", "auth")).toBe("https://example.com/auth");
	});

	it("refuses a baseURL that is not a URL, saying what to pass", () => {
		expect(() => resolveBaseURL("/api/auth")).toThrow(BetterAuthError);
		expect(() => resolveBaseURL("not a url")).toThrow(/Invalid baseURL "not a url": pass an absolute URL/);
	});

	it("uses BETTER_AUTH_URL (and the framework-public variants) when no baseURL is given", () => {
		vi.stubEnv("BETTER_AUTH_URL", "");
		vi.stubEnv("NEXT_PUBLIC_BETTER_AUTH_URL", "https://next.example");
		expect(resolveBaseURL()).toBe("https://next.example/api/auth");
		vi.stubEnv("BETTER_AUTH_URL", "https://env.example/auth");
		expect(resolveBaseURL()).toBe("https://env.example/auth");
		expect(resolveBaseURL("https://explicit.example")).toBe("https://explicit.example/api/auth");
	});

	it("falls back to the relative base path on a server without configuration", () => {
		for (const name of [
			"BETTER_AUTH_URL",
			"NEXT_PUBLIC_BETTER_AUTH_URL",
			"PUBLIC_BETTER_AUTH_URL",
			"NUXT_PUBLIC_BETTER_AUTH_URL",
			"NUXT_PUBLIC_AUTH_URL",
		]) {
			vi.stubEnv(name, "");
		}
		expect(resolveBaseURL()).toBe("/api/auth");
		expect(resolveBaseURL(undefined, "/auth")).toBe("/auth");
	});
});
