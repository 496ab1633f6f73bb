/**
 * The phone-number plugin against better-auth 1.7.24: send-otp, verify (sign-up, sign-in,
 * updatePhoneNumber), sign-in with a password, password reset by code, the sign-up/update-user
 * guards and the rate limit. Same statuses, error codes, body shapes, cookies and stored rows.
 * Each side sends its own codes, so requests that carry a code are built per side.
 * Not compared here (deliberate differences, see docs/plugins/phone-number.md): verifying an
 * unknown number without signUpOnVerification, a temporary email that is taken, and
 * requireVerification with a wrong password.
 *
 * Imports the plugin by path until `better-auth/plugins` exports it.
 */

import type { PhoneNumberOptions } from "better-auth/plugins";
import { phoneNumber } from "better-auth/plugins";
import { phoneNumber as referencePhoneNumber } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { agree, BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read } from "./harness";

const PHONE = "+15550001111";
const OTHER = "+15550002222";
type SideName = "ours" | "reference";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: typeof body === "string" ? body : JSON.stringify(body),
});

interface Setup {
	pair: Pair;
	/** The last code each side sent (verification or reset). */
	code: (side: SideName) => string;
	/** Codes each side sent so far. */
	count: (side: SideName) => number;
}

async function setup(options: Partial<PhoneNumberOptions> = {}, extra: Options = {}): Promise<Setup> {
	const sent: Record<SideName, string[]> = { ours: [], reference: [] };
	const pluginOptions = (side: SideName) => ({
		sendOTP: ({ code }: { code: string }) => {
			sent[side].push(code);
		},
		sendPasswordResetOTP: ({ code }: { code: string }) => {
			sent[side].push(code);
		},
		...options,
	});
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	const pair = await createPair(
		{ ...base, plugins: [phoneNumber(pluginOptions("ours"))] },
		{ ...base, plugins: [referencePhoneNumber(pluginOptions("reference") as never)] },
	);
	return { pair, code: (side) => sent[side].at(-1) ?? "", count: (side) => sent[side].length };
}

/** Sends a request built per side (codes and cookies differ) and checks both sides agree. */
async function same(pair: Pair, path: string, init: RequestInit | ((side: SideName) => RequestInit)) {
	const build = typeof init === "function" ? init : () => init;
	const url = `${BASE_URL}/api/auth${path}`;
	const [ours, reference] = await Promise.all([
		pair.ours.handler(new Request(url, build("ours"))),
		pair.reference.handler(new Request(url, build("reference"))),
	]);
	const [a, b] = [await read(ours), await read(reference)];
	agree(path, a, b);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, body: a.body, referenceBody: b.body };
}

const users = (side: Pair["ours"]) =>
	side.database
		.prepare("select email, name, emailVerified, phoneNumber, phoneNumberVerified from user order by email")
		.all();

const verificationRows = (side: Pair["ours"]) =>
	(side.database.prepare("select identifier, value from verification").all() as { identifier: string; value: string }[])
		.map(({ identifier, value }) => ({ identifier, value: value.replace(/^\d+/, "<code>") }))
		.sort((x, y) => x.identifier.localeCompare(y.identifier));

const signUpOnVerification = { getTempEmail: (phone: string) => `${phone.slice(1)}@phone.test` };

/** Sends a code on both sides and verifies it with `extra` (per-side cookies allowed). */
async function sendAndVerify(
	s: Setup,
	phone: string,
	extra: Record<string, unknown> = {},
	cookies?: Record<SideName, string>,
) {
	await same(s.pair, "/phone-number/send-otp", json({ phoneNumber: phone }));
	return same(s.pair, "/phone-number/verify", (side) =>
		json({ phoneNumber: phone, code: s.code(side), ...extra }, cookies ? { cookie: cookies[side] } : {}),
	);
}

describe("compat: phone-number plugin", () => {
	it("adds the same columns", async () => {
		const { pair } = await setup();
		const columns = (side: Pair["ours"]) =>
			(side.database.prepare("pragma table_info(user)").all() as { name: string; notnull: number; type: string }[])
				.filter((column) => column.name.startsWith("phoneNumber"))
				.map(({ name, notnull, type }) => ({ name, notnull, type }));
		expect(columns(pair.ours)).toEqual(columns(pair.reference));
		const sql = (side: Pair["ours"]) =>
			(side.database.prepare("select sql from sqlite_master where name = 'user'").get() as { sql: string }).sql;
		expect(sql(pair.ours)).toContain('"phoneNumber" text unique');
		expect(sql(pair.reference)).toContain('"phoneNumber" text unique');
	});

	it("send-otp: success, stored code, validator, malformed input", async () => {
		const s = await setup({ phoneNumberValidator: (phone) => phone.startsWith("+") });
		await same(s.pair, "/phone-number/send-otp", json({ phoneNumber: PHONE }));
		expect(s.code("ours")).toMatch(/^\d{6}$/);
		expect(verificationRows(s.pair.ours)).toEqual(verificationRows(s.pair.reference));
		for (const body of [{ phoneNumber: "5550001111" }, {}, { phoneNumber: 5 }, { phoneNumber: null }, "not json"]) {
			await same(s.pair, "/phone-number/send-otp", json(body));
		}
		await same(s.pair, "/phone-number/send-otp", { method: "POST", headers: { origin: BASE_URL } });
	});

	it("send-otp without sendOTP: 501", async () => {
		const s = await setup({ sendOTP: undefined });
		await same(s.pair, "/phone-number/send-otp", json({ phoneNumber: PHONE }));
		expect(verificationRows(s.pair.ours)).toEqual(verificationRows(s.pair.reference));
	});

	it("verify: signs up, signs in, disableSession, same users", async () => {
		const s = await setup({ signUpOnVerification: { ...signUpOnVerification, getTempName: (p) => `Caller ${p}` } });
		const signedUp = await sendAndVerify(s, PHONE);
		expect(signedUp.body).toMatchObject({ status: true, user: { phoneNumber: PHONE, phoneNumberVerified: true } });
		await sendAndVerify(s, PHONE);
		const quiet = await sendAndVerify(s, PHONE, { disableSession: true });
		expect(quiet.body).toMatchObject({ token: null });
		expect(quiet.referenceBody).toMatchObject({ token: null });
		expect(users(s.pair.ours)).toEqual(users(s.pair.reference));
		// The new session works on both sides.
		await same(s.pair, "/get-session", (side) => ({
			headers: { cookie: cookieOf(side === "ours" ? signedUp.ours : signedUp.reference) },
		}));
	});

	it("verify: wrong codes, attempts, expiry, reuse, missing code", async () => {
		const s = await setup({ signUpOnVerification, allowedAttempts: 2 });
		const verify = (code: (side: SideName) => string) =>
			same(s.pair, "/phone-number/verify", (side) => json({ phoneNumber: PHONE, code: code(side) }));
		await verify(() => "123456");
		await same(s.pair, "/phone-number/send-otp", json({ phoneNumber: PHONE }));
		const wrong = (side: SideName) => (s.code(side) === "000000" ? "111111" : "000000");
		await verify(wrong);
		expect(verificationRows(s.pair.ours)).toEqual(verificationRows(s.pair.reference));
		await verify(wrong);
		await verify((side) => s.code(side));
		expect(verificationRows(s.pair.ours)).toEqual(verificationRows(s.pair.reference));
		await verify((side) => s.code(side));

		await same(s.pair, "/phone-number/send-otp", json({ phoneNumber: PHONE }));
		const past = new Date(Date.now() - 1000).toISOString();
		for (const side of [s.pair.ours, s.pair.reference]) {
			side.database.prepare("update verification set expiresAt = ?").run(past);
		}
		await verify((side) => s.code(side));
		expect(verificationRows(s.pair.ours)).toEqual(verificationRows(s.pair.reference));

		await sendAndVerify(s, PHONE);
		await verify((side) => s.code(side));
		for (const body of [{ phoneNumber: PHONE }, { phoneNumber: PHONE, code: 123456 }, { code: "1" }]) {
			await same(s.pair, "/phone-number/verify", json(body));
		}
		await same(s.pair, "/phone-number/verify", json({ phoneNumber: PHONE, code: "1", updatePhoneNumber: "yes" }));
	});

	it("verify with updatePhoneNumber: moves the user, refuses a taken number, needs a session", async () => {
		const s = await setup();
		const signUp = (email: string) =>
			same(s.pair, "/sign-up/email", json({ email, password: "password123", name: email.slice(0, 1) }));
		const a = await signUp("a@x.com");
		const b = await signUp("b@x.com");
		const cookieA = { ours: cookieOf(a.ours), reference: cookieOf(a.reference) };
		const cookieB = { ours: cookieOf(b.ours), reference: cookieOf(b.reference) };
		const moved = await sendAndVerify(s, PHONE, { updatePhoneNumber: true }, cookieA);
		expect(moved.body).toMatchObject({ user: { email: "a@x.com", phoneNumber: PHONE } });
		await sendAndVerify(s, PHONE, { updatePhoneNumber: true }, cookieB);
		await sendAndVerify(s, OTHER, { updatePhoneNumber: true });
		await sendAndVerify(s, OTHER, { updatePhoneNumber: true, disableSession: true }, cookieA);
		expect(users(s.pair.ours)).toEqual(users(s.pair.reference));
		// Signing in by code as the number's user, while signed in as someone else.
		await sendAndVerify(s, OTHER, {}, cookieB);
	});

	it("sign-in/phone-number: success, failures, rememberMe, callbackURL, validator, malformed", async () => {
		const s = await setup({ phoneNumberValidator: (phone) => phone.startsWith("+") });
		const a = await same(s.pair, "/sign-up/email", json({ email: "a@x.com", password: "password123", name: "A" }));
		await sendAndVerify(
			s,
			PHONE,
			{ updatePhoneNumber: true },
			{ ours: cookieOf(a.ours), reference: cookieOf(a.reference) },
		);
		for (const body of [
			{ phoneNumber: PHONE, password: "password123" },
			{ phoneNumber: PHONE, password: "password123", rememberMe: false },
			{ phoneNumber: PHONE, password: "password123", rememberMe: true },
			{ phoneNumber: PHONE, password: "wrong-password" },
			{ phoneNumber: OTHER, password: "password123" },
			{ phoneNumber: "5550001111", password: "password123" },
			{ phoneNumber: PHONE, password: "password123", callbackURL: "/dashboard" },
			{ phoneNumber: PHONE, password: "password123", callbackURL: "http://evil.example" },
			{ phoneNumber: PHONE },
			{ password: "password123" },
			{ phoneNumber: PHONE, password: "password123", rememberMe: "no" },
			"not an object",
		]) {
			await same(s.pair, "/sign-in/phone-number", json(body));
		}
	});

	it("sign-in/phone-number: a number signed up by code has no password", async () => {
		const s = await setup({ signUpOnVerification });
		await sendAndVerify(s, PHONE);
		await same(s.pair, "/sign-in/phone-number", json({ phoneNumber: PHONE, password: "password123" }));
	});

	it("requireVerification: an unverified number with the right password gets 401 and a code", async () => {
		const s = await setup({ requireVerification: true });
		await same(s.pair, "/sign-up/email", json({ email: "a@x.com", password: "password123", name: "A" }));
		for (const side of [s.pair.ours, s.pair.reference]) {
			side.database.prepare("update user set phoneNumber = ?, phoneNumberVerified = 0").run(PHONE);
		}
		await same(s.pair, "/sign-in/phone-number", json({ phoneNumber: PHONE, password: "password123" }));
		expect(s.count("ours")).toBe(1);
		expect(s.count("reference")).toBe(1);
		await same(s.pair, "/phone-number/verify", (side) => json({ phoneNumber: PHONE, code: s.code(side) }));
		await same(s.pair, "/sign-in/phone-number", json({ phoneNumber: PHONE, password: "password123" }));
		expect(users(s.pair.ours)).toEqual(users(s.pair.reference));
	});

	it("password reset by code: request, reset, every failure", async () => {
		const s = await setup(
			{ signUpOnVerification },
			{ emailAndPassword: { enabled: true, revokeSessionsOnPasswordReset: true } },
		);
		const verified = await sendAndVerify(s, PHONE);
		await same(s.pair, "/phone-number/request-password-reset", json({ phoneNumber: PHONE }));
		await same(s.pair, "/phone-number/request-password-reset", json({ phoneNumber: OTHER }));
		await same(s.pair, "/phone-number/request-password-reset", json({}));
		const reset = (otp: (side: SideName) => string, newPassword = "new-password-1", phone = PHONE) =>
			same(s.pair, "/phone-number/reset-password", (side) => json({ phoneNumber: phone, otp: otp(side), newPassword }));
		await reset((side) => s.code(side), "short");
		await reset(() => "000000", "x".repeat(200));
		await reset((side) => (s.code(side) === "000000" ? "111111" : "000000"));
		await reset((side) => s.code(side));
		await reset((side) => s.code(side));
		await reset(() => "123456", "new-password-1", "+19999999999");
		for (const body of [
			{ phoneNumber: PHONE, newPassword: "password123" },
			{ phoneNumber: PHONE, otp: 1, newPassword: "x" },
		]) {
			await same(s.pair, "/phone-number/reset-password", json(body));
		}
		await same(s.pair, "/get-session", (side) => ({
			headers: { cookie: cookieOf(side === "ours" ? verified.ours : verified.reference) },
		}));
		await same(s.pair, "/sign-in/phone-number", json({ phoneNumber: PHONE, password: "new-password-1" }));
		const accounts = (side: Pair["ours"]) => side.database.prepare("select providerId from account").all();
		expect(accounts(s.pair.ours)).toEqual(accounts(s.pair.reference));
	});

	it("sign-up and update-user cannot set a phone number", async () => {
		const s = await setup();
		const body = { email: "a@x.com", password: "password123", name: "A" };
		await same(s.pair, "/sign-up/email", json({ ...body, phoneNumber: PHONE }));
		const a = await same(s.pair, "/sign-up/email", json({ ...body, phoneNumber: null }));
		const cookies = { ours: cookieOf(a.ours), reference: cookieOf(a.reference) };
		await sendAndVerify(s, PHONE, { updatePhoneNumber: true }, cookies);
		expect(users(s.pair.ours)).toEqual(users(s.pair.reference));
		for (const update of [{ phoneNumber: OTHER }, { phoneNumber: 5 }, { phoneNumber: null }, { name: "B" }]) {
			await same(s.pair, "/update-user", (side) =>
				json(update, { cookie: cookieOf(side === "ours" ? a.ours : a.reference) }),
			);
		}
		expect(users(s.pair.ours)).toEqual(users(s.pair.reference));
	});

	it("rate limits /phone-number/* to ten a minute", async () => {
		const s = await setup({}, { rateLimit: { enabled: true } });
		// Statuses only: the 429 body is the core rate limiter's (which adds a `code`).
		const statuses: Record<SideName, number[]> = { ours: [], reference: [] };
		for (let i = 0; i < 12; i++) {
			const { ours, reference } = await s.pair.request(
				"/phone-number/send-otp",
				json({ phoneNumber: PHONE }, { "x-forwarded-for": "203.0.113.7" }),
			);
			statuses.ours.push(ours.status);
			statuses.reference.push(reference.status);
		}
		expect(statuses.ours).toEqual(statuses.reference);
		expect(statuses.ours.slice(9)).toEqual([200, 429, 429]);
	});
});
