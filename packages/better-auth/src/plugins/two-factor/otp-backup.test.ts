import { describe, expect, it } from "vitest";
import { symmetricDecrypt } from "../../crypto/symmetric";
import { cookieName, expectError, password, setup } from "./test-helpers";

describe("two-factor: OTP", () => {
	it("sends a code through sendOTP and completes the sign-in with it", async () => {
		const received: unknown[] = [];
		const { enrol, signIn, call, jar, sent, verifications } = await setup({
			otpOptions: {
				sendOTP: (data, ctx) => {
					received.push({ email: data.user.email, otp: data.otp, hasRequest: ctx?.request instanceof Request });
					sent.push({ email: data.user.email, otp: data.otp });
				},
			},
		});
		await enrol();
		jar.clear();
		await signIn();
		const sentAnswer = await call("/two-factor/send-otp");
		expect(sentAnswer.body).toEqual({ status: true });
		expect(received).toEqual([{ email: "a@x.com", otp: expect.stringMatching(/^\d{6}$/), hasRequest: true }]);
		const [row] = verifications("2fa-otp-");
		expect(row.value).toBe(`${sent.at(-1)?.otp}:0`);
		const done = await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp, trustDevice: true });
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ token: expect.any(String), user: { email: "a@x.com" } });
		expect(done.cookies.map(cookieName).sort()).toEqual([
			"better-auth.dont_remember",
			"better-auth.session_token",
			"better-auth.trust_device",
			"better-auth.two_factor",
		]);
		expect(verifications("2fa-")).toEqual([]);
	});

	it("counts wrong codes per code and refuses after allowedAttempts", async () => {
		const { enrol, signIn, call, jar, sent, verifications } = await setup({ otpOptions: { allowedAttempts: 2 } });
		await enrol();
		jar.clear();
		await signIn();
		await expectError(await call("/two-factor/verify-otp", { code: "123456" }), 400, "OTP_HAS_EXPIRED");
		await call("/two-factor/send-otp");
		const code = sent.at(-1)?.otp as string;
		const wrongOtp = code === "000000" ? "111111" : "000000";
		await expectError(await call("/two-factor/verify-otp", { code: wrongOtp }), 401, "INVALID_CODE");
		expect(verifications("2fa-otp-")[0].value).toBe(`${code}:1`);
		await expectError(await call("/two-factor/verify-otp", { code: wrongOtp }), 401, "INVALID_CODE");
		// The right code comes too late: the code is gone.
		await expectError(await call("/two-factor/verify-otp", { code }), 400, "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
		expect(verifications("2fa-otp-")).toEqual([]);
		await expectError(await call("/two-factor/verify-otp", { code }), 400, "OTP_HAS_EXPIRED");
		// A new code works; OTP attempts do not use up the sign-in's TOTP attempts.
		await call("/two-factor/send-otp");
		expect((await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp })).status).toBe(200);
	});

	it("expires after otpOptions.period minutes; the latest code sent is the one checked", async () => {
		const { enrol, signIn, call, jar, sent, verifications, database } = await setup({
			otpOptions: { period: 1, digits: 8 },
		});
		await enrol();
		jar.clear();
		await signIn();
		await call("/two-factor/send-otp");
		const [row] = verifications("2fa-otp-") as unknown as { expiresAt: string }[];
		const seconds = (new Date(row.expiresAt).getTime() - Date.now()) / 1000;
		expect(seconds).toBeGreaterThan(55);
		expect(seconds).toBeLessThanOrEqual(60);
		expect(sent.at(-1)?.otp).toMatch(/^\d{8}$/);
		database
			.prepare("update verification set expiresAt = ? where identifier like '2fa-otp-%'")
			.run(new Date(Date.now() - 1000).toISOString());
		await expectError(await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp }), 400, "OTP_HAS_EXPIRED");
		expect(verifications("2fa-otp-")).toEqual([]);
		await call("/two-factor/send-otp");
		await call("/two-factor/send-otp");
		const [first, second] = sent.slice(-2).map((item) => item.otp);
		if (first !== second) await expectError(await call("/two-factor/verify-otp", { code: first }), 401, "INVALID_CODE");
		expect((await call("/two-factor/verify-otp", { code: second })).status).toBe(200);
	});

	it("stores codes hashed, encrypted or through your functions", async () => {
		const hashed = await setup({ otpOptions: { storeOTP: "hashed" } });
		await hashed.enrol();
		hashed.jar.clear();
		await hashed.signIn();
		await hashed.call("/two-factor/send-otp");
		const [hashedRow] = hashed.verifications("2fa-otp-");
		expect(hashedRow.value).toMatch(/^[A-Za-z0-9_-]{43}:0$/);
		expect(hashedRow.value).not.toContain(hashed.sent.at(-1)?.otp);
		expect((await hashed.call("/two-factor/verify-otp", { code: hashed.sent.at(-1)?.otp })).status).toBe(200);

		const encrypted = await setup({ otpOptions: { storeOTP: "encrypted" } });
		await encrypted.enrol();
		encrypted.jar.clear();
		await encrypted.signIn();
		await encrypted.call("/two-factor/send-otp");
		const [encryptedRow] = encrypted.verifications("2fa-otp-");
		const stored = encryptedRow.value.slice(0, encryptedRow.value.lastIndexOf(":"));
		expect(await symmetricDecrypt({ key: encrypted.options.secret as string, data: stored })).toBe(
			encrypted.sent.at(-1)?.otp,
		);
		expect((await encrypted.call("/two-factor/verify-otp", { code: encrypted.sent.at(-1)?.otp })).status).toBe(200);

		const custom = await setup({
			otpOptions: { storeOTP: { encrypt: (otp) => `enc(${otp})`, decrypt: (value) => value.slice(4, -1) } },
		});
		await custom.enrol();
		custom.jar.clear();
		await custom.signIn();
		await custom.call("/two-factor/send-otp");
		expect(custom.verifications("2fa-otp-")[0].value).toBe(`enc(${custom.sent.at(-1)?.otp}):0`);
		await expectError(await custom.call("/two-factor/verify-otp", { code: "nope" }), 401, "INVALID_CODE");
		expect((await custom.call("/two-factor/verify-otp", { code: custom.sent.at(-1)?.otp })).status).toBe(200);

		const customHash = await setup({ otpOptions: { storeOTP: { hash: (otp) => `h:${otp}` } } });
		await customHash.enrol();
		customHash.jar.clear();
		await customHash.signIn();
		await customHash.call("/two-factor/send-otp");
		expect((await customHash.call("/two-factor/verify-otp", { code: customHash.sent.at(-1)?.otp })).status).toBe(200);
	});

	it("signed in, a right code turns OTP 2FA on (new session)", async () => {
		const { signUp, call, sent, userRow, verifications, rows } = await setup();
		await signUp();
		await call("/two-factor/send-otp", {});
		const [row] = verifications("2fa-otp-");
		const session = rows("session")[0] as { id: string; userId: string };
		expect(row.identifier).toBe(`2fa-otp-${session.userId}!${session.id}`);
		const done = await call("/two-factor/verify-otp", { code: sent.at(-1)?.otp });
		expect(done.status).toBe(200);
		expect(done.cookies.map(cookieName)).toEqual(["better-auth.session_token"]);
		expect(done.body.user.twoFactorEnabled).toBe(true);
		expect(userRow().twoFactorEnabled).toBe(1);
		expect(rows("session").map((item) => item.token)).toEqual([done.body.token]);
	});

	it("refuses malformed input and missing configuration", async () => {
		const { signUp, call } = await setup();
		await expectError(await call("/two-factor/send-otp"), 401, "INVALID_TWO_FACTOR_COOKIE");
		await signUp();
		await expectError(await call("/two-factor/send-otp", { trustDevice: "yes" }), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/verify-otp", {}), 400, "VALIDATION_ERROR");
		await expectError(await call("/two-factor/verify-otp", { code: 123456 }), 400, "VALIDATION_ERROR");
		const none = await setup({ otpOptions: { sendOTP: undefined } });
		await none.signUp();
		await expectError(await none.call("/two-factor/send-otp"), 400, "OTP_NOT_CONFIGURED");
		await expectError(await none.call("/two-factor/verify-otp", { code: "123456" }), 400, "OTP_HAS_EXPIRED");
	});
});

describe("two-factor: backup codes", () => {
	it("a code completes the sign-in once, and is removed from the stored set", async () => {
		const { enrol, signIn, call, jar, twoFactorRow, options } = await setup();
		const { backupCodes } = await enrol();
		jar.clear();
		await signIn();
		const done = await call("/two-factor/verify-backup-code", { code: backupCodes[0] });
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({ token: expect.any(String), user: { email: "a@x.com" } });
		const stored = JSON.parse(
			await symmetricDecrypt({ key: options.secret as string, data: twoFactorRow()?.backupCodes as string }),
		);
		expect(stored).toEqual(backupCodes.slice(1));
		jar.clear();
		await signIn();
		await expectError(
			await call("/two-factor/verify-backup-code", { code: backupCodes[0] }),
			401,
			"INVALID_BACKUP_CODE",
		);
		expect((await call("/two-factor/verify-backup-code", { code: backupCodes[1] })).status).toBe(200);
	});

	it("the same code spent twice at once succeeds once", async () => {
		const { enrol, signIn, call, jar } = await setup();
		const { backupCodes } = await enrol();
		// Signed in (no challenge to race on): only the code's own spending decides.
		const results = await Promise.all(
			[0, 1, 2].map(() => call("/two-factor/verify-backup-code", { code: backupCodes[0] })),
		);
		expect(results.filter((result) => result.status === 200)).toHaveLength(1);
		jar.clear();
		await signIn();
		await expectError(
			await call("/two-factor/verify-backup-code", { code: backupCodes[0] }),
			401,
			"INVALID_BACKUP_CODE",
		);
	});

	it("disableSession verifies without signing in, and ends the challenge", async () => {
		const { enrol, signIn, call, jar, rows } = await setup();
		const { backupCodes } = await enrol();
		jar.clear();
		await signIn();
		const sessions = rows("session").length;
		const checked = await call("/two-factor/verify-backup-code", { code: backupCodes[0], disableSession: true });
		expect(checked.status).toBe(200);
		expect(Object.keys(checked.body)).toEqual(["user"]);
		expect(checked.cookies).toEqual([]);
		expect(rows("session")).toHaveLength(sessions);
		await expectError(
			await call("/two-factor/verify-backup-code", { code: backupCodes[1] }),
			401,
			"INVALID_TWO_FACTOR_COOKIE",
		);
	});

	it("plain storage, custom amount/length and a custom generator", async () => {
		const plain = await setup({ backupCodeOptions: { storeBackupCodes: "plain", amount: 3, length: 8 } });
		await plain.signUp();
		const enabled = await plain.call("/two-factor/enable", { password });
		expect(enabled.body.backupCodes.map((code: string) => code.length)).toEqual([9, 9, 9]);
		expect(plain.twoFactorRow()?.backupCodes).toBe(JSON.stringify(enabled.body.backupCodes));

		const custom = await setup({
			backupCodeOptions: {
				customBackupCodesGenerate: () => ["one", "two"],
				storeBackupCodes: { encrypt: (codes) => `x${codes}`, decrypt: (stored) => stored.slice(1) },
			},
		});
		await custom.signUp();
		expect((await custom.call("/two-factor/enable", { password })).body.backupCodes).toEqual(["one", "two"]);
		expect(custom.twoFactorRow()?.backupCodes).toBe('x["one","two"]');
	});

	it("refuses without enrolment and on malformed input; viewBackupCodes is server-only", async () => {
		const { signUp, call, enrol, auth, userRow, request } = await setup();
		await signUp("b@x.com");
		await expectError(await call("/two-factor/verify-backup-code", { code: "x" }), 400, "BACKUP_CODES_NOT_ENABLED");
		const { backupCodes } = await enrol();
		await expectError(await call("/two-factor/verify-backup-code", {}), 400, "VALIDATION_ERROR");
		await expectError(
			await call("/two-factor/verify-backup-code", { code: "x", disableSession: "no" }),
			400,
			"VALIDATION_ERROR",
		);
		const viewed = await auth.api.viewBackupCodes({ body: { userId: userRow().id as string } });
		expect(viewed).toEqual({ status: true, backupCodes });
		await expect(auth.api.viewBackupCodes({ body: { userId: "nobody" } })).rejects.toMatchObject({
			body: { code: "BACKUP_CODES_NOT_ENABLED" },
		});
		expect((await request("/two-factor/view-backup-codes", { body: { userId: userRow().id } })).status).toBe(404);
		expect((await request("/totp/generate", { body: { secret: "abc" } })).status).toBe(404);
		expect(await auth.api.generateTOTP({ body: { secret: "abc" } })).toEqual({
			code: expect.stringMatching(/^\d{6}$/),
		});
	});
});
