import { describe, expect, it } from "vitest";
import { parseSetCookie, parseSetCookies } from "./set-cookie";

describe("parseSetCookie", () => {
	it("reads the name, the decoded value and every attribute", () => {
		expect(
			parseSetCookie(
				"__Secure-better-auth.session_token=abc.d%2Be%3D; Max-Age=604800; Domain=example.com; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT; HttpOnly; Secure; SameSite=None; Partitioned",
			),
		).toEqual({
			name: "__Secure-better-auth.session_token",
			value: "abc.d+e=",
			options: {
				maxAge: 604800,
				domain: "example.com",
				path: "/",
				expires: new Date("Wed, 21 Oct 2099 07:28:00 GMT"),
				httpOnly: true,
				secure: true,
				sameSite: "none",
				partitioned: true,
			},
		});
	});

	it("keeps an empty value (a removal) and skips headers without a name", () => {
		expect(parseSetCookie("a=; Max-Age=0")).toEqual({ name: "a", value: "", options: { maxAge: 0 } });
		expect(parseSetCookie("=x")).toBeNull();
		expect(parseSetCookie("novalue")).toBeNull();
	});

	it("keeps a value that is not valid percent-encoding as it is", () => {
		expect(parseSetCookie("a=100%; Path=/")?.value).toBe("100%");
	});
});

describe("parseSetCookies", () => {
	it("reads every Set-Cookie header in order", () => {
		const headers = new Headers();
		headers.append("set-cookie", "a=1; Path=/");
		headers.append("set-cookie", "b=2; SameSite=Strict");
		expect(parseSetCookies(headers).map((c) => [c.name, c.value, c.options.sameSite])).toEqual([
			["a", "1", undefined],
			["b", "2", "strict"],
		]);
		expect(parseSetCookies(undefined)).toEqual([]);
	});
});
