import { describe, expect, it } from "vitest";
import { isSafeRedirect, isTrustedOrigin } from "./url";

const trusted = ["http://localhost:3000", "https://app.example.com", "*.tenant.io", "https://*.secure.io", "myapp://"];

describe("callback URL validation", () => {
	it.each([
		["/dashboard", true],
		["/dashboard?next=%2Fsettings#x", true],
		["http://localhost:3000/after", true],
		["https://app.example.com/x", true],
		["https://a.tenant.io/x", true],
		["http://b.tenant.io/x", true],
		["https://c.secure.io/x", true],
		["myapp://callback", true],
		["//evil.com", false],
		["/\\evil.com", false],
		["/%2F%2Fevil.com", false],
		["%2F%2Fevil.com", false],
		["/%5Cevil.com", false],
		["https://app.example.com.evil.com/x", false],
		["https://evil.com/app.example.com", false],
		["http://c.secure.io/x", false],
		["https://localhost:3000@evil.com", false],
		["javascript:alert(1)", false],
		["JaVaScRiPt:alert(1)", false],
		["data:text/html,hi", false],
		["/\u0009/evil.com", false],
		["", false],
		["%E0%A4%A", false],
	])("%s → %s", (url, expected) => {
		expect(isSafeRedirect(url, trusted)).toBe(expected);
	});

	it("compares origins, not prefixes", () => {
		expect(isTrustedOrigin("http://localhost:3000", trusted)).toBe(true);
		expect(isTrustedOrigin("http://localhost:30000", trusted)).toBe(false);
		expect(isTrustedOrigin("https://localhost:3000", trusted)).toBe(false);
	});
});
