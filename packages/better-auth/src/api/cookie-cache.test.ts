import { describe, expect, it } from "vitest";
import { betterAuth } from "../auth";
import { getTestInstance } from "../test";

// Compatibility of the format with better-auth 1.7 is checked both ways in compat/.
describe("cookie cache", () => {
	const options = { emailAndPassword: { enabled: true }, session: { cookieCache: { enabled: true, maxAge: 300 } } };

	it("answers get-session from the cookie without the database", async () => {
		const { signUp, request, database } = await getTestInstance(options);
		const { response, cookie } = await signUp();
		expect(response.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual([
			"better-auth.session_token",
			"better-auth.session_data",
		]);
		expect(response.headers.getSetCookie()[1]).toMatch(/Max-Age=300/);
		database.prepare(`delete from "session"`).run();
		const cached = await (await request("/get-session", { cookie })).json();
		expect(cached.user.email).toBe("test@example.com");
		const fresh = await request("/get-session?disableCookieCache=true", { cookie });
		expect(await fresh.json()).toBeNull();
	});

	it("refuses a tampered, expired, foreign or other-session cache and falls back to the database", async () => {
		const { signUp, request, database } = await getTestInstance(options);
		const { cookie } = await signUp();
		const data = /better-auth\.session_data=([^;]+)/.exec(cookie)![1];
		const decoded = JSON.parse(Buffer.from(decodeURIComponent(data), "base64url").toString());
		const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
		const withData = (value: string) => cookie.replace(data, value);
		database.prepare(`delete from "session"`).run();
		const tampered = encode({
			...decoded,
			session: { ...decoded.session, user: { ...decoded.session.user, email: "evil@x.y" } },
		});
		const expired = encode({ ...decoded, expiresAt: Date.now() - 1 });
		for (const value of [tampered, expired, "not-base64-json"]) {
			expect(await (await request("/get-session", { cookie: withData(value) })).json()).toBeNull();
		}
		const other = await getTestInstance({ ...options, secret: "another-secret-0123456789abcdefgh" });
		expect(await (await other.request("/get-session", { cookie })).json()).toBeNull();
	});

	it("sign-out clears the cache cookie", async () => {
		const { signUp, request } = await getTestInstance(options);
		const { cookie } = await signUp();
		const out = await request("/sign-out", { body: {}, cookie });
		expect(out.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_data="))).toMatch(/Max-Age=0/);
	});

	it("jwe: an encrypted cache that answers get-session and refuses tampering or another secret", async () => {
		const jwe = { ...options, session: { cookieCache: { enabled: true, maxAge: 300, strategy: "jwe" as const } } };
		const { signUp, request, database } = await getTestInstance(jwe);
		const { cookie } = await signUp();
		const data = decodeURIComponent(/better-auth\.session_data=([^;]+)/.exec(cookie)![1]);
		const parts = data.split(".");
		expect(parts).toHaveLength(5);
		expect(JSON.parse(Buffer.from(parts[0], "base64url").toString())).toMatchObject({
			alg: "dir",
			enc: "A256CBC-HS512",
		});
		expect(data).not.toContain("test@example.com");
		database.prepare(`delete from "session"`).run();
		expect((await (await request("/get-session", { cookie })).json()).user.email).toBe("test@example.com");
		const flipped = parts.slice();
		flipped[3] = `${flipped[3][0] === "A" ? "B" : "A"}${flipped[3].slice(1)}`;
		const tampered = cookie.replace(/better-auth\.session_data=[^;]+/, `better-auth.session_data=${flipped.join(".")}`);
		expect(await (await request("/get-session", { cookie: tampered })).json()).toBeNull();
		const other = await getTestInstance({ ...jwe, secret: "another-secret-0123456789abcdefgh" });
		expect(await (await other.request("/get-session", { cookie })).json()).toBeNull();
	});

	it("refuses an unknown strategy at start-up", () => {
		expect(() =>
			betterAuth({
				secret: "s".repeat(32),
				session: { cookieCache: { enabled: true, strategy: "rot13" as "jwt" } },
			}),
		).toThrow(/unknown/);
	});
});
