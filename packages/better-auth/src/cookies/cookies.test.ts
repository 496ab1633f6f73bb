import { describe, expect, it } from "vitest";
import { getCookies, getSessionCookie, parseCookies } from ".";

// Observed from better-auth 1.7.24's getCookies and Set-Cookie headers for the same options.
describe("cookie names and attributes", () => {
	it("defaults on http", () => {
		expect(getCookies({ baseURL: "http://localhost:3000" })).toEqual({
			sessionToken: {
				name: "better-auth.session_token",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 604800 },
			},
			sessionData: {
				name: "better-auth.session_data",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 300 },
			},
			dontRememberToken: {
				name: "better-auth.dont_remember",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true },
			},
			accountData: {
				name: "better-auth.account_data",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 300 },
			},
			state: {
				name: "better-auth.state",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 300 },
			},
			oauthState: {
				name: "better-auth.oauth_state",
				attributes: { secure: false, sameSite: "lax", path: "/", httpOnly: true, maxAge: 600 },
			},
		});
	});

	it("__Secure- names on https", () => {
		const cookies = getCookies({ baseURL: "https://app.example.com" });
		expect(cookies.sessionToken.name).toBe("__Secure-better-auth.session_token");
		expect(cookies.sessionToken.attributes.secure).toBe(true);
	});

	it("prefix, custom names and attributes, cross-subdomain domain", () => {
		const cookies = getCookies({
			baseURL: "http://localhost:3000",
			advanced: {
				cookiePrefix: "myapp",
				useSecureCookies: true,
				crossSubDomainCookies: { enabled: true, domain: ".example.com" },
				cookies: { session_token: { name: "sid", attributes: { sameSite: "strict" } } },
			},
		});
		expect(cookies.sessionToken).toEqual({
			name: "__Secure-sid",
			attributes: {
				secure: true,
				sameSite: "strict",
				path: "/",
				httpOnly: true,
				domain: ".example.com",
				maxAge: 604800,
			},
		});
		expect(cookies.dontRememberToken.name).toBe("__Secure-myapp.dont_remember");
		expect(cookies.sessionData.attributes.domain).toBe(".example.com");
	});
});

describe("reading cookies", () => {
	it("parses a Cookie header and finds the session cookie under either name", () => {
		expect(parseCookies("a=1; b=x%3Dy; a=2")).toEqual(
			new Map([
				["a", "1"],
				["b", "x=y"],
			]),
		);
		const plain = new Headers({ cookie: "better-auth.session_token=tok.sig" });
		expect(getSessionCookie(plain)).toBe("tok.sig");
		const secure = new Request("https://x.test", { headers: { cookie: "__Secure-better-auth.session_token=s" } });
		expect(getSessionCookie(secure)).toBe("s");
		expect(getSessionCookie(new Headers({ cookie: "myapp.session_token=m" }), { cookiePrefix: "myapp" })).toBe("m");
		expect(getSessionCookie(new Headers())).toBeNull();
	});
});
