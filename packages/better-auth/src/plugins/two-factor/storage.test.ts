import { describe, expect, it } from "vitest";
import { bearer } from "../bearer";
import { cookieName, expectError, password, setup, totp, wrongCode } from "./test-helpers";

function memoryStorage() {
	const values = new Map<string, string>();
	return {
		values,
		get: (key: string) => values.get(key) ?? null,
		set: (key: string, value: string) => {
			values.set(key, value);
		},
		delete: (key: string) => {
			values.delete(key);
		},
	};
}

describe("two-factor: with secondary storage", () => {
	it("keeps challenges, codes and trusted devices in the storage", async () => {
		const storage = memoryStorage();
		const { enrol, signIn, call, jar, sent } = await setup({}, { secondaryStorage: storage });
		const { secret } = await enrol();
		jar.clear();
		expect((await signIn()).body.twoFactorRedirect).toBe(true);
		const keys = () => [...storage.values.keys()].filter((key) => key.startsWith("verification:"));
		expect(keys().map((key) => key.replace(/2fa-[\w-]{20}$/, "<id>"))).toEqual([
			"verification:<id>",
			"verification:2fa-attempts-<id>",
		]);
		await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		await call("/two-factor/send-otp");
		await expectError(await call("/two-factor/verify-otp", { code: "bad" }), 401, "INVALID_CODE");
		const done = await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp, trustDevice: true });
		expect(done.status).toBe(200);
		expect(keys().map((key) => key.replace(/[\w-]{32}$/, "<id>"))).toEqual(["verification:trust-device-<id>"]);

		const trusted = jar.get("better-auth.trust_device") as string;
		jar.clear();
		jar.set("better-auth.trust_device", trusted);
		expect((await signIn()).body).toMatchObject({ token: expect.any(String) });
		expect((await call("/two-factor/disable", { password })).status).toBe(200);
		expect(keys()).toEqual([]);
	});
});

describe("two-factor: with other plugins and options", () => {
	it("clears the cookie cache the sign-in set, and issues one after the second factor", async () => {
		const { enrol, signIn, call, jar } = await setup({}, { session: { cookieCache: { enabled: true } } });
		const { secret } = await enrol();
		jar.clear();
		const stopped = await signIn();
		expect(stopped.cookies.filter((cookie) => cookieName(cookie) === "better-auth.session_data")).toEqual([
			expect.stringMatching(/^better-auth\.session_data=; Max-Age=0/),
		]);
		expect([...jar.keys()]).toEqual(["better-auth.two_factor"]);
		const done = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(done.cookies.map(cookieName)).toContain("better-auth.session_data");
	});

	it("works with the bearer plugin: no token for a held-back session", async () => {
		const { enrol, signIn, call, jar } = await setup({}, { plugins: [bearer()] });
		const { secret } = await enrol();
		jar.clear();
		const stopped = await signIn();
		expect(stopped.body.twoFactorRedirect).toBe(true);
		expect(stopped.response.headers.get("set-auth-token")).toBeNull();
		const done = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(done.response.headers.get("set-auth-token")).toMatch(new RegExp(`^${done.body.token}\\.`));
	});

	it("uses the configured cookie prefix and secure cookies", async () => {
		const { enrol, signIn, jar } = await setup({}, { advanced: { cookiePrefix: "app", useSecureCookies: true } });
		await enrol();
		jar.clear();
		const stopped = await signIn();
		const challenge = stopped.cookies.find((cookie) => cookie.startsWith("__Secure-app.two_factor="));
		expect(challenge).toMatch(/; Secure/);
	});
});
