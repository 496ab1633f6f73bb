import { describe, expect, it } from "vitest";
import { phoneNumber } from "../phone-number";
import { username } from "../username";
import { cookieName, expectError, password, secretOf, setup, totp, wrongCode } from "./test-helpers";

describe("two-factor: the sign-in challenge", () => {
	it("takes back the session of a password sign-in and sets the two_factor cookie", async () => {
		const { enrol, signIn, jar, rows, verifications, userRow } = await setup();
		await enrol();
		jar.clear();
		const sessionsBefore = rows("session").length;
		const stopped = await signIn();
		expect(stopped.status).toBe(200);
		expect(stopped.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
		expect(stopped.cookies.map(cookieName).sort()).toEqual([
			"better-auth.session_data",
			"better-auth.session_token",
			"better-auth.two_factor",
		]);
		// Only clearing cookies for the session: the sign-in's own session cookie is gone from the answer.
		for (const header of stopped.cookies.filter((cookie) => !cookie.startsWith("better-auth.two_factor"))) {
			expect(header).toMatch(/=; Max-Age=0/);
		}
		expect(stopped.cookies.find((cookie) => cookie.startsWith("better-auth.two_factor"))).toMatch(
			/^better-auth\.two_factor=2fa-[A-Za-z0-9_-]{20}\.[^;]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/,
		);
		expect(rows("session")).toHaveLength(sessionsBefore);
		const userId = userRow().id;
		expect(
			verifications("2fa-").map((row) => [row.identifier.replace(/2fa-[\w-]{20}$/, "2fa-<id>"), row.value]),
		).toEqual([
			["2fa-<id>", userId],
			["2fa-attempts-2fa-<id>", "0"],
		]);
		expect([...jar.keys()]).toEqual(["better-auth.two_factor"]);
	});

	it("completes with TOTP: one session, cookie cleared, challenge spent", async () => {
		const { enrol, signIn, call, get, jar, verifications } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		const done = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ token: expect.any(String), user: { email: "a@x.com", twoFactorEnabled: true } });
		expect(done.body.user).not.toHaveProperty("secret");
		expect(done.cookies.map(cookieName).sort()).toEqual(["better-auth.session_token", "better-auth.two_factor"]);
		expect(verifications("2fa-")).toEqual([]);
		const session = await get("/get-session");
		expect(session.body).toMatchObject({ session: { token: done.body.token }, user: { email: "a@x.com" } });
	});

	it("a spent or forged two_factor cookie is refused", async () => {
		const { enrol, signIn, call, jar } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		const challenge = jar.get("better-auth.two_factor") as string;
		expect((await call("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
		jar.clear();
		jar.set("better-auth.two_factor", challenge);
		await expectError(await call("/two-factor/verify-totp", { code: totp(secret) }), 401, "INVALID_TWO_FACTOR_COOKIE");
		jar.set("better-auth.two_factor", "2fa-forged.signature");
		await expectError(await call("/two-factor/verify-otp", { code: "123456" }), 401, "INVALID_TWO_FACTOR_COOKIE");
		await expectError(await call("/two-factor/send-otp"), 401, "INVALID_TWO_FACTOR_COOKIE");
		await expectError(await call("/two-factor/verify-backup-code", { code: "x" }), 401, "INVALID_TWO_FACTOR_COOKIE");
	});

	it("an expired challenge is refused", async () => {
		const { enrol, signIn, call, jar, database } = await setup({ twoFactorCookieMaxAge: 60 });
		const { secret } = await enrol();
		jar.clear();
		const stopped = await signIn();
		expect(stopped.cookies.find((cookie) => cookie.startsWith("better-auth.two_factor"))).toContain("Max-Age=60;");
		database
			.prepare("update verification set expiresAt = ? where identifier like '2fa-%'")
			.run(new Date(Date.now() - 1000).toISOString());
		await expectError(await call("/two-factor/verify-totp", { code: totp(secret) }), 401, "INVALID_TWO_FACTOR_COOKIE");
	});

	it("applies to /sign-in/username and /sign-in/phone-number too, and to auth.api calls", async () => {
		const { enrol, call, jar, auth, database } = await setup(
			{},
			{ plugins: [username(), phoneNumber({ sendOTP: () => {} })] },
		);
		await enrol();
		await call("/update-user", { username: "someone" });
		database.prepare("update user set phoneNumber = ?, phoneNumberVerified = 1").run("+15550100");
		jar.clear();
		const stopped = await call("/sign-in/username", { username: "someone", password });
		expect(stopped.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
		jar.clear();
		const byPhone = await call("/sign-in/phone-number", { phoneNumber: "+15550100", password });
		expect(byPhone.body).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
		expect([...jar.keys()]).toEqual(["better-auth.two_factor"]);
		const api = await auth.api.signInEmail({ body: { email: "a@x.com", password } });
		expect(api).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
		const response = await auth.api.signInEmail({ body: { email: "a@x.com", password }, asResponse: true });
		expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("better-auth.two_factor="))).toBe(true);
	});

	it("leaves users without 2FA, failed sign-ins and other endpoints alone", async () => {
		const { signUp, signIn, jar, call } = await setup();
		await signUp();
		jar.clear();
		const plain = await signIn();
		expect(plain.body).toMatchObject({ token: expect.any(String), redirect: false });
		expect(plain.cookies.map(cookieName)).toEqual(["better-auth.session_token"]);
		await expectError(
			await call("/sign-in/email", { email: "a@x.com", password: "wrong-password" }),
			401,
			"INVALID_EMAIL_OR_PASSWORD",
		);
	});

	it("lists the methods the user has: OTP-only, unconfirmed TOTP, no sendOTP", async () => {
		const otpOnly = await setup();
		await otpOnly.signUp();
		await otpOnly.call("/two-factor/enable", { password, method: "otp" });
		await otpOnly.call("/two-factor/enable", { password });
		otpOnly.jar.clear();
		expect((await otpOnly.signIn()).body.twoFactorMethods).toEqual(["otp"]);
		// An unconfirmed secret cannot finish a sign-in.
		await expectError(await otpOnly.call("/two-factor/verify-totp", { code: "123456" }), 400, "TOTP_NOT_ENABLED");

		const totpOnly = await setup({ otpOptions: { sendOTP: undefined } });
		await totpOnly.enrol();
		totpOnly.jar.clear();
		expect((await totpOnly.signIn()).body.twoFactorMethods).toEqual(["totp"]);
		const notConfigured = await totpOnly.call("/two-factor/send-otp");
		await expectError(notConfigured, 400, "OTP_NOT_CONFIGURED");
		expect(notConfigured.body.message).toBe("otp isn't configured");
	});

	it("keeps 'remember me: off' through the challenge", async () => {
		const { enrol, signIn, call, jar, rows } = await setup();
		const { secret } = await enrol();
		jar.clear();
		const stopped = await signIn("a@x.com", { rememberMe: false });
		expect(stopped.cookies.map(cookieName)).toContain("better-auth.dont_remember");
		const done = await call("/two-factor/verify-totp", { code: totp(secret) });
		const sessionCookie = done.cookies.find((cookie) => cookie.startsWith("better-auth.session_token="));
		expect(sessionCookie).not.toMatch(/Max-Age/);
		expect(done.cookies.map(cookieName)).toContain("better-auth.dont_remember");
		const session = rows("session").find((row) => row.token === done.body.token) as { expiresAt: string };
		expect(new Date(session.expiresAt).getTime() - Date.now()).toBeLessThan(25 * 60 * 60 * 1000);
	});
});

describe("two-factor: trusted devices", () => {
	it("trustDevice skips the challenge next time and rotates the cookie on each use", async () => {
		const { enrol, signIn, call, jar, verifications, userRow } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		const done = await call("/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
		const trustHeader = done.cookies.find((cookie) => cookie.startsWith("better-auth.trust_device=")) as string;
		expect(trustHeader).toMatch(/Max-Age=2592000/);
		expect(done.cookies.map(cookieName)).toContain("better-auth.dont_remember");
		const trusted = jar.get("better-auth.trust_device") as string;
		expect(decodeURIComponent(trusted)).toMatch(
			/^[A-Za-z0-9_-]{43}!trust-device-[A-Za-z0-9_-]{32}\.[A-Za-z0-9+/]{43}=$/,
		);
		expect(verifications("trust-device-").map((row) => row.value)).toEqual([userRow().id]);

		jar.clear();
		jar.set("better-auth.trust_device", trusted);
		const skipped = await signIn();
		expect(skipped.body).toMatchObject({ token: expect.any(String), redirect: false });
		expect(skipped.cookies.map(cookieName).sort()).toEqual(["better-auth.session_token", "better-auth.trust_device"]);
		const rotated = jar.get("better-auth.trust_device");
		expect(rotated).not.toBe(trusted);
		expect(verifications("trust-device-")).toHaveLength(1);

		// The replaced cookie trusts no more: challenged, and the dead cookie is cleared.
		jar.clear();
		jar.set("better-auth.trust_device", trusted);
		const replayed = await signIn();
		expect(replayed.body.twoFactorRedirect).toBe(true);
		expect(replayed.cookies.find((cookie) => cookie.startsWith("better-auth.trust_device="))).toMatch(/Max-Age=0/);
	});

	it("a device trusted by one user does not skip another user's challenge", async () => {
		const { enrol, signIn, call, jar, verifications } = await setup();
		const { secret } = await enrol("a@x.com");
		await enrol("b@x.com");
		jar.clear();
		await signIn("a@x.com");
		await call("/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
		const trusted = jar.get("better-auth.trust_device") as string;
		jar.clear();
		jar.set("better-auth.trust_device", trusted);
		const other = await signIn("b@x.com");
		expect(other.body.twoFactorRedirect).toBe(true);
		expect(jar.has("better-auth.trust_device")).toBe(false);
		// a's device stays trusted for a.
		expect(verifications("trust-device-")).toHaveLength(1);
		jar.set("better-auth.trust_device", trusted);
		expect((await signIn("a@x.com")).body).toMatchObject({ token: expect.any(String) });
	});

	it("an unsigned or expired trust cookie does not skip the challenge", async () => {
		const { enrol, signIn, call, jar, database } = await setup({ trustDeviceMaxAge: 3600 });
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		const done = await call("/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
		expect(done.cookies.find((cookie) => cookie.startsWith("better-auth.trust_device="))).toMatch(/Max-Age=3600/);
		const trusted = jar.get("better-auth.trust_device") as string;
		const unsigned = decodeURIComponent(trusted).split(".")[0];
		jar.clear();
		jar.set("better-auth.trust_device", encodeURIComponent(unsigned));
		expect((await signIn()).body.twoFactorRedirect).toBe(true);
		database
			.prepare("update verification set expiresAt = ? where identifier like 'trust-device-%'")
			.run(new Date(Date.now() - 1000).toISOString());
		jar.clear();
		jar.set("better-auth.trust_device", trusted);
		expect((await signIn()).body.twoFactorRedirect).toBe(true);
	});

	it("trustDevice while signed in does nothing", async () => {
		const { enrol, call } = await setup();
		const { secret } = await enrol();
		const checked = await call("/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
		expect(checked.status).toBe(200);
		expect(checked.cookies).toEqual([]);
	});
});

describe("two-factor: attempt limits and the lock", () => {
	it("five wrong TOTP or backup codes end the sign-in", async () => {
		const { enrol, signIn, call, jar, verifications } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		for (let i = 0; i < 4; i++) {
			await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		}
		await expectError(
			await call("/two-factor/verify-backup-code", { code: "aaaaa-bbbbb" }),
			401,
			"INVALID_BACKUP_CODE",
		);
		const over = await call("/two-factor/verify-totp", { code: totp(secret) });
		await expectError(over, 400, "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
		expect(over.cookies.map(cookieName)).toEqual(["better-auth.two_factor"]);
		expect(over.cookies[0]).toMatch(/Max-Age=0/);
		expect(verifications("2fa-")).toEqual([]);
		await expectError(await call("/two-factor/verify-totp", { code: totp(secret) }), 401, "INVALID_TWO_FACTOR_COOKIE");
		// A new sign-in starts a new count.
		await signIn();
		expect((await call("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
	});

	it("parallel wrong guesses cannot share one attempt", async () => {
		const { enrol, signIn, call, jar, verifications } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		const results = await Promise.all(
			Array.from({ length: 12 }, () => call("/two-factor/verify-totp", { code: wrongCode(secret) })),
		);
		const counted = results.filter((result) => result.body?.code === "INVALID_CODE").length;
		expect(counted).toBeLessThanOrEqual(5);
		const attempts = verifications("2fa-attempts-")[0]?.value;
		if (attempts !== undefined) expect(Number(attempts)).toBe(counted);
	});

	it("ten failures in a row lock every method for 15 minutes; a right code resets the count", async () => {
		const { enrol, signIn, call, jar, database, twoFactorRow, sent } = await setup();
		const { secret, backupCodes } = await enrol();
		jar.clear();
		await signIn();
		for (let i = 0; i < 4; i++) await call("/two-factor/verify-totp", { code: wrongCode(secret) });
		expect(twoFactorRow()?.failedVerificationCount).toBe(4);
		expect((await call("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
		expect(twoFactorRow()?.failedVerificationCount).toBe(0);

		jar.clear();
		await signIn();
		for (let i = 0; i < 4; i++) await call("/two-factor/verify-totp", { code: wrongCode(secret) });
		await call("/two-factor/send-otp");
		for (let i = 0; i < 5; i++) await call("/two-factor/verify-otp", { code: "bad" });
		await call("/two-factor/send-otp");
		await expectError(await call("/two-factor/verify-otp", { code: "bad" }), 401, "INVALID_CODE");
		const locked = twoFactorRow() as { failedVerificationCount: number; lockedUntil: string };
		expect(locked.failedVerificationCount).toBe(10);
		const lockMinutes = (new Date(locked.lockedUntil).getTime() - Date.now()) / 60_000;
		expect(lockMinutes).toBeGreaterThan(14);
		expect(lockMinutes).toBeLessThanOrEqual(15);

		await expectError(await call("/two-factor/verify-totp", { code: totp(secret) }), 429, "ACCOUNT_TEMPORARILY_LOCKED");
		await expectError(
			await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp }),
			429,
			"ACCOUNT_TEMPORARILY_LOCKED",
		);
		await expectError(
			await call("/two-factor/verify-backup-code", { code: backupCodes[0] }),
			429,
			"ACCOUNT_TEMPORARILY_LOCKED",
		);
		expect((await call("/two-factor/send-otp")).status).toBe(200);

		database.prepare("update twoFactor set lockedUntil = ?").run(new Date(Date.now() - 1000).toISOString());
		jar.clear();
		await signIn();
		await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		expect(twoFactorRow()).toMatchObject({ failedVerificationCount: 1, lockedUntil: null });
		expect((await call("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
	});

	it("signed in, wrong codes are not counted and the lock does not apply", async () => {
		const { enrol, call, database, twoFactorRow } = await setup();
		const { secret } = await enrol();
		await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		expect(twoFactorRow()?.failedVerificationCount).toBe(0);
		database.prepare("update twoFactor set lockedUntil = ?").run(new Date(Date.now() + 60_000).toISOString());
		expect((await call("/two-factor/verify-totp", { code: totp(secret) })).status).toBe(200);
	});
});

describe("two-factor: verify-totp input", () => {
	it("accepts the neighbouring periods only, and refuses malformed codes", async () => {
		const { enrol, call } = await setup();
		const { secret } = await enrol();
		for (const offset of [-30, 30])
			expect((await call("/two-factor/verify-totp", { code: totp(secret, offset) })).status).toBe(200);
		for (const offset of [-90, 90]) {
			const code = totp(secret, offset);
			if ([-30, 0, 30].some((near) => totp(secret, near) === code)) continue;
			await expectError(await call("/two-factor/verify-totp", { code }), 401, "INVALID_CODE");
		}
		for (const code of ["", "12345", "1234567", "abcdef"]) {
			await expectError(await call("/two-factor/verify-totp", { code }), 401, "INVALID_CODE");
		}
		await expectError(await call("/two-factor/verify-totp", {}), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/verify-totp", { code: 123456 }), 400, "VALIDATION_ERROR");
		await expectError(
			await call("/two-factor/verify-totp", { code: "1", trustDevice: "yes" }),
			400,
			"VALIDATION_ERROR",
		);
	});

	it("respects totpOptions digits and period", async () => {
		const { signUp, call } = await setup({ totpOptions: { digits: 8, period: 60 } });
		await signUp();
		const enabled = await call("/two-factor/enable", { password });
		expect(enabled.body.totpURI).toMatch(/&digits=8&period=60$/);
		const secret = secretOf(enabled.body.totpURI);
		await expectError(await call("/two-factor/verify-totp", { code: totp(secret) }), 401, "INVALID_CODE");
		expect((await call("/two-factor/verify-totp", { code: totp(secret, 0, 8, 60) })).status).toBe(200);
	});
});
