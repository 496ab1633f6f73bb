/** The app's cookie jar: Set-Cookie parsing, expiry, malformed storage. */
import { describe, expect, it } from "vitest";
import { mergeSetCookie, readStoredCookies, splitSetCookieHeader, toCookieHeader } from "./cookie-store";

const NOW = Date.parse("2030-01-01T00:00:00.000Z");

describe("splitSetCookieHeader", () => {
	it("splits joined cookies but not the comma inside Expires", () => {
		const header = "a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly, b=2; Max-Age=60, c=x=y; Path=/";
		expect(splitSetCookieHeader(header)).toEqual([
			"a=1; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly",
			"b=2; Max-Age=60",
			"c=x=y; Path=/",
		]);
	});
});

describe("mergeSetCookie", () => {
	it("turns Max-Age and Expires into absolute dates (Max-Age wins)", () => {
		const jar = mergeSetCookie(
			"a=1; Max-Age=60; Expires=Wed, 21 Oct 2037 07:28:00 GMT, b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT, c=3",
			{},
			NOW,
		);
		expect(jar).toEqual({
			a: { value: "1", expires: "2030-01-01T00:01:00.000Z" },
			b: { value: "2", expires: "2037-10-21T07:28:00.000Z" },
			c: { value: "3", expires: null },
		});
	});

	it("replaces old values and drops cookies deleted by Max-Age=0, a past Expires or an empty value", () => {
		const previous = {
			a: { value: "old", expires: null },
			b: { value: "2", expires: null },
			c: { value: "3", expires: null },
			d: { value: "4", expires: null },
			keep: { value: "k", expires: null },
		};
		const jar = mergeSetCookie(
			"a=new, b=; Max-Age=0, c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT, d=; Path=/",
			previous,
			NOW,
		);
		expect(jar).toEqual({ a: { value: "new", expires: null }, keep: { value: "k", expires: null } });
	});

	it("skips lines without a name", () => {
		expect(mergeSetCookie("=x, novalue, ; Path=/", {}, NOW)).toEqual({});
	});
});

describe("readStoredCookies", () => {
	it("drops expired entries", () => {
		const json = JSON.stringify({
			old: { value: "1", expires: "2029-12-31T23:59:59.000Z" },
			fresh: { value: "2", expires: "2030-01-01T00:00:01.000Z" },
			session: { value: "3", expires: null },
		});
		expect(toCookieHeader(readStoredCookies(json, NOW))).toBe("fresh=2; session=3");
	});

	it.each(["", "{", "null", "42", '"text"', "[]", '{"a":null}', '{"a":{"expires":null}}'])(
		"reads %j as empty",
		(json) => {
			expect(readStoredCookies(json, NOW)).toEqual({});
		},
	);
});
