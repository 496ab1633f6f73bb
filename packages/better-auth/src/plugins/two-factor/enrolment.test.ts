import { describe, expect, it } from "vitest";
import { symmetricDecrypt } from "../../crypto/symmetric";
import { cookieName, expectError, password, secretOf, setup, totp, wrongCode } from "./test-helpers";

describe("two-factor: schema", () => {
	it("adds user.twoFactorEnabled and the twoFactor table", async () => {
		const { database } = await setup();
		const sql = (name: string) =>
			(database.prepare("select sql from sqlite_master where name = ?").get(name) as { sql: string }).sql;
		expect(sql("user")).toMatch(/"twoFactorEnabled" integer/);
		expect(sql("twoFactor")).toContain('"secret" text not null');
		expect(sql("twoFactor")).toContain('"backupCodes" text not null');
		expect(sql("twoFactor")).toMatch(/"userId" text not null references "user" \("id"\) on delete cascade/);
		expect(sql("twoFactor")).toContain('"verified" integer');
		expect(sql("twoFactor")).toContain('"failedVerificationCount" integer');
		expect(sql("twoFactor")).toContain('"lockedUntil" date');
	});

	it("renames the table and columns through `schema`", async () => {
		const { database, signUp, call } = await setup({
			schema: {
				user: { fields: { twoFactorEnabled: "two_factor_enabled" } },
				twoFactor: { modelName: "two_factor", fields: { secret: "totp_secret", userId: "user_id" } },
			},
		});
		await signUp();
		expect((await call("/two-factor/enable", { password, method: "otp" })).status).toBe(200);
		expect(database.prepare("select two_factor_enabled from user").get()).toEqual({ two_factor_enabled: 1 });
		expect((await call("/two-factor/enable", { password })).status).toBe(200);
		const row = database.prepare("select totp_secret, user_id from two_factor").get() as Record<string, string>;
		expect(row.totp_secret).toMatch(/^[0-9a-f]+$/);
		expect(row.user_id).toEqual(expect.any(String));
	});

	it("never returns the row's secret fields and does not accept twoFactorEnabled as input", async () => {
		const { call, signUp, userRow, rows } = await setup();
		// Ignored at sign-up (`input: false` with a default), as better-auth 1.7 answers: never stored.
		const forged = await call("/sign-up/email", { email: "b@x.com", password, name: "B", twoFactorEnabled: true });
		expect(forged).toMatchObject({ status: 200, body: { user: { twoFactorEnabled: false } } });
		expect(rows("user").filter((user) => user.twoFactorEnabled === 1)).toEqual([]);
		const signedUp = await signUp();
		expect(signedUp.body.user.twoFactorEnabled).toBe(false);
		expect(userRow().twoFactorEnabled).toBe(0);
		expect((await call("/update-user", { twoFactorEnabled: true })).status).toBe(400);
		expect(userRow().twoFactorEnabled).toBe(0);
	});
});

describe("two-factor: enable", () => {
	it("returns a TOTP URI and backup codes, stores both encrypted, and waits for a first code", async () => {
		const { signUp, call, twoFactorRow, userRow, options } = await setup({}, { appName: "My App" });
		const secret = options.secret as string;
		await signUp();
		const enabled = await call("/two-factor/enable", { password });
		expect(enabled.status).toBe(200);
		expect(enabled.body.method).toBe("totp");
		expect(enabled.body.totpURI).toMatch(
			/^otpauth:\/\/totp\/My%20App:a%40x\.com\?secret=[A-Z2-7]{52}&issuer=My\+App&digits=6&period=30$/,
		);
		expect(enabled.body.backupCodes).toHaveLength(10);
		for (const code of enabled.body.backupCodes) expect(code).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
		expect(enabled.cookies).toEqual([]);

		const row = twoFactorRow() as Record<string, string | number>;
		expect(row.verified).toBe(0);
		expect(userRow().twoFactorEnabled).toBe(0);
		expect(await symmetricDecrypt({ key: secret, data: row.secret as string })).toBe(secretOf(enabled.body.totpURI));
		expect(JSON.parse(await symmetricDecrypt({ key: secret, data: row.backupCodes as string }))).toEqual(
			enabled.body.backupCodes,
		);
	});

	it("the first right code turns 2FA on and replaces the session", async () => {
		const { signUp, call, twoFactorRow, userRow, rows, jar } = await setup();
		await signUp();
		const before = jar.get("better-auth.session_token");
		const enabled = await call("/two-factor/enable", { password });
		const secret = secretOf(enabled.body.totpURI);
		await expectError(await call("/two-factor/verify-totp", { code: wrongCode(secret) }), 401, "INVALID_CODE");
		const verified = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(verified.status).toBe(200);
		expect(verified.body.user.twoFactorEnabled).toBe(true);
		expect(twoFactorRow()?.verified).toBe(1);
		expect(userRow().twoFactorEnabled).toBe(1);
		// The old session is gone; the answer's token is the new session's.
		const after = jar.get("better-auth.session_token");
		expect(after).not.toBe(before);
		expect(decodeURIComponent(after as string).startsWith(`${verified.body.token}.`)).toBe(true);
		expect(rows("session")).toHaveLength(1);
		// Checking a code again while signed in changes nothing.
		const again = await call("/two-factor/verify-totp", { code: totp(secret) });
		expect(again.status).toBe(200);
		expect(again.cookies).toEqual([]);
		expect(again.body.token).toBe(verified.body.token);
	});

	it("enabling again before confirming replaces the secret; after confirming it is refused", async () => {
		const { signUp, call, rows } = await setup();
		await signUp();
		const first = await call("/two-factor/enable", { password });
		const second = await call("/two-factor/enable", { password });
		expect(secretOf(second.body.totpURI)).not.toBe(secretOf(first.body.totpURI));
		expect(rows("twoFactor")).toHaveLength(1);
		await expectError(
			await call("/two-factor/verify-totp", { code: totp(secretOf(first.body.totpURI)) }),
			401,
			"INVALID_CODE",
		);
		expect((await call("/two-factor/verify-totp", { code: totp(secretOf(second.body.totpURI)) })).status).toBe(200);
		await expectError(await call("/two-factor/enable", { password }), 400, "TOTP_ALREADY_ENABLED");
	});

	it("uses the body issuer, then the plugin issuer, then appName, then Better Auth", async () => {
		const issuerIn = (uri: string) => new URL(uri).searchParams.get("issuer");
		const plugin = await setup({ issuer: "Plugin" }, { appName: "App" });
		await plugin.signUp();
		expect(issuerIn((await plugin.call("/two-factor/enable", { password })).body.totpURI)).toBe("Plugin");
		expect(issuerIn((await plugin.call("/two-factor/enable", { password, issuer: "Body" })).body.totpURI)).toBe("Body");
		expect(issuerIn((await plugin.call("/two-factor/get-totp-uri", { password })).body.totpURI)).toBe("Plugin");
		const app = await setup({}, { appName: "App" });
		await app.signUp();
		expect(issuerIn((await app.call("/two-factor/enable", { password })).body.totpURI)).toBe("App");
		const none = await setup();
		await none.signUp();
		expect((await none.call("/two-factor/enable", { password })).body.totpURI).toContain(
			"otpauth://totp/Better%20Auth:",
		);
	});

	it("skipVerificationOnEnable turns 2FA on at once and replaces the session", async () => {
		const { signUp, call, twoFactorRow, userRow } = await setup({ skipVerificationOnEnable: true });
		await signUp();
		const enabled = await call("/two-factor/enable", { password });
		expect(enabled.status).toBe(200);
		expect(enabled.cookies.map(cookieName)).toEqual(["better-auth.session_token"]);
		expect(twoFactorRow()?.verified).toBe(1);
		expect(userRow().twoFactorEnabled).toBe(1);
	});

	it("method otp turns OTP 2FA on without a secret; needs sendOTP", async () => {
		const { signUp, call, rows, userRow } = await setup();
		await signUp();
		const enabled = await call("/two-factor/enable", { password, method: "otp" });
		expect(enabled.body).toEqual({ method: "otp" });
		expect(enabled.cookies.map(cookieName)).toEqual(["better-auth.session_token"]);
		expect(userRow().twoFactorEnabled).toBe(1);
		expect(rows("twoFactor")).toEqual([]);
		await expectError(await call("/two-factor/get-totp-uri", { password }), 400, "TOTP_NOT_ENABLED");

		const noOtp = await setup({ otpOptions: { sendOTP: undefined } });
		await noOtp.signUp();
		await expectError(await noOtp.call("/two-factor/enable", { password, method: "otp" }), 400, "OTP_NOT_CONFIGURED");
	});

	it("refuses: signed out, wrong password, no password account, malformed bodies, TOTP turned off", async () => {
		const { signUp, call, jar, database } = await setup();
		await expectError(await call("/two-factor/enable", { password }), 401, "UNAUTHORIZED");
		await signUp();
		await expectError(await call("/two-factor/enable", { password: "wrong-password" }), 400, "INVALID_PASSWORD");
		await expectError(await call("/two-factor/enable", {}), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/enable", { password: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/enable", { password, issuer: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/enable", { password, method: "sms" }), 400, "VALIDATION_ERROR");
		expect(jar.size).toBe(1);
		database.prepare("delete from account").run();
		await expectError(await call("/two-factor/enable", { password }), 400, "INVALID_PASSWORD");

		const off = await setup({ totpOptions: { disable: true } });
		await off.signUp();
		await expectError(await off.call("/two-factor/enable", { password: "wrong-password" }), 400, "INVALID_PASSWORD");
		await expectError(await off.call("/two-factor/enable", { password }), 400, "TOTP_NOT_CONFIGURED");
		const uri = await off.call("/two-factor/get-totp-uri", { password });
		await expectError(uri, 400, "TOTP_NOT_CONFIGURED");
		expect(uri.body.message).toBe("totp isn't configured");
		await expectError(await off.call("/two-factor/verify-totp", { code: "123456" }), 400, "TOTP_NOT_CONFIGURED");
	});

	it("checks the Origin of cookie-carrying requests", async () => {
		const { signUp, request, jar } = await setup();
		await signUp();
		const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
		const evil = await request("/two-factor/enable", {
			body: { password },
			cookie,
			headers: { origin: "http://evil.example" },
		});
		expect(evil.status).toBe(403);
		expect(await evil.json()).toMatchObject({ code: "INVALID_ORIGIN" });
	});
});

describe("two-factor: get-totp-uri, generate-backup-codes, disable", () => {
	it("get-totp-uri: the same secret, password checked after the row", async () => {
		const { signUp, call } = await setup();
		await signUp();
		await expectError(await call("/two-factor/get-totp-uri", { password: "wrong-password" }), 400, "TOTP_NOT_ENABLED");
		const enabled = await call("/two-factor/enable", { password });
		await expectError(await call("/two-factor/get-totp-uri", { password: "wrong-password" }), 400, "INVALID_PASSWORD");
		await expectError(await call("/two-factor/get-totp-uri", {}), 400, "VALIDATION_ERROR");
		const uri = await call("/two-factor/get-totp-uri", { password });
		expect(uri.body).toEqual({ totpURI: enabled.body.totpURI });
	});

	it("generate-backup-codes: a new set once TOTP is confirmed; the old set stops working", async () => {
		const { enrol, call, signIn, jar } = await setup();
		const { backupCodes } = await enrol();
		await expectError(
			await call("/two-factor/generate-backup-codes", { password: "wrong-password" }),
			400,
			"INVALID_PASSWORD",
		);
		const generated = await call("/two-factor/generate-backup-codes", { password });
		expect(generated.body.status).toBe(true);
		expect(generated.body.backupCodes).toHaveLength(10);
		expect(generated.body.backupCodes).not.toEqual(backupCodes);
		jar.clear();
		await signIn();
		await expectError(
			await call("/two-factor/verify-backup-code", { code: backupCodes[0] }),
			401,
			"INVALID_BACKUP_CODE",
		);
		expect((await call("/two-factor/verify-backup-code", { code: generated.body.backupCodes[0] })).status).toBe(200);

		const pending = await setup();
		await pending.signUp();
		await expectError(
			await pending.call("/two-factor/generate-backup-codes", { password }),
			400,
			"TWO_FACTOR_NOT_ENABLED",
		);
		await pending.call("/two-factor/enable", { password });
		await expectError(
			await pending.call("/two-factor/generate-backup-codes", { password }),
			400,
			"TWO_FACTOR_NOT_ENABLED",
		);
	});

	it("disable: turns 2FA off, deletes the secret, replaces the session, forgets trusted devices", async () => {
		const { enrol, call, signIn, jar, rows, userRow, verifications } = await setup();
		const { secret } = await enrol();
		jar.clear();
		await signIn();
		await call("/two-factor/verify-totp", { code: totp(secret), trustDevice: true });
		expect(verifications("trust-device-")).toHaveLength(1);
		await expectError(await call("/two-factor/disable", { password: "wrong-password" }), 400, "INVALID_PASSWORD");
		const before = jar.get("better-auth.session_token");
		const disabled = await call("/two-factor/disable", { password });
		expect(disabled.body).toEqual({ status: true });
		expect(disabled.cookies.map(cookieName).sort()).toEqual(["better-auth.session_token", "better-auth.trust_device"]);
		expect(jar.get("better-auth.session_token")).not.toBe(before);
		expect(jar.has("better-auth.trust_device")).toBe(false);
		expect(rows("twoFactor")).toEqual([]);
		expect(userRow().twoFactorEnabled).toBe(0);
		expect(verifications("trust-device-")).toEqual([]);
		const tokens = rows("session").map((row) => row.token);
		expect(tokens).not.toContain(decodeURIComponent(before as string).split(".")[0]);
		expect(tokens).toContain(decodeURIComponent(jar.get("better-auth.session_token") as string).split(".")[0]);
		// Signing in is a plain sign-in again.
		jar.clear();
		expect((await signIn()).body).toMatchObject({ token: expect.any(String) });
	});
});
