import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { symmetricDecrypt } from "../../crypto/symmetric";
import { cookieHeader, getTestInstance } from "../../test";
import { emailOTP } from "./index";
import type { EmailOTPOptions, EmailOTPType } from "./types";

type Options = Omit<EmailOTPOptions, "sendVerificationOTP"> & {
	sendVerificationOTP?: EmailOTPOptions["sendVerificationOTP"];
};
type Sent = { email: string; otp: string; type: EmailOTPType; request?: Request };

const password = "password123";
const SECRET = "better-auth-test-secret-0123456789";

async function setup(options: Options = {}, extra: Record<string, unknown> = {}) {
	const sent: Sent[] = [];
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [
			emailOTP({
				sendVerificationOTP: async (data, request) => {
					sent.push({ ...data, request });
				},
				...options,
			}),
		],
	});
	const post = (path: string, body: unknown, init: { cookie?: string; headers?: Record<string, string> } = {}) =>
		instance.request(path, { body, ...init });
	const send = (email: string, type: string) => post("/email-otp/send-verification-otp", { email, type });
	const lastOTP = (type?: EmailOTPType) => [...sent].reverse().find((item) => !type || item.type === type)?.otp ?? "";
	const rows = () =>
		instance.database.prepare("select identifier, value, expiresAt from verification order by createdAt").all() as {
			identifier: string;
			value: string;
			expiresAt: string;
		}[];
	const users = () =>
		instance.database.prepare("select email, name, emailVerified from user order by email").all() as {
			email: string;
			name: string;
			emailVerified: number;
		}[];
	const insertCode = (identifier: string, value: string, expiresAt = new Date(Date.now() + 60_000)) => {
		const now = new Date().toISOString();
		instance.database
			.prepare(
				"insert into verification (id, identifier, value, expiresAt, createdAt, updatedAt) values (?, ?, ?, ?, ?, ?)",
			)
			.run(crypto.randomUUID(), identifier, value, expiresAt.toISOString(), now, now);
	};
	return { ...instance, sent, post, send, lastOTP, rows, users, insertCode };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("email OTP: sending codes", () => {
	it("refuses to start without sendVerificationOTP", () => {
		expect(() => emailOTP({} as EmailOTPOptions)).toThrow(/sendVerificationOTP/);
	});

	it("stores a sign-in code under <type>-otp-<email> and sends it, lowercased", async () => {
		const { send, sent, rows } = await setup();
		const response = await send("A@x.com", "sign-in");
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ success: true });
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ email: "a@x.com", type: "sign-in" });
		expect(sent[0].otp).toMatch(/^\d{6}$/);
		expect(sent[0].request).toBeInstanceOf(Request);
		const [row] = rows();
		expect(row.identifier).toBe("sign-in-otp-a@x.com");
		expect(row.value).toBe(`${sent[0].otp}:0`);
		const lifetime = new Date(row.expiresAt).getTime() - Date.now();
		expect(lifetime).toBeGreaterThan(290_000);
		expect(lifetime).toBeLessThanOrEqual(300_000);
	});

	it("replaces the previous code when a new one is sent", async () => {
		const { send, sent, rows } = await setup();
		await send("a@x.com", "sign-in");
		await send("a@x.com", "sign-in");
		expect(rows()).toEqual([expect.objectContaining({ value: `${sent[1].otp}:0` })]);
	});

	it("sends verification and reset codes only to existing users, with the same answer", async () => {
		const { send, sent, signUp, rows } = await setup();
		for (const type of ["email-verification", "forget-password"]) {
			const response = await send("nobody@x.com", type);
			expect(await response.json()).toEqual({ success: true });
		}
		expect(sent).toEqual([]);
		expect(rows()).toEqual([]);
		await signUp({ email: "u@x.com" });
		await send("u@x.com", "email-verification");
		await send("u@x.com", "forget-password");
		expect(sent.map((item) => item.type)).toEqual(["email-verification", "forget-password"]);
	});

	it("with disableSignUp, sends no sign-in code to unknown emails", async () => {
		const { send, sent, signUp } = await setup({ disableSignUp: true });
		expect(await (await send("nobody@x.com", "sign-in")).json()).toEqual({ success: true });
		expect(sent).toEqual([]);
		await signUp({ email: "u@x.com" });
		await send("u@x.com", "sign-in");
		expect(sent).toHaveLength(1);
	});

	it("refuses change-email codes, bad emails and malformed input", async () => {
		const { send, post, sent } = await setup();
		await expectError(await send("a@x.com", "change-email"), 400, "INVALID_OTP_TYPE");
		await expectError(await send("not-an-email", "sign-in"), 400, "INVALID_EMAIL");
		await expectError(await send("a@x.com", "bogus"), 400, "VALIDATION_ERROR");
		for (const body of [{}, { email: 5, type: "sign-in" }, { email: "a@x.com" }, "x", null, []]) {
			await expectError(await post("/email-otp/send-verification-otp", body), 400, "VALIDATION_ERROR");
		}
		expect(sent).toEqual([]);
	});

	it("refuses requests from untrusted origins", async () => {
		const { post, sent } = await setup();
		const body = { email: "a@x.com", type: "sign-in" };
		await expectError(
			await post("/email-otp/send-verification-otp", body, { headers: { origin: "http://evil.com" } }),
			403,
			"INVALID_ORIGIN",
		);
		expect(sent).toEqual([]);
	});

	it("uses otpLength, expiresIn and generateOTP", async () => {
		const long = await setup({ otpLength: 8, expiresIn: 60 });
		await long.send("a@x.com", "sign-in");
		expect(long.sent[0].otp).toMatch(/^\d{8}$/);
		expect(new Date(long.rows()[0].expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);

		const custom = await setup({ generateOTP: ({ email, type }) => `${type}:${email}` });
		await custom.send("a@x.com", "sign-in");
		expect(custom.sent[0].otp).toBe("sign-in:a@x.com");
		expect(custom.rows()[0].value).toBe("sign-in:a@x.com:0");
		expect((await custom.post("/sign-in/email-otp", { email: "a@x.com", otp: "sign-in:a@x.com" })).status).toBe(200);

		const fallback = await setup({ generateOTP: () => undefined });
		await fallback.send("a@x.com", "sign-in");
		expect(fallback.sent[0].otp).toMatch(/^\d{6}$/);
	});

	it("lets errors of sendVerificationOTP reach the caller", async () => {
		const { send } = await setup({
			sendVerificationOTP: async () => {
				throw new Error("smtp down");
			},
		});
		expect((await send("a@x.com", "sign-in")).status).toBe(500);
	});
});

describe("email OTP: sign-in", () => {
	it("creates a verified user on first sign-in and sets the session cookie", async () => {
		const { send, post, lastOTP, users, rows, request } = await setup();
		await send("New@x.com", "sign-in");
		const response = await post("/sign-in/email-otp", { email: "NEW@x.com", otp: lastOTP(), name: "Newbie" });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toEqual({ token: expect.any(String), user: expect.objectContaining({ email: "new@x.com" }) });
		expect(users()).toEqual([{ email: "new@x.com", name: "Newbie", emailVerified: 1 }]);
		expect(rows()).toEqual([]);
		const cookie = cookieHeader(response);
		expect(cookie).toContain(`better-auth.session_token=${body.token}.`);
		expect((await (await request("/get-session", { cookie })).json()).user.email).toBe("new@x.com");
	});

	it("signs an existing user in and marks the email verified", async () => {
		const { send, post, lastOTP, users, signUp } = await setup();
		await signUp({ email: "u@x.com", name: "U" });
		await send("u@x.com", "sign-in");
		expect((await post("/sign-in/email-otp", { email: "u@x.com", otp: lastOTP(), name: "Other" })).status).toBe(200);
		expect(users()).toEqual([{ email: "u@x.com", name: "U", emailVerified: 1 }]);
	});

	it("sets additional user fields and image on a new user", async () => {
		const { send, post, lastOTP, database } = await setup(
			{},
			{ user: { additionalFields: { age: { type: "number", required: false } } } },
		);
		await send("a@x.com", "sign-in");
		const response = await post("/sign-in/email-otp", {
			email: "a@x.com",
			otp: lastOTP(),
			image: "https://img",
			age: 4,
			emailVerified: false,
			unknownField: "x",
		});
		expect(response.status).toBe(200);
		expect(database.prepare("select image, age, emailVerified from user").get()).toEqual({
			image: "https://img",
			age: 4,
			emailVerified: 1,
		});
	});

	it("uses a code once", async () => {
		const { send, post, lastOTP } = await setup();
		await send("a@x.com", "sign-in");
		const otp = lastOTP();
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp })).status).toBe(200);
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp }), 400, "INVALID_OTP");
	});

	it("gives exactly one of many parallel sign-ins with the same code a session", async () => {
		const { send, post, lastOTP } = await setup();
		await send("a@x.com", "sign-in");
		const otp = lastOTP();
		const responses = await Promise.all(
			Array.from({ length: 8 }, () => post("/sign-in/email-otp", { email: "a@x.com", otp })),
		);
		expect(responses.map((response) => response.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
	});

	it("counts wrong codes and answers TOO_MANY_ATTEMPTS after allowedAttempts", async () => {
		const { send, post, lastOTP, rows } = await setup();
		await send("a@x.com", "sign-in");
		const otp = lastOTP();
		const wrong = otp === "000000" ? "111111" : "000000";
		for (let attempt = 1; attempt <= 3; attempt++) {
			await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: wrong }), 400, "INVALID_OTP");
			expect(rows()[0].value).toBe(`${otp}:${attempt}`);
		}
		// Even the right code is refused now, and the code is gone.
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp }), 403, "TOO_MANY_ATTEMPTS");
		expect(rows()).toEqual([]);
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp }), 400, "INVALID_OTP");
	});

	it("counts every one of many parallel wrong guesses or refuses it", async () => {
		const { send, post, lastOTP, rows } = await setup({ allowedAttempts: 100 });
		await send("a@x.com", "sign-in");
		const otp = lastOTP();
		const guesses = Array.from({ length: 20 }, (_, index) => String(index).padStart(6, "9"));
		const responses = await Promise.all(
			guesses
				.filter((guess) => guess !== otp)
				.map((guess) => post("/sign-in/email-otp", { email: "a@x.com", otp: guess })),
		);
		expect(responses.every((response) => response.status === 400)).toBe(true);
		// Guesses that found the code taken by another were not compared: none was compared for free.
		const attempts = Number(rows()[0].value.split(":")[1]);
		expect(attempts).toBeGreaterThanOrEqual(1);
		expect(attempts).toBeLessThanOrEqual(responses.length);
	});

	it("honours allowedAttempts", async () => {
		const { send, post, lastOTP } = await setup({ allowedAttempts: 1 });
		await send("a@x.com", "sign-in");
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: "x" }), 400, "INVALID_OTP");
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: lastOTP() }), 403, "TOO_MANY_ATTEMPTS");
	});

	it("answers OTP_EXPIRED for an expired code and removes it", async () => {
		const { post, insertCode, rows } = await setup();
		insertCode("sign-in-otp-a@x.com", "123456:0", new Date(Date.now() - 1000));
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" }), 400, "OTP_EXPIRED");
		expect(rows()).toEqual([]);
	});

	it("accepts codes written by better-auth 1.7, with or without an attempt count", async () => {
		const { post, insertCode } = await setup();
		insertCode("sign-in-otp-a@x.com", "123456");
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" })).status).toBe(200);
		insertCode("sign-in-otp-a@x.com", "12:34:0");
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: "12:34" })).status).toBe(200);
	});

	it("with disableSignUp, answers INVALID_OTP for an unknown user even with a valid code", async () => {
		const { post, insertCode, users } = await setup({ disableSignUp: true });
		insertCode("sign-in-otp-n@x.com", "123456:0");
		await expectError(await post("/sign-in/email-otp", { email: "n@x.com", otp: "123456" }), 400, "INVALID_OTP");
		expect(users()).toEqual([]);
	});

	it("answers FAILED_TO_CREATE_USER and FAILED_TO_CREATE_SESSION when database hooks refuse", async () => {
		const noUser = await setup({}, { databaseHooks: { user: { create: { before: async () => false } } } });
		noUser.insertCode("sign-in-otp-a@x.com", "123456:0");
		await expectError(
			await noUser.post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" }),
			422,
			"FAILED_TO_CREATE_USER",
		);
		const noSession = await setup({}, { databaseHooks: { session: { create: { before: async () => false } } } });
		noSession.insertCode("sign-in-otp-a@x.com", "123456:0");
		await expectError(
			await noSession.post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" }),
			401,
			"FAILED_TO_CREATE_SESSION",
		);
	});

	it("refuses malformed input, untrusted callback URLs and origins", async () => {
		const { post, insertCode } = await setup();
		insertCode("sign-in-otp-a@x.com", "123456:0");
		for (const body of [
			{},
			{ email: "a@x.com" },
			{ email: "a@x.com", otp: 123456 },
			{ email: "a@x.com", otp: "1", name: 5 },
			"x",
			null,
		]) {
			await expectError(await post("/sign-in/email-otp", body), 400, "VALIDATION_ERROR");
		}
		await expectError(
			await post("/sign-in/email-otp", { email: "a@x.com", otp: "123456", callbackURL: "http://evil.com" }),
			403,
			"INVALID_CALLBACK_URL",
		);
		await expectError(
			await post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" }, { headers: { origin: "http://evil.com" } }),
			403,
			"INVALID_ORIGIN",
		);
		// None of these used the code.
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: "123456" })).status).toBe(200);
	});
});

describe("email OTP: check-verification-otp", () => {
	it("checks a code without using it, and counts a wrong one", async () => {
		const { send, post, lastOTP, rows, signUp } = await setup();
		await signUp({ email: "u@x.com" });
		await send("u@x.com", "forget-password");
		const otp = lastOTP();
		const check = (code: string) =>
			post("/email-otp/check-verification-otp", { email: "U@x.com", type: "forget-password", otp: code });
		await expectError(await check("x"), 400, "INVALID_OTP");
		expect(rows()[0].value).toBe(`${otp}:1`);
		const ok = await check(otp);
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ success: true });
		expect(rows()[0].value).toBe(`${otp}:1`);
		expect((await check(otp)).status).toBe(200);
	});

	it("answers USER_NOT_FOUND for a right code without a user, OTP_EXPIRED and TOO_MANY_ATTEMPTS", async () => {
		const { post, insertCode } = await setup();
		const check = (email: string, otp: string) =>
			post("/email-otp/check-verification-otp", { email, type: "sign-in", otp });
		insertCode("sign-in-otp-n@x.com", "123456:0");
		await expectError(await check("n@x.com", "123456"), 400, "USER_NOT_FOUND");
		insertCode("sign-in-otp-e@x.com", "123456:0", new Date(Date.now() - 1000));
		await expectError(await check("e@x.com", "123456"), 400, "OTP_EXPIRED");
		insertCode("sign-in-otp-t@x.com", "123456:3");
		await expectError(await check("t@x.com", "123456"), 403, "TOO_MANY_ATTEMPTS");
	});

	it("refuses bad emails and malformed input", async () => {
		const { post } = await setup();
		await expectError(
			await post("/email-otp/check-verification-otp", { email: "bad", type: "sign-in", otp: "1" }),
			400,
			"INVALID_EMAIL",
		);
		for (const body of [
			{ email: "a@x.com", otp: "1" },
			{ email: "a@x.com", type: "sign-in" },
			{ email: "a@x.com", type: "sign-in", otp: 1 },
		]) {
			await expectError(await post("/email-otp/check-verification-otp", body), 400, "VALIDATION_ERROR");
		}
	});
});

describe("email OTP: verify-email", () => {
	it("verifies the email and answers { status, token: null, user }", async () => {
		const { send, post, lastOTP, users, signUp, rows } = await setup();
		await signUp({ email: "u@x.com", name: "U" });
		await send("u@x.com", "email-verification");
		const response = await post("/email-otp/verify-email", { email: "U@x.com", otp: lastOTP() });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toEqual({ status: true, token: null, user: expect.objectContaining({ emailVerified: true }) });
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(users()).toEqual([{ email: "u@x.com", name: "U", emailVerified: 1 }]);
		expect(rows()).toEqual([]);
	});

	it("signs in with autoSignInAfterVerification and runs the verification callbacks", async () => {
		const calls: string[] = [];
		const { send, post, lastOTP, signUp } = await setup(
			{},
			{
				emailVerification: {
					autoSignInAfterVerification: true,
					onEmailVerification: async (user: { emailVerified: boolean }) => {
						calls.push(`on:${user.emailVerified}`);
					},
					afterEmailVerification: async (user: { emailVerified: boolean }) => {
						calls.push(`after:${user.emailVerified}`);
					},
				},
			},
		);
		await signUp({ email: "u@x.com" });
		await send("u@x.com", "email-verification");
		const response = await post("/email-otp/verify-email", { email: "u@x.com", otp: lastOTP() });
		const body = await response.json();
		expect(body.token).toEqual(expect.any(String));
		expect(cookieHeader(response)).toContain(`better-auth.session_token=${body.token}.`);
		expect(calls).toEqual(["on:false", "after:true"]);
	});

	it("answers INVALID_OTP, USER_NOT_FOUND, OTP_EXPIRED and INVALID_EMAIL", async () => {
		const { post, insertCode, signUp } = await setup();
		await signUp({ email: "u@x.com" });
		await expectError(await post("/email-otp/verify-email", { email: "u@x.com", otp: "1" }), 400, "INVALID_OTP");
		insertCode("email-verification-otp-ghost@x.com", "123456:0");
		await expectError(
			await post("/email-otp/verify-email", { email: "ghost@x.com", otp: "123456" }),
			400,
			"USER_NOT_FOUND",
		);
		insertCode("email-verification-otp-u@x.com", "123456:0", new Date(Date.now() - 1000));
		await expectError(await post("/email-otp/verify-email", { email: "u@x.com", otp: "123456" }), 400, "OTP_EXPIRED");
		await expectError(await post("/email-otp/verify-email", { email: "bad", otp: "1" }), 400, "INVALID_EMAIL");
		await expectError(await post("/email-otp/verify-email", { email: "u@x.com" }), 400, "VALIDATION_ERROR");
	});

	it("does not accept a sign-in code as a verification code", async () => {
		const { send, post, lastOTP, signUp } = await setup();
		await signUp({ email: "u@x.com" });
		await send("u@x.com", "sign-in");
		await expectError(await post("/email-otp/verify-email", { email: "u@x.com", otp: lastOTP() }), 400, "INVALID_OTP");
	});
});

describe("email OTP: password reset", () => {
	it("sends a forget-password code from both request paths, only to existing users", async () => {
		const { post, sent, signUp, logs } = await setupWithLogs();
		await signUp({ email: "u@x.com" });
		for (const path of ["/email-otp/request-password-reset", "/forget-password/email-otp"]) {
			expect(await (await post(path, { email: "U@x.com" })).json()).toEqual({ success: true });
			expect(await (await post(path, { email: "nobody@x.com" })).json()).toEqual({ success: true });
			await expectError(await post(path, { email: "bad" }), 400, "INVALID_EMAIL");
			await expectError(await post(path, {}), 400, "VALIDATION_ERROR");
		}
		expect(sent.map(({ email, type }) => `${type}:${email}`)).toEqual([
			"forget-password:u@x.com",
			"forget-password:u@x.com",
		]);
		expect(logs.filter((line) => line.includes("deprecated"))).toHaveLength(1);
	});

	it("sets the new password, verifies the email, revokes sessions and calls onPasswordReset", async () => {
		const resets: string[] = [];
		const { post, lastOTP, signUp, signIn, database } = await setup(
			{},
			{
				emailAndPassword: {
					enabled: true,
					revokeSessionsOnPasswordReset: true,
					onPasswordReset: async ({ user }: { user: { email: string } }) => {
						resets.push(user.email);
					},
				},
			},
		);
		await signUp({ email: "u@x.com" });
		await post("/email-otp/request-password-reset", { email: "u@x.com" });
		const response = await post("/email-otp/reset-password", {
			email: "u@x.com",
			otp: lastOTP(),
			password: "brand-new-password",
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ success: true });
		expect((await signIn("u@x.com", "brand-new-password")).response.status).toBe(200);
		expect(database.prepare("select emailVerified from user").get()).toEqual({ emailVerified: 1 });
		expect(resets).toEqual(["u@x.com"]);
		// The sign-up session went; only the new sign-in's remains.
		expect(database.prepare("select count(*) as count from session").get()).toEqual({ count: 1 });
	});

	it("creates a credential account for a user without one", async () => {
		const { send, post, lastOTP, signIn, database } = await setup();
		await send("a@x.com", "sign-in");
		await post("/sign-in/email-otp", { email: "a@x.com", otp: lastOTP() });
		await send("a@x.com", "forget-password");
		expect((await post("/email-otp/reset-password", { email: "a@x.com", otp: lastOTP(), password })).status).toBe(200);
		expect(database.prepare("select providerId from account").all()).toEqual([{ providerId: "credential" }]);
		expect((await signIn("a@x.com", password)).response.status).toBe(200);
	});

	it("checks the password length before the code, so a bad password does not use it", async () => {
		const { post, lastOTP, signUp, rows } = await setup();
		await signUp({ email: "u@x.com" });
		await post("/email-otp/request-password-reset", { email: "u@x.com" });
		const otp = lastOTP();
		const reset = (body: Record<string, unknown>) => post("/email-otp/reset-password", { email: "u@x.com", ...body });
		await expectError(await reset({ otp: "wrong", password: "short" }), 400, "PASSWORD_TOO_SHORT");
		await expectError(await reset({ otp, password: "x".repeat(200) }), 400, "PASSWORD_TOO_LONG");
		expect(rows()[0].value).toBe(`${otp}:0`);
		await expectError(await reset({ otp: "wrong", password }), 400, "INVALID_OTP");
		await expectError(await reset({ otp }), 400, "VALIDATION_ERROR");
		await expectError(await post("/email-otp/reset-password", { email: "bad", otp, password }), 400, "INVALID_EMAIL");
		await expectError(
			await post("/email-otp/reset-password", { email: "nobody@x.com", otp, password }),
			400,
			"INVALID_OTP",
		);
		expect((await reset({ otp, password })).status).toBe(200);
		await expectError(await reset({ otp, password }), 400, "INVALID_OTP");
	});
});

async function setupWithLogs() {
	const logs: string[] = [];
	const instance = await setup(
		{},
		{
			logger: {
				disabled: false,
				level: "warn",
				log: (_level: string, message: string) => {
					logs.push(message);
				},
			},
		},
	);
	return { ...instance, logs };
}

describe("email OTP: change email", () => {
	async function signedIn(options: Options) {
		const instance = await setup(options);
		const { cookie } = await instance.signUp({ email: "u@x.com" });
		await instance.signUp({ email: "taken@x.com" });
		return { ...instance, cookie };
	}

	it("sends a change-email code to the new address and applies it", async () => {
		const { post, cookie, sent, rows, users, request } = await signedIn({ changeEmail: { enabled: true } });
		const requested = await post("/email-otp/request-email-change", { newEmail: "New@x.com" }, { cookie });
		expect(await requested.json()).toEqual({ success: true });
		expect(sent.at(-1)).toMatchObject({ email: "new@x.com", type: "change-email" });
		const userId = (await (await request("/get-session", { cookie })).json()).user.id;
		expect(rows().map((row) => row.identifier)).toEqual([`change-email-otp-${userId}:new@x.com`]);

		await expectError(
			await post("/email-otp/change-email", { newEmail: "new@x.com", otp: "wrong" }, { cookie }),
			400,
			"INVALID_OTP",
		);
		const changed = await post("/email-otp/change-email", { newEmail: "new@x.com", otp: sent.at(-1)?.otp }, { cookie });
		expect(changed.status).toBe(200);
		expect(await changed.json()).toEqual({ success: true });
		expect(cookieHeader(changed)).toMatch(/better-auth\.session_token=/);
		expect(users().map((user) => user.email)).toEqual(["new@x.com", "taken@x.com"]);
		expect(users()[0].emailVerified).toBe(1);
		expect((await (await request("/get-session", { cookie })).json()).user.email).toBe("new@x.com");
	});

	it("sends nothing for a taken address, refuses the same address and bad input", async () => {
		const { post, cookie, sent } = await signedIn({ changeEmail: { enabled: true } });
		expect(
			await (await post("/email-otp/request-email-change", { newEmail: "taken@x.com" }, { cookie })).json(),
		).toEqual({
			success: true,
		});
		expect(sent).toEqual([]);
		await expectError(
			await post("/email-otp/request-email-change", { newEmail: "U@x.com" }, { cookie }),
			400,
			"EMAIL_IS_THE_SAME",
		);
		await expectError(
			await post("/email-otp/request-email-change", { newEmail: "bad" }, { cookie }),
			400,
			"INVALID_EMAIL",
		);
		await expectError(await post("/email-otp/request-email-change", {}, { cookie }), 400, "VALIDATION_ERROR");
		await expectError(
			await post("/email-otp/change-email", { newEmail: "n@x.com" }, { cookie }),
			400,
			"VALIDATION_ERROR",
		);
	});

	it("refuses the change when the address was taken after the code went out", async () => {
		const { post, cookie, sent, signUp } = await signedIn({ changeEmail: { enabled: true } });
		await post("/email-otp/request-email-change", { newEmail: "late@x.com" }, { cookie });
		await signUp({ email: "late@x.com" });
		await expectError(
			await post("/email-otp/change-email", { newEmail: "late@x.com", otp: sent.at(-1)?.otp }, { cookie }),
			400,
			"EMAIL_ALREADY_IN_USE",
		);
	});

	it("with verifyCurrentEmail, needs a verification code sent to the current address first", async () => {
		const { post, send, cookie, sent } = await signedIn({ changeEmail: { enabled: true, verifyCurrentEmail: true } });
		await expectError(
			await post("/email-otp/request-email-change", { newEmail: "new@x.com" }, { cookie }),
			400,
			"OTP_REQUIRED",
		);
		await expectError(
			await post("/email-otp/request-email-change", { newEmail: "new@x.com", otp: "wrong" }, { cookie }),
			400,
			"INVALID_OTP",
		);
		await send("u@x.com", "email-verification");
		const current = sent.at(-1)?.otp;
		expect(
			(await post("/email-otp/request-email-change", { newEmail: "new@x.com", otp: current }, { cookie })).status,
		).toBe(200);
		expect(sent.at(-1)).toMatchObject({ email: "new@x.com", type: "change-email" });
		expect(
			(await post("/email-otp/change-email", { newEmail: "new@x.com", otp: sent.at(-1)?.otp }, { cookie })).status,
		).toBe(200);
	});

	it("needs a session, and is off unless changeEmail.enabled", async () => {
		const off = await signedIn({});
		await expectError(
			await off.post("/email-otp/request-email-change", { newEmail: "new@x.com" }, { cookie: off.cookie }),
			400,
			"CHANGE_EMAIL_DISABLED",
		);
		await expectError(
			await off.post("/email-otp/change-email", { newEmail: "new@x.com", otp: "1" }, { cookie: off.cookie }),
			400,
			"CHANGE_EMAIL_DISABLED",
		);
		const on = await signedIn({ changeEmail: { enabled: true } });
		await expectError(await on.post("/email-otp/request-email-change", { newEmail: "new@x.com" }), 401, "UNAUTHORIZED");
		await expectError(
			await on.post("/email-otp/change-email", { newEmail: "new@x.com", otp: "1" }),
			401,
			"UNAUTHORIZED",
		);
	});
});

describe("email OTP: storeOTP", () => {
	const digest = (otp: string) => Buffer.from(sha256(new TextEncoder().encode(otp))).toString("base64url");

	it("hashed: stores the SHA-256 (base64url) and cannot read it back", async () => {
		const { send, post, lastOTP, rows, auth } = await setup({ storeOTP: "hashed" });
		await send("a@x.com", "sign-in");
		expect(rows()[0].value).toBe(`${digest(lastOTP())}:0`);
		await expect(auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).rejects.toMatchObject({
			body: { code: "OTP_HASHED" },
		});
		await expectError(
			await post("/sign-in/email-otp", { email: "a@x.com", otp: digest(lastOTP()) }),
			400,
			"INVALID_OTP",
		);
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: lastOTP() })).status).toBe(200);
	});

	it("encrypted: stores it encrypted with the secret, readable on the server", async () => {
		const { send, post, lastOTP, rows, auth } = await setup({ storeOTP: "encrypted" });
		await send("a@x.com", "sign-in");
		const stored = rows()[0].value.split(":")[0];
		expect(stored).not.toContain(lastOTP());
		expect(await symmetricDecrypt({ key: SECRET, data: stored })).toBe(lastOTP());
		expect(await auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).toEqual({
			otp: lastOTP(),
		});
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: lastOTP() })).status).toBe(200);
	});

	it("custom hash and custom encryption", async () => {
		const hashed = await setup({ storeOTP: { hash: async (otp) => `h(${otp})` } });
		await hashed.send("a@x.com", "sign-in");
		expect(hashed.rows()[0].value).toBe(`h(${hashed.lastOTP()}):0`);
		expect((await hashed.post("/sign-in/email-otp", { email: "a@x.com", otp: hashed.lastOTP() })).status).toBe(200);

		const encrypted = await setup({
			storeOTP: { encrypt: async (otp) => `e(${otp})`, decrypt: async (stored) => stored.slice(2, -1) },
		});
		await encrypted.send("a@x.com", "sign-in");
		expect(encrypted.rows()[0].value).toBe(`e(${encrypted.lastOTP()}):0`);
		expect(await encrypted.auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).toEqual({
			otp: encrypted.lastOTP(),
		});
		expect((await encrypted.post("/sign-in/email-otp", { email: "a@x.com", otp: encrypted.lastOTP() })).status).toBe(
			200,
		);
	});

	it("a code that cannot be decrypted is just wrong", async () => {
		const { post, insertCode } = await setup({ storeOTP: "encrypted" });
		insertCode("sign-in-otp-a@x.com", "not-hex:0");
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: "not-hex" }), 400, "INVALID_OTP");
	});
});

describe("email OTP: server-only endpoints", () => {
	it("createVerificationOTP issues without sending; getVerificationOTP reads it", async () => {
		const { auth, sent, post, request } = await setup();
		expect(await auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).toEqual({ otp: null });
		const otp = await auth.api.createVerificationOTP({ body: { email: "A@x.com", type: "sign-in" } });
		expect(otp).toMatch(/^\d{6}$/);
		expect(sent).toEqual([]);
		expect(await auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).toEqual({ otp });
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp })).status).toBe(200);
		expect(await auth.api.getVerificationOTP({ query: { email: "a@x.com", type: "sign-in" } })).toEqual({ otp: null });
		expect((await post("/email-otp/create-verification-otp", { email: "a@x.com", type: "sign-in" })).status).toBe(404);
		expect((await request("/email-otp/get-verification-otp?email=a@x.com&type=sign-in")).status).toBe(404);
	});
});

describe("email OTP: sign-up and core email verification", () => {
	it("sendVerificationOnSignUp sends an email-verification code after sign-up", async () => {
		const { signUp, sent, post } = await setup({ sendVerificationOnSignUp: true });
		await signUp({ email: "U@x.com" });
		expect(sent).toEqual([expect.objectContaining({ email: "u@x.com", type: "email-verification" })]);
		expect((await post("/email-otp/verify-email", { email: "u@x.com", otp: sent[0].otp })).status).toBe(200);
		// A failed sign-up sends nothing.
		await signUp({ email: "u@x.com" });
		expect(sent).toHaveLength(1);
	});

	it("sends nothing after sign-up by default", async () => {
		const { signUp, sent } = await setup();
		await signUp({ email: "u@x.com" });
		expect(sent).toEqual([]);
	});

	it("overrideDefaultEmailVerification sends codes where core sends links", async () => {
		const { signUp, sent, post, signIn } = await setup(
			{ overrideDefaultEmailVerification: true },
			{
				emailAndPassword: { enabled: true, requireEmailVerification: true },
				emailVerification: { sendOnSignIn: true },
			},
		);
		await signUp({ email: "u@x.com" });
		expect(sent.map((item) => item.type)).toEqual(["email-verification"]);
		await expectError((await signIn("u@x.com")).response, 403, "EMAIL_NOT_VERIFIED");
		expect(sent).toHaveLength(2);
		expect(await (await post("/send-verification-email", { email: "u@x.com" })).json()).toEqual({ status: true });
		expect(sent).toHaveLength(3);
		expect((await post("/email-otp/verify-email", { email: "u@x.com", otp: sent[2].otp })).status).toBe(200);
		expect((await signIn("u@x.com")).response.status).toBe(200);
	});

	it("overrideDefaultEmailVerification leaves an app's own sendVerificationEmail alone", async () => {
		const links: string[] = [];
		const { signUp, sent } = await setup(
			{ overrideDefaultEmailVerification: true },
			{
				emailVerification: {
					sendOnSignUp: true,
					sendVerificationEmail: async ({ url }: { url: string }) => {
						links.push(url);
					},
				},
			},
		);
		await signUp({ email: "u@x.com" });
		expect(sent).toEqual([]);
		expect(links).toHaveLength(1);
	});
});

describe("email OTP: rate limits and secondary storage", () => {
	it("allows 3 requests a minute per endpoint by default", async () => {
		const { send, post } = await setup({}, { rateLimit: { enabled: true } });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await send("a@x.com", "sign-in")).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		// Each endpoint counts on its own.
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: "1" })).status).toBe(400);
	});

	it("keeps codes in secondary storage when there is one", async () => {
		const store = new Map<string, string>();
		const secondaryStorage = {
			get: async (key: string) => store.get(key) ?? null,
			set: async (key: string, value: string) => {
				store.set(key, value);
			},
			delete: async (key: string) => {
				store.delete(key);
			},
		};
		const { send, post, lastOTP } = await setup({}, { secondaryStorage });
		await send("a@x.com", "sign-in");
		expect(JSON.parse(store.get("verification:sign-in-otp-a@x.com") ?? "{}").value).toBe(`${lastOTP()}:0`);
		await expectError(await post("/sign-in/email-otp", { email: "a@x.com", otp: "x" }), 400, "INVALID_OTP");
		expect(JSON.parse(store.get("verification:sign-in-otp-a@x.com") ?? "{}").value).toBe(`${lastOTP()}:1`);
		expect((await post("/sign-in/email-otp", { email: "a@x.com", otp: lastOTP() })).status).toBe(200);
		expect(store.has("verification:sign-in-otp-a@x.com")).toBe(false);
	});
});

describe("email OTP: malformed input never causes a 500", () => {
	const bodies = [
		"{bad json",
		"[]",
		"null",
		"42",
		'"string"',
		JSON.stringify({ email: 12, otp: ["x"], type: { a: 1 }, password: null, newEmail: false }),
		JSON.stringify({
			email: "a@x.com\u0000",
			otp: "\u0000",
			type: "sign-in",
			password: "x".repeat(5000),
			newEmail: "\u0000",
		}),
		'{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
	];
	const paths = Object.values(emailOTP({ sendVerificationOTP: () => {} }).endpoints)
		.filter((endpoint) => !(endpoint.options as { metadata?: { SERVER_ONLY?: boolean } }).metadata?.SERVER_ONLY)
		.map((endpoint) => endpoint.path as string);

	it("covers every HTTP endpoint", () => {
		expect(paths).toHaveLength(9);
	});

	for (const path of paths) {
		it(`POST ${path}`, async () => {
			const { auth, signUp } = await setup({ changeEmail: { enabled: true } });
			const { cookie } = await signUp({ email: "u@x.com" });
			for (const body of bodies) {
				for (const withCookie of [undefined, cookie]) {
					const response = await auth.handler(
						new Request(`http://localhost:3000/api/auth${path}`, {
							method: "POST",
							headers: {
								origin: "http://localhost:3000",
								"content-type": "application/json",
								...(withCookie ? { cookie: withCookie } : {}),
							},
							body,
						}),
					);
					expect(response.status, `${path} ${body.slice(0, 30)}`).toBeLessThan(500);
					expect(response.status).toBeGreaterThanOrEqual(400);
					expect((await response.json()).code, `${path} ${body.slice(0, 30)}`).toEqual(expect.any(String));
				}
			}
		});
	}
});
