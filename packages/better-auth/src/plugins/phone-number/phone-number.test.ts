import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { phoneNumber } from "./index";
import type { PhoneNumberOptions } from "./types";

const PHONE = "+15550001111";
const OTHER = "+15550002222";

interface Sent {
	phoneNumber: string;
	code: string;
	request?: Request;
}

async function setup(options: Partial<PhoneNumberOptions> = {}, extra: Record<string, unknown> = {}) {
	const sent: Sent[] = [];
	const resets: Sent[] = [];
	const verified: { phoneNumber: string; userId: string }[] = [];
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [
			phoneNumber({
				sendOTP: (data, request) => {
					sent.push({ ...data, request });
				},
				sendPasswordResetOTP: (data) => {
					resets.push(data);
				},
				callbackOnVerification: ({ phoneNumber, user }) => {
					verified.push({ phoneNumber, userId: user.id });
				},
				...options,
			}),
		],
	});
	const { request, database } = instance;
	const post = (path: string, body: unknown, cookie?: string) => request(path, { body, cookie });
	const sendOtp = (phone = PHONE) => post("/phone-number/send-otp", { phoneNumber: phone });
	const lastCode = () => sent.at(-1)?.code ?? "";
	const verify = (body: Record<string, unknown>, cookie?: string) =>
		post("/phone-number/verify", { phoneNumber: PHONE, ...body }, cookie);
	/** Sends a code and verifies it: signs up (with signUpOnVerification) or in. */
	const verifyPhone = async (phone = PHONE, body: Record<string, unknown> = {}, cookie?: string) => {
		await sendOtp(phone);
		return post("/phone-number/verify", { phoneNumber: phone, code: lastCode(), ...body }, cookie);
	};
	const verifications = () =>
		database.prepare("select identifier, value, expiresAt from verification order by createdAt").all() as {
			identifier: string;
			value: string;
			expiresAt: string;
		}[];
	const users = () =>
		database.prepare("select email, name, phoneNumber, phoneNumberVerified from user order by email").all() as {
			email: string;
			name: string;
			phoneNumber: string | null;
			phoneNumberVerified: number | null;
		}[];
	return { ...instance, sent, resets, verified, post, sendOtp, lastCode, verify, verifyPhone, verifications, users };
}

const signUpOnVerification = { getTempEmail: (phone: string) => `${phone.slice(1)}@phone.test` };

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("phone-number: schema", () => {
	it("adds a unique phoneNumber column and a nullable phoneNumberVerified column", async () => {
		const { database } = await setup();
		const { sql } = database.prepare("select sql from sqlite_master where name = 'user'").get() as { sql: string };
		expect(sql).toMatch(/"phoneNumber" text unique/);
		expect(sql).toMatch(/"phoneNumberVerified" integer(,|\))/);
	});

	it("honours custom column names", async () => {
		const { database, verifyPhone } = await setup({
			signUpOnVerification,
			schema: { user: { fields: { phoneNumber: "phone", phoneNumberVerified: "phone_ok" } } },
		});
		expect((await verifyPhone()).status).toBe(200);
		expect(database.prepare("select phone, phone_ok from user").all()).toEqual([{ phone: PHONE, phone_ok: 1 }]);
	});
});

describe("phone-number: send-otp", () => {
	it("stores a six-digit code for five minutes and hands it to sendOTP", async () => {
		const { sendOtp, sent, verifications } = await setup();
		const before = Date.now();
		const response = await sendOtp();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ message: "code sent" });
		expect(sent).toHaveLength(1);
		expect(sent[0].phoneNumber).toBe(PHONE);
		expect(sent[0].code).toMatch(/^\d{6}$/);
		expect(sent[0].request).toBeInstanceOf(Request);
		const [row] = verifications();
		expect(row).toMatchObject({ identifier: `phone-number-otp-${PHONE}`, value: `${sent[0].code}:0` });
		const lifetime = new Date(row.expiresAt).getTime() - before;
		expect(lifetime).toBeGreaterThan(299_000);
		expect(lifetime).toBeLessThan(301_000);
	});

	it("honours otpLength and expiresIn", async () => {
		const { sendOtp, sent, verifications } = await setup({ otpLength: 4, expiresIn: 60 });
		const before = Date.now();
		await sendOtp();
		expect(sent[0].code).toMatch(/^\d{4}$/);
		const lifetime = new Date(verifications()[0].expiresAt).getTime() - before;
		expect(lifetime).toBeGreaterThan(59_000);
		expect(lifetime).toBeLessThan(61_000);
	});

	it("answers 501 SEND_OTP_NOT_IMPLEMENTED without sendOTP and stores nothing", async () => {
		const { sendOtp, verifications } = await setup({ sendOTP: undefined });
		await expectError(await sendOtp(), 501, "SEND_OTP_NOT_IMPLEMENTED");
		expect(verifications()).toEqual([]);
	});

	it("refuses numbers phoneNumberValidator rejects", async () => {
		const { sendOtp, sent } = await setup({ phoneNumberValidator: (phone) => /^\+\d{8,15}$/.test(phone) });
		await expectError(await sendOtp("12-34"), 400, "INVALID_PHONE_NUMBER");
		expect(sent).toEqual([]);
		expect((await sendOtp()).status).toBe(200);
	});

	it("refuses malformed bodies with 400 VALIDATION_ERROR", async () => {
		const { post, request } = await setup();
		await expectError(await post("/phone-number/send-otp", {}), 400, "VALIDATION_ERROR");
		await expectError(await post("/phone-number/send-otp", { phoneNumber: 15550001111 }), 400, "VALIDATION_ERROR");
		await expectError(await post("/phone-number/send-otp", ["+1555"]), 400, "VALIDATION_ERROR");
		expect((await request("/phone-number/send-otp", { method: "POST" })).status).toBe(400);
	});
});

describe("phone-number: verify", () => {
	it("signs a new user up with signUpOnVerification and signs them in", async () => {
		const { verifyPhone, users, verified, request } = await setup({ signUpOnVerification });
		const response = await verifyPhone();
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			status: true,
			token: expect.any(String),
			user: { email: "15550001111@phone.test", name: PHONE, phoneNumber: PHONE, phoneNumberVerified: true },
		});
		expect(users()).toEqual([
			{ email: "15550001111@phone.test", name: PHONE, phoneNumber: PHONE, phoneNumberVerified: 1 },
		]);
		expect(verified).toEqual([{ phoneNumber: PHONE, userId: body.user.id }]);
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user.id).toBe(body.user.id);
		expect(session.session.token).toBe(body.token);
	});

	it("names the new user with getTempName", async () => {
		const { verifyPhone, users } = await setup({
			signUpOnVerification: { ...signUpOnVerification, getTempName: (phone) => `Caller ${phone.slice(-4)}` },
		});
		await verifyPhone();
		expect(users()[0].name).toBe("Caller 1111");
	});

	it("signs the number's user in, or only marks it verified with disableSession", async () => {
		const { verifyPhone, users } = await setup({ signUpOnVerification });
		const first = await (await verifyPhone()).json();
		const again = await verifyPhone();
		const body = await again.json();
		expect(body.user.id).toBe(first.user.id);
		expect(body.token).not.toBe(first.token);
		expect(again.headers.getSetCookie().some((cookie) => cookie.startsWith("better-auth.session_token="))).toBe(true);

		const quiet = await verifyPhone(PHONE, { disableSession: true });
		expect(quiet.status).toBe(200);
		expect(await quiet.json()).toMatchObject({ status: true, token: null, user: { id: first.user.id } });
		expect(quiet.headers.getSetCookie()).toEqual([]);
		expect(users()).toHaveLength(1);
	});

	it("answers 400 PHONE_NUMBER_NOT_EXIST for an unknown number without signUpOnVerification", async () => {
		const { verifyPhone, users, verified } = await setup();
		await expectError(await verifyPhone(), 400, "PHONE_NUMBER_NOT_EXIST");
		expect(users()).toEqual([]);
		expect(verified).toEqual([]);
	});

	it("refuses to sign up into an account whose email the temporary email already is", async () => {
		const { verifyPhone, users, request } = await setup({ signUpOnVerification });
		await request("/sign-up/email", {
			body: { email: "15550001111@phone.test", password: "password123", name: "Owner" },
		});
		const response = await verifyPhone();
		await expectError(response, 422, "USER_ALREADY_EXISTS");
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(users()).toEqual([
			{ email: "15550001111@phone.test", name: "Owner", phoneNumber: null, phoneNumberVerified: null },
		]);
	});

	it("counts wrong codes and deletes the code past allowedAttempts", async () => {
		const { sendOtp, verify, lastCode, verifications } = await setup({ signUpOnVerification, allowedAttempts: 2 });
		await sendOtp();
		const code = lastCode();
		const wrong = code === "000000" ? "111111" : "000000";
		await expectError(await verify({ code: wrong }), 400, "INVALID_OTP");
		expect(verifications()[0].value).toBe(`${code}:1`);
		await expectError(await verify({ code: wrong }), 400, "INVALID_OTP");
		expect(verifications()[0].value).toBe(`${code}:2`);
		// The right code no longer helps: the budget is spent.
		await expectError(await verify({ code }), 403, "TOO_MANY_ATTEMPTS");
		expect(verifications()).toEqual([]);
		await expectError(await verify({ code }), 400, "OTP_NOT_FOUND");
	});

	it("keeps the expiry when counting a wrong attempt", async () => {
		const { sendOtp, verify, verifications } = await setup();
		await sendOtp();
		const { expiresAt } = verifications()[0];
		await verify({ code: "not-the-code" });
		expect(verifications()).toHaveLength(1);
		expect(verifications()[0].expiresAt).toBe(expiresAt);
	});

	it("answers OTP_EXPIRED for an expired code and deletes it", async () => {
		const { sendOtp, verify, lastCode, database, verifications } = await setup({ signUpOnVerification });
		await sendOtp();
		database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		await expectError(await verify({ code: lastCode() }), 400, "OTP_EXPIRED");
		expect(verifications()).toEqual([]);
	});

	it("uses a code once, and only the latest code counts", async () => {
		const { sendOtp, verify, lastCode } = await setup({ signUpOnVerification });
		await sendOtp();
		const first = lastCode();
		await sendOtp();
		const second = lastCode();
		if (first !== second) await expectError(await verify({ code: first }), 400, "INVALID_OTP");
		expect((await verify({ code: second })).status).toBe(200);
		await expectError(await verify({ code: second }), 400, "OTP_NOT_FOUND");
	});

	it("answers OTP_NOT_FOUND when no code was sent", async () => {
		const { verify } = await setup({ signUpOnVerification });
		await expectError(await verify({ code: "123456" }), 400, "OTP_NOT_FOUND");
	});

	it("lets one of several parallel requests use a code", async () => {
		const { sendOtp, verify, lastCode, users } = await setup({ signUpOnVerification });
		await sendOtp();
		const code = lastCode();
		const responses = await Promise.all(Array.from({ length: 8 }, () => verify({ code })));
		expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
		expect(users()).toHaveLength(1);
	});

	it("does not let parallel guesses exceed allowedAttempts", async () => {
		const { sendOtp, verify, lastCode } = await setup({ signUpOnVerification, allowedAttempts: 3 });
		await sendOtp();
		const wrong = lastCode() === "000000" ? "111111" : "000000";
		const responses = await Promise.all(Array.from({ length: 12 }, () => verify({ code: wrong })));
		const codes = await Promise.all(responses.map(async (response) => (await response.json()).code));
		expect(codes.filter((code) => code === "INVALID_OTP").length).toBeLessThanOrEqual(3);
		expect(codes.every((code) => ["INVALID_OTP", "OTP_NOT_FOUND", "TOO_MANY_ATTEMPTS"].includes(code))).toBe(true);
	});

	it("refuses malformed bodies with 400 VALIDATION_ERROR", async () => {
		const { post } = await setup();
		for (const body of [
			{ phoneNumber: PHONE },
			{ code: "123456" },
			{ phoneNumber: PHONE, code: 123456 },
			{ phoneNumber: PHONE, code: "123456", updatePhoneNumber: "yes" },
			{ phoneNumber: PHONE, code: "123456", disableSession: 1 },
		]) {
			await expectError(await post("/phone-number/verify", body), 400, "VALIDATION_ERROR");
		}
	});
});

describe("phone-number: with secondary storage", () => {
	it("keeps codes there: issue, wrong attempt, expiry of the budget, success", async () => {
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
		const { sendOtp, verify, lastCode } = await setup(
			{ signUpOnVerification, allowedAttempts: 1 },
			{ secondaryStorage },
		);
		expect((await sendOtp()).status).toBe(200);
		expect(JSON.parse(store.get(`verification:phone-number-otp-${PHONE}`) ?? "{}").value).toBe(`${lastCode()}:0`);
		const wrong = lastCode() === "000000" ? "111111" : "000000";
		await expectError(await verify({ code: wrong }), 400, "INVALID_OTP");
		await expectError(await verify({ code: lastCode() }), 403, "TOO_MANY_ATTEMPTS");
		await sendOtp();
		await sendOtp();
		expect((await verify({ code: lastCode() })).status).toBe(200);
		await expectError(await verify({ code: lastCode() }), 400, "OTP_NOT_FOUND");
	});
});

describe("phone-number: updatePhoneNumber", () => {
	it("moves the signed-in user to the verified number without a new session", async () => {
		const { signUp, verifyPhone, users, verified } = await setup();
		const { cookie } = await signUp({ email: "a@x.com" });
		const response = await verifyPhone(PHONE, { updatePhoneNumber: true }, cookie);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({
			status: true,
			user: { email: "a@x.com", phoneNumber: PHONE, phoneNumberVerified: true },
		});
		expect(cookie).toContain(encodeURIComponent(body.token).slice(0, 10));
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(verified).toEqual([{ phoneNumber: PHONE, userId: body.user.id }]);

		expect((await verifyPhone(OTHER, { updatePhoneNumber: true }, cookie)).status).toBe(200);
		expect(users()).toEqual([{ email: "a@x.com", name: "Test User", phoneNumber: OTHER, phoneNumberVerified: 1 }]);
	});

	it("refuses a number another user holds with PHONE_NUMBER_EXIST", async () => {
		const { signUp, verifyPhone, users } = await setup();
		const a = await signUp({ email: "a@x.com" });
		const b = await signUp({ email: "b@x.com" });
		expect((await verifyPhone(PHONE, { updatePhoneNumber: true }, a.cookie)).status).toBe(200);
		await expectError(await verifyPhone(PHONE, { updatePhoneNumber: true }, b.cookie), 400, "PHONE_NUMBER_EXIST");
		expect(users().map((user) => user.phoneNumber)).toEqual([PHONE, null]);
		// Re-verifying one's own number is fine.
		expect((await verifyPhone(PHONE, { updatePhoneNumber: true }, a.cookie)).status).toBe(200);
	});

	it("needs a session: 401 USER_NOT_FOUND without one", async () => {
		const { verifyPhone } = await setup({ signUpOnVerification });
		await expectError(await verifyPhone(PHONE, { updatePhoneNumber: true }), 401, "USER_NOT_FOUND");
	});
});

describe("phone-number: sign-in with password", () => {
	/** A user signed up by email who then verified PHONE. */
	async function withUser(options: Partial<PhoneNumberOptions> = {}, extra: Record<string, unknown> = {}) {
		const instance = await setup(options, extra);
		const { cookie } = await instance.signUp({ email: "a@x.com", password: "password123" });
		await instance.verifyPhone(PHONE, { updatePhoneNumber: true }, cookie);
		const signIn = (body: Record<string, unknown>) =>
			instance.post("/sign-in/phone-number", { phoneNumber: PHONE, password: "password123", ...body });
		return { ...instance, signIn };
	}

	it("signs in and answers { token, user }", async () => {
		const { signIn, request } = await withUser();
		const response = await signIn({});
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(Object.keys(body).sort()).toEqual(["token", "user"]);
		expect(body.user).toMatchObject({ email: "a@x.com", phoneNumber: PHONE });
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.session.token).toBe(body.token);
	});

	it("issues a browser-session cookie with rememberMe: false", async () => {
		const { signIn } = await withUser();
		const names = (await signIn({ rememberMe: false })).headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
		expect(names).toEqual(["better-auth.session_token", "better-auth.dont_remember"]);
	});

	it("answers 401 INVALID_PHONE_NUMBER_OR_PASSWORD for a wrong password, unknown number or no password", async () => {
		const { signIn, post, verifyPhone } = await withUser({ signUpOnVerification });
		await expectError(await signIn({ password: "wrong-password" }), 401, "INVALID_PHONE_NUMBER_OR_PASSWORD");
		await expectError(await signIn({ phoneNumber: "+19999999999" }), 401, "INVALID_PHONE_NUMBER_OR_PASSWORD");
		// Signed up by code: no password yet.
		await verifyPhone(OTHER);
		await expectError(
			await post("/sign-in/phone-number", { phoneNumber: OTHER, password: "password123" }),
			401,
			"INVALID_PHONE_NUMBER_OR_PASSWORD",
		);
	});

	it("refuses numbers phoneNumberValidator rejects", async () => {
		const { post } = await setup({ phoneNumberValidator: (phone) => phone.startsWith("+") });
		await expectError(
			await post("/sign-in/phone-number", { phoneNumber: "5550001111", password: "password123" }),
			400,
			"INVALID_PHONE_NUMBER",
		);
	});

	it("with requireVerification, refuses an unverified number after the password check and sends a code", async () => {
		const { signIn, database, sent } = await withUser({ requireVerification: true });
		database.prepare("update user set phoneNumberVerified = 0").run();
		const before = sent.length;
		await expectError(await signIn({ password: "wrong-password" }), 401, "INVALID_PHONE_NUMBER_OR_PASSWORD");
		expect(sent.length).toBe(before);
		await expectError(await signIn({}), 401, "PHONE_NUMBER_NOT_VERIFIED");
		expect(sent.length).toBe(before + 1);
		expect(sent.at(-1)?.phoneNumber).toBe(PHONE);
		database.prepare("update user set phoneNumberVerified = 1").run();
		expect((await signIn({})).status).toBe(200);
	});

	it("signs in with email and password turned off and ignores requireEmailVerification", async () => {
		const { verifyPhone, post, resets } = await setup(
			{ signUpOnVerification },
			{ emailAndPassword: { enabled: false, requireEmailVerification: true } },
		);
		await verifyPhone();
		await post("/phone-number/request-password-reset", { phoneNumber: PHONE });
		const reset = await post("/phone-number/reset-password", {
			phoneNumber: PHONE,
			otp: resets.at(-1)?.code,
			newPassword: "password123",
		});
		expect(reset.status).toBe(200);
		const response = await post("/sign-in/phone-number", { phoneNumber: PHONE, password: "password123" });
		expect(response.status).toBe(200);
		expect((await response.json()).user.emailVerified).toBe(false);
	});

	it("checks callbackURL against trusted origins", async () => {
		const { signIn } = await withUser();
		await expectError(await signIn({ callbackURL: "https://evil.example" }), 403, "INVALID_CALLBACK_URL");
		expect((await signIn({ callbackURL: "/dashboard" })).status).toBe(200);
	});

	it("refuses malformed bodies with 400 VALIDATION_ERROR", async () => {
		const { post } = await setup();
		for (const body of [
			{ phoneNumber: PHONE },
			{ password: "password123" },
			{ phoneNumber: 5, password: "password123" },
			{ phoneNumber: PHONE, password: "password123", rememberMe: "no" },
		]) {
			await expectError(await post("/sign-in/phone-number", body), 400, "VALIDATION_ERROR");
		}
	});
});

describe("phone-number: password reset", () => {
	async function withUser(options: Partial<PhoneNumberOptions> = {}, extra: Record<string, unknown> = {}) {
		const instance = await setup({ signUpOnVerification, ...options }, extra);
		const verified = await instance.verifyPhone();
		const cookie = cookieHeader(verified);
		const requestReset = (phone = PHONE) =>
			instance.post("/phone-number/request-password-reset", { phoneNumber: phone });
		const reset = (body: Record<string, unknown>) =>
			instance.post("/phone-number/reset-password", { phoneNumber: PHONE, newPassword: "new-password-1", ...body });
		const resetCode = () => instance.resets.at(-1)?.code ?? "";
		const signIn = (password: string) => instance.post("/sign-in/phone-number", { phoneNumber: PHONE, password });
		return { ...instance, cookie, requestReset, reset, resetCode, signIn };
	}

	it("sends a code to a known number, answers the same for an unknown one", async () => {
		const { requestReset, resets, verifications } = await withUser();
		const known = await requestReset();
		expect(known.status).toBe(200);
		expect(await known.json()).toEqual({ status: true });
		expect(resets).toEqual([{ phoneNumber: PHONE, code: expect.stringMatching(/^\d{6}$/) }]);
		expect(verifications().at(-1)).toMatchObject({
			identifier: `phone-number-reset-${PHONE}`,
			value: `${resets[0].code}:0`,
		});
		const unknown = await requestReset(OTHER);
		expect(unknown.status).toBe(200);
		expect(await unknown.json()).toEqual({ status: true });
		expect(resets).toHaveLength(1);
	});

	it("sets a password (creating the credential account), after which sign-in works", async () => {
		const { requestReset, reset, resetCode, signIn, database } = await withUser();
		await requestReset();
		const response = await reset({ otp: resetCode() });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: true });
		expect(database.prepare("select providerId from account").all()).toEqual([{ providerId: "credential" }]);
		expect((await signIn("new-password-1")).status).toBe(200);

		await requestReset();
		expect((await reset({ otp: resetCode(), newPassword: "newer-password-2" })).status).toBe(200);
		expect(database.prepare("select count(*) as n from account").get()).toEqual({ n: 1 });
		await expectError(await signIn("new-password-1"), 401, "INVALID_PHONE_NUMBER_OR_PASSWORD");
		expect((await signIn("newer-password-2")).status).toBe(200);
	});

	it("revokes sessions with revokeSessionsOnPasswordReset and calls onPasswordReset", async () => {
		const reset: string[] = [];
		const instance = await withUser(
			{},
			{
				emailAndPassword: {
					enabled: true,
					revokeSessionsOnPasswordReset: true,
					onPasswordReset: async ({ user }: { user: { phoneNumber: string } }) => {
						reset.push(user.phoneNumber);
					},
				},
			},
		);
		await instance.requestReset();
		expect((await instance.reset({ otp: instance.resetCode() })).status).toBe(200);
		expect(reset).toEqual([PHONE]);
		expect(await (await instance.request("/get-session", { cookie: instance.cookie })).json()).toBeNull();
	});

	it("checks the password length before the code, which stays usable", async () => {
		const { requestReset, reset, resetCode } = await withUser();
		await requestReset();
		await expectError(await reset({ otp: resetCode(), newPassword: "short" }), 400, "PASSWORD_TOO_SHORT");
		await expectError(await reset({ otp: "000000", newPassword: "x".repeat(129) }), 400, "PASSWORD_TOO_LONG");
		expect((await reset({ otp: resetCode() })).status).toBe(200);
	});

	it("refuses wrong, missing, reused and verification codes", async () => {
		const { requestReset, reset, resetCode, sendOtp, lastCode } = await withUser();
		await expectError(await reset({ otp: "123456" }), 400, "OTP_NOT_FOUND");
		await sendOtp();
		await expectError(await reset({ otp: lastCode() }), 400, "OTP_NOT_FOUND");
		await requestReset();
		const wrong = resetCode() === "000000" ? "111111" : "000000";
		await expectError(await reset({ otp: wrong }), 400, "INVALID_OTP");
		const code = resetCode();
		expect((await reset({ otp: code })).status).toBe(200);
		await expectError(await reset({ otp: code }), 400, "OTP_NOT_FOUND");
	});

	it("keeps the code when the new password is refused by the hasher", async () => {
		const { APIError } = await import("@better-auth/core/error");
		const { hashPassword, verifyPassword } = await import("../../crypto/password");
		const instance = await withUser(
			{},
			{
				emailAndPassword: {
					enabled: true,
					password: {
						hash: async (password: string) => {
							if (password === "refused-password")
								throw new APIError("BAD_REQUEST", { code: "REFUSED", message: "no" });
							return hashPassword(password);
						},
						verify: verifyPassword,
					},
				},
			},
		);
		await instance.requestReset();
		await expectError(
			await instance.reset({ otp: instance.resetCode(), newPassword: "refused-password" }),
			400,
			"REFUSED",
		);
		expect((await instance.reset({ otp: instance.resetCode() })).status).toBe(200);
	});

	it("refuses malformed bodies with 400 VALIDATION_ERROR", async () => {
		const { post } = await setup();
		await expectError(await post("/phone-number/request-password-reset", {}), 400, "VALIDATION_ERROR");
		for (const body of [
			{ phoneNumber: PHONE, newPassword: "password123" },
			{ phoneNumber: PHONE, otp: 123456, newPassword: "password123" },
			{ otp: "123456", newPassword: "password123" },
			{ phoneNumber: PHONE, otp: "123456" },
		]) {
			await expectError(await post("/phone-number/reset-password", body), 400, "VALIDATION_ERROR");
		}
	});
});

describe("phone-number: sign-up and update-user", () => {
	it("refuses a phoneNumber on sign-up and update-user, over HTTP and auth.api", async () => {
		const { request, signUp, auth, users } = await setup();
		const body = { email: "a@x.com", password: "password123", name: "A" };
		await expectError(
			await request("/sign-up/email", { body: { ...body, phoneNumber: PHONE } }),
			400,
			"PHONE_NUMBER_CANNOT_BE_SET",
		);
		expect((await request("/sign-up/email", { body: { ...body, phoneNumber: null } })).status).toBe(200);
		const { cookie } = await signUp({ email: "b@x.com" });
		await expectError(
			await request("/update-user", { body: { phoneNumber: PHONE }, cookie }),
			400,
			"PHONE_NUMBER_CANNOT_BE_UPDATED",
		);
		await expectError(
			await request("/update-user", { body: { phoneNumber: 5 }, cookie }),
			400,
			"PHONE_NUMBER_CANNOT_BE_UPDATED",
		);
		expect((await request("/update-user", { body: { name: "B2" }, cookie })).status).toBe(200);
		await expect(
			auth.api.updateUser({ body: { phoneNumber: PHONE }, headers: new Headers({ cookie }) } as never),
		).rejects.toMatchObject({ body: { code: "PHONE_NUMBER_CANNOT_BE_UPDATED" } });
		expect(users().map((user) => user.phoneNumber)).toEqual([null, null]);
	});

	it("removes the number on update-user with phoneNumber: null, which unverifies it", async () => {
		const { signUp, verifyPhone, request, users } = await setup();
		const { cookie } = await signUp({ email: "a@x.com" });
		await verifyPhone(PHONE, { updatePhoneNumber: true }, cookie);
		expect(users()[0]).toMatchObject({ phoneNumber: PHONE, phoneNumberVerified: 1 });
		const response = await request("/update-user", { body: { phoneNumber: null }, cookie });
		expect(response.status).toBe(200);
		expect(users()[0]).toMatchObject({ phoneNumber: null, phoneNumberVerified: 0 });
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user).toMatchObject({ phoneNumber: null, phoneNumberVerified: false });
	});

	it("never lets a client set phoneNumberVerified", async () => {
		const { request, users } = await setup();
		const response = await request("/sign-up/email", {
			body: { email: "a@x.com", password: "password123", name: "A", phoneNumberVerified: true },
		});
		// Core drops (or refuses) fields declared `input: false`.
		expect([200, 400]).toContain(response.status);
		expect(users().every((user) => !user.phoneNumberVerified)).toBe(true);
	});
});

describe("phone-number: rate limit", () => {
	it("allows ten requests a minute per client on /phone-number/*", async () => {
		const { request } = await setup({}, { rateLimit: { enabled: true } });
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const response = await request("/phone-number/send-otp", {
				body: { phoneNumber: PHONE },
				headers: { "x-forwarded-for": "203.0.113.7" },
			});
			statuses.push(response.status);
		}
		expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
		expect(statuses.slice(10)).toEqual([429, 429]);
	});
});
