/**
 * The email OTP plugin against better-auth 1.7.24: sending codes (who gets one), signing in,
 * checking, verifying the email, resetting the password and changing the email by code; attempt
 * counting, expiry, storage options, rate limits, sign-up and core email verification hooks; and
 * codes issued by one implementation used with the other.
 * Not compared (deliberate differences, see docs/plugins/email-otp.md): a cross-origin
 * `/sign-in/email-otp` (ours checks the Origin as every other sign-in does), rows after a code is
 * re-sent (ours replaces the previous code), and the codes ours adds where 1.7 answers with a
 * message only (compared by status and message below).
 *
 * The plugin is imported from the package sources until `better-auth/plugins` exports it.
 */

import { type EmailOTPOptions, emailOTP } from "better-auth/plugins";
import { emailOTP as referenceEmailOTP } from "better-auth-reference/plugins";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read, shapeOf } from "./harness";

type Side = Pair["ours"];
type Sent = { email: string; otp: string; type: string };
const password = "password123";
const OTP = "123456";

let ip = 0;
/** Every request from its own address, so the rate limiter (on for some tests) stays out of the way. */
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: {
		"content-type": "application/json",
		origin: BASE_URL,
		"x-forwarded-for": `10.9.${Math.floor(ip / 250)}.${ip++ % 250}`,
		...headers,
	},
	body: JSON.stringify(body),
});

async function pairFor(options: Omit<EmailOTPOptions, "sendVerificationOTP"> = {}, extra: Options = {}) {
	const sent = { ours: [] as Sent[], reference: [] as Sent[] };
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	const pair = await createPair(
		{ ...base, plugins: [emailOTP({ ...options, sendVerificationOTP: (data) => void sent.ours.push(data) })] },
		{
			...base,
			plugins: [
				referenceEmailOTP({
					...options,
					sendVerificationOTP: async (data: Sent) => void sent.reference.push(data),
				} as never),
			],
		},
	);
	return { ...pair, sent };
}

/** Fixed codes: both sides then send and store the same thing. */
const fixed = { generateOTP: () => OTP };

type Answer = { status: number; body: unknown; cookies: string[] };

async function answer(response: Response): Promise<Answer> {
	const { status, body } = await read(response);
	return { status, body, cookies: cookieNames(response) };
}

function agree(label: string, a: Answer, b: Answer) {
	expect(a.status, `${label} status`).toBe(b.status);
	expect(shapeOf(a.body), `${label} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code, `${label} code`).toBe((b.body as { code: string }).code);
	}
	expect(a.cookies, `${label} cookies`).toEqual(b.cookies);
}

async function same(pair: Pick<Pair, "request">, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await answer(ours), await answer(reference)];
	agree(`${path} ${init?.body ?? ""}`, a, b);
	return { ours: a, reference: b };
}

/** Where 1.7 answers with a message and no code: same status and message; ours adds `code`. */
async function sameMessage(pair: Pick<Pair, "request">, path: string, init: RequestInit, code: string) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await answer(ours), await answer(reference)];
	expect(a.status, path).toBe(b.status);
	expect((a.body as { message: string }).message).toBe((b.body as { message: string }).message);
	expect(b.body).not.toHaveProperty("code");
	expect(a.body).toMatchObject({ code });
}

const rows = (side: Side) =>
	side.database.prepare("select identifier, value from verification order by identifier").all() as {
		identifier: string;
		value: string;
	}[];
const users = (side: Side) => side.database.prepare("select email, name, emailVerified from user order by email").all();

describe("compat: email OTP", () => {
	it("send-verification-otp: who gets a code, the row, each failure", async () => {
		const pair = await pairFor(fixed);
		await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		for (const [email, type] of [
			["A@x.com", "sign-in"],
			["U@x.com", "email-verification"],
			["u@x.com", "forget-password"],
			["nobody@x.com", "email-verification"],
			["nobody@x.com", "forget-password"],
		]) {
			await same(pair, "/email-otp/send-verification-otp", json({ email, type }));
		}
		expect(pair.sent.ours).toEqual(pair.sent.reference);
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		for (const body of [
			{},
			{ email: "bad", type: "sign-in" },
			{ email: 5, type: "sign-in" },
			{ email: "a@x.com" },
			{ email: "a@x.com", type: "bogus" },
			"x",
			null,
			[],
		]) {
			await same(pair, "/email-otp/send-verification-otp", json(body));
		}
		const body = { email: "a@x.com", type: "sign-in" };
		await same(pair, "/email-otp/send-verification-otp", json(body, { origin: "http://evil.com" }));
		await same(pair, "/email-otp/send-verification-otp", json(body, { origin: "", cookie: "a=b" }));
		await sameMessage(
			pair,
			"/email-otp/send-verification-otp",
			json({ email: "a@x.com", type: "change-email" }),
			"INVALID_OTP_TYPE",
		);
		await same(pair, "/email-otp/create-verification-otp", json(body));
		await same(pair, "/email-otp/get-verification-otp?email=a@x.com&type=sign-in");
	});

	it("sign-in: new user, existing unverified user, attempts, expiry, single use", async () => {
		const pair = await pairFor(fixed, { user: { additionalFields: { age: { type: "number", required: false } } } });
		await same(pair, "/email-otp/send-verification-otp", json({ email: "New@x.com", type: "sign-in" }));
		await same(pair, "/sign-in/email-otp", json({ email: "new@x.com", otp: "000000" }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		await same(
			pair,
			"/sign-in/email-otp",
			json({ email: "NEW@x.com", otp: OTP, name: "Newbie", image: "https://i", age: 4 }),
		);
		await same(pair, "/sign-in/email-otp", json({ email: "new@x.com", otp: OTP }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));

		await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "sign-in" }));
		for (let attempt = 0; attempt < 3; attempt++) {
			await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: "999999" }));
			expect(rows(pair.ours)).toEqual(rows(pair.reference));
		}
		await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: OTP }));
		await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: OTP }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));

		await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "sign-in" }));
		await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: OTP, rememberMe: false, callbackURL: "/x" }));
		expect(users(pair.ours)).toEqual(users(pair.reference));
		const ages = (side: Side) => side.database.prepare("select email, image, age from user order by email").all();
		expect(ages(pair.ours)).toEqual(ages(pair.reference));

		await same(pair, "/email-otp/send-verification-otp", json({ email: "e@x.com", type: "sign-in" }));
		for (const side of [pair.ours, pair.reference]) {
			side.database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		}
		await same(pair, "/sign-in/email-otp", json({ email: "e@x.com", otp: "1" }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));

		for (const body of [
			{},
			{ email: "a@x.com" },
			{ email: "a@x.com", otp: 123456 },
			{ email: "a@x.com", otp: "1", name: 5 },
			{ email: "bad", otp: "1" },
			{ email: "a@x.com", otp: "1", callbackURL: "http://evil.com" },
			"x",
			null,
		]) {
			await same(pair, "/sign-in/email-otp", json(body));
		}
	});

	it("sign-in: allowedAttempts, disableSignUp", async () => {
		const pair = await pairFor({ ...fixed, allowedAttempts: 1, disableSignUp: true });
		await same(pair, "/email-otp/send-verification-otp", json({ email: "n@x.com", type: "sign-in" }));
		expect(pair.sent.ours).toEqual([]);
		expect(pair.sent.reference).toEqual([]);
		await same(pair, "/sign-in/email-otp", json({ email: "n@x.com", otp: OTP }));
		for (const side of [pair.ours, pair.reference]) {
			const now = new Date().toISOString();
			side.database
				.prepare(
					"insert into verification (id, identifier, value, expiresAt, createdAt, updatedAt) values ('v', 'sign-in-otp-n@x.com', '123456:0', ?, ?, ?)",
				)
				.run(new Date(Date.now() + 60_000).toISOString(), now, now);
		}
		await same(pair, "/sign-in/email-otp", json({ email: "n@x.com", otp: OTP }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		expect(users(pair.ours)).toEqual([]);
		expect(users(pair.reference)).toEqual([]);

		await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "sign-in" }));
		await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: "000000" }));
		await same(pair, "/sign-in/email-otp", json({ email: "u@x.com", otp: OTP }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("check-verification-otp", async () => {
		const pair = await pairFor(fixed);
		const check = (email: string, type: string, otp: string) =>
			same(pair, "/email-otp/check-verification-otp", json({ email, type, otp }));
		await same(pair, "/email-otp/send-verification-otp", json({ email: "n@x.com", type: "sign-in" }));
		await check("n@x.com", "sign-in", "000000");
		await check("n@x.com", "sign-in", OTP);
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "email-verification" }));
		await check("U@x.com", "email-verification", OTP);
		await check("u@x.com", "email-verification", OTP);
		await check("u@x.com", "forget-password", OTP);
		await check("u@x.com", "change-email", OTP);
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		for (const body of [
			{ email: "bad", type: "sign-in", otp: "1" },
			{ email: "a@x.com", otp: "1" },
			{ email: "a@x.com", type: "sign-in" },
		]) {
			await same(pair, "/email-otp/check-verification-otp", json(body));
		}
	});

	it("verify-email, with and without autoSignInAfterVerification", async () => {
		for (const autoSignInAfterVerification of [false, true]) {
			const pair = await pairFor(fixed, { emailVerification: { autoSignInAfterVerification } });
			await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
			await same(pair, "/email-otp/verify-email", json({ email: "u@x.com", otp: OTP }));
			await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "email-verification" }));
			await same(pair, "/email-otp/verify-email", json({ email: "u@x.com", otp: "000000" }));
			await same(pair, "/email-otp/verify-email", json({ email: "U@x.com", otp: OTP }));
			await same(pair, "/email-otp/verify-email", json({ email: "u@x.com", otp: OTP }));
			expect(users(pair.ours)).toEqual(users(pair.reference));
			expect(rows(pair.ours)).toEqual(rows(pair.reference));
			for (const body of [{ email: "bad", otp: "1" }, { email: "u@x.com" }, {}]) {
				await same(pair, "/email-otp/verify-email", json(body));
			}
		}
	});

	it("password reset: both request paths, the order of checks, the account", async () => {
		const pair = await pairFor(fixed, { emailAndPassword: { enabled: true, revokeSessionsOnPasswordReset: true } });
		await same(pair, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		for (const path of ["/email-otp/request-password-reset", "/forget-password/email-otp"]) {
			for (const body of [{ email: "U@x.com" }, { email: "nobody@x.com" }, { email: "bad" }, {}]) {
				await same(pair, path, json(body));
			}
		}
		expect(pair.sent.ours).toEqual(pair.sent.reference);
		const reset = (body: Record<string, unknown>) => same(pair, "/email-otp/reset-password", json(body));
		await reset({ email: "u@x.com", otp: "0", password: "short" });
		await reset({ email: "u@x.com", otp: OTP, password: "x".repeat(200) });
		await reset({ email: "u@x.com", otp: "0", password: "new-password-1" });
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		await reset({ email: "u@x.com", otp: OTP });
		await reset({ email: "bad", otp: OTP, password: "new-password-1" });
		await reset({ email: "nobody@x.com", otp: OTP, password: "new-password-1" });
		await reset({ email: "u@x.com", otp: OTP, password: "new-password-1" });
		await reset({ email: "u@x.com", otp: OTP, password: "new-password-1" });
		await same(pair, "/sign-in/email", json({ email: "u@x.com", password: "new-password-1" }));
		const sessions = (side: Side) => side.database.prepare("select count(*) as count from session").get();
		expect(sessions(pair.ours)).toEqual(sessions(pair.reference));

		// A user without a password gets a credential account, and a verified email.
		await same(pair, "/email-otp/send-verification-otp", json({ email: "p@x.com", type: "sign-in" }));
		await same(pair, "/sign-in/email-otp", json({ email: "p@x.com", otp: OTP }));
		await same(pair, "/email-otp/request-password-reset", json({ email: "p@x.com" }));
		await reset({ email: "p@x.com", otp: OTP, password: "new-password-2" });
		await same(pair, "/sign-in/email", json({ email: "p@x.com", password: "new-password-2" }));
		const accounts = (side: Side) =>
			side.database
				.prepare("select providerId, password is not null as hasPassword from account order by providerId")
				.all();
		expect(accounts(pair.ours)).toEqual(accounts(pair.reference));
		expect(users(pair.ours)).toEqual(users(pair.reference));
	});

	it("change email, with and without verifyCurrentEmail", async () => {
		for (const verifyCurrentEmail of [false, true]) {
			const pair = await pairFor({ ...fixed, changeEmail: { enabled: true, verifyCurrentEmail } });
			const { ours, reference } = await pair.request("/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
			const cookies = { ours: cookieOf(ours), reference: cookieOf(reference) };
			await same(pair, "/sign-up/email", json({ email: "taken@x.com", password, name: "T" }));
			const signedIn = async (path: string, body: Record<string, unknown>) => {
				const url = `${BASE_URL}/api/auth${path}`;
				const a = await answer(await pair.ours.handler(new Request(url, json(body, { cookie: cookies.ours }))));
				const b = await answer(
					await pair.reference.handler(new Request(url, json(body, { cookie: cookies.reference }))),
				);
				agree(`${path} ${JSON.stringify(body)}`, a, b);
			};
			await same(pair, "/email-otp/request-email-change", json({ newEmail: "new@x.com" }));
			await same(pair, "/email-otp/change-email", json({ newEmail: "new@x.com", otp: OTP }));
			await signedIn("/email-otp/request-email-change", { newEmail: "bad" });
			await signedIn("/email-otp/request-email-change", {});
			if (verifyCurrentEmail) {
				await signedIn("/email-otp/request-email-change", { newEmail: "new@x.com", otp: "000000" });
				await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "email-verification" }));
				await signedIn("/email-otp/request-email-change", { newEmail: "taken@x.com", otp: OTP });
				await same(pair, "/email-otp/send-verification-otp", json({ email: "u@x.com", type: "email-verification" }));
				await signedIn("/email-otp/request-email-change", { newEmail: "New@x.com", otp: OTP });
			} else {
				await signedIn("/email-otp/request-email-change", { newEmail: "taken@x.com" });
				await signedIn("/email-otp/request-email-change", { newEmail: "New@x.com" });
			}
			expect(pair.sent.ours).toEqual(pair.sent.reference);
			const masked = (side: Side, userId: string) =>
				rows(side).map((row) => ({ ...row, identifier: row.identifier.replace(userId, "<user>") }));
			const id = (side: Side) =>
				(side.database.prepare("select id from user where email = 'u@x.com'").get() as { id: string }).id;
			expect(masked(pair.ours, id(pair.ours))).toEqual(masked(pair.reference, id(pair.reference)));
			await signedIn("/email-otp/change-email", { newEmail: "new@x.com", otp: "000000" });
			await signedIn("/email-otp/change-email", { newEmail: "new@x.com" });
			await signedIn("/email-otp/change-email", { newEmail: "bad", otp: OTP });
			await signedIn("/email-otp/change-email", { newEmail: "new@x.com", otp: OTP });
			expect(users(pair.ours)).toEqual(users(pair.reference));
		}
	});

	it("change email: messages where 1.7 sends no code", async () => {
		const on = { ...fixed, changeEmail: { enabled: true, verifyCurrentEmail: true } };
		for (const [options, body, code] of [
			[fixed, { newEmail: "new@x.com" }, "CHANGE_EMAIL_DISABLED"],
			[on, { newEmail: "U@x.com" }, "EMAIL_IS_THE_SAME"],
			[on, { newEmail: "new@x.com" }, "OTP_REQUIRED"],
		] as const) {
			const pair = await pairFor(options);
			const { ours, reference } = await pair.request("/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
			const url = `${BASE_URL}/api/auth/email-otp/request-email-change`;
			const a = await answer(await pair.ours.handler(new Request(url, json(body, { cookie: cookieOf(ours) }))));
			const b = await answer(
				await pair.reference.handler(new Request(url, json(body, { cookie: cookieOf(reference) }))),
			);
			expect(a.status).toBe(b.status);
			expect((a.body as { message: string }).message).toBe((b.body as { message: string }).message);
			expect(a.body).toMatchObject({ code });
		}
	});

	it("change email: an address taken after the code went out", async () => {
		const pair = await pairFor({ ...fixed, changeEmail: { enabled: true } });
		const { ours, reference } = await pair.request("/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		const cookies = { ours: cookieOf(ours), reference: cookieOf(reference) };
		const call = async (path: string, body: unknown) => {
			const url = `${BASE_URL}/api/auth${path}`;
			return {
				ours: await answer(await pair.ours.handler(new Request(url, json(body, { cookie: cookies.ours })))),
				reference: await answer(
					await pair.reference.handler(new Request(url, json(body, { cookie: cookies.reference }))),
				),
			};
		};
		await call("/email-otp/request-email-change", { newEmail: "late@x.com" });
		await same(pair, "/sign-up/email", json({ email: "late@x.com", password, name: "L" }));
		const taken = await call("/email-otp/change-email", { newEmail: "late@x.com", otp: OTP });
		expect(taken.ours.status).toBe(taken.reference.status);
		expect((taken.ours.body as { message: string }).message).toBe(
			(taken.reference.body as { message: string }).message,
		);
		expect(taken.ours.body).toMatchObject({ code: "EMAIL_ALREADY_IN_USE" });
	});

	it("storeOTP: the same rows for hashed and custom hashes", async () => {
		for (const storeOTP of ["hashed", { hash: async (otp: string) => `H(${otp})` }] as EmailOTPOptions["storeOTP"][]) {
			const pair = await pairFor({ ...fixed, storeOTP });
			await same(pair, "/email-otp/send-verification-otp", json({ email: "a@x.com", type: "sign-in" }));
			await same(pair, "/email-otp/check-verification-otp", json({ email: "a@x.com", type: "sign-in", otp: "000000" }));
			expect(rows(pair.ours)).toEqual(rows(pair.reference));
			await same(pair, "/sign-in/email-otp", json({ email: "a@x.com", otp: OTP }));
		}
	});

	it("codes issued by either implementation work with the other (plain, hashed, encrypted)", async () => {
		for (const storeOTP of ["plain", "hashed", "encrypted"] as const) {
			const pair = await pairFor({ storeOTP });
			await same(pair, "/email-otp/send-verification-otp", json({ email: "a@x.com", type: "sign-in" }));
			const swap = (a: Database.Database, b: Database.Database) => {
				const rowsA = a.prepare("select * from verification").all();
				const rowsB = b.prepare("select * from verification").all();
				a.prepare("delete from verification").run();
				b.prepare("delete from verification").run();
				const insert = (db: Database.Database, row: unknown) =>
					db
						.prepare(
							"insert into verification (id, identifier, value, expiresAt, createdAt, updatedAt) values (@id, @identifier, @value, @expiresAt, @createdAt, @updatedAt)",
						)
						.run(row);
				for (const row of rowsA) insert(b, row);
				for (const row of rowsB) insert(a, row);
			};
			swap(pair.ours.database, pair.reference.database);
			// Each side now holds the other's code: a wrong guess counts the same way, the other's code works.
			const url = `${BASE_URL}/api/auth/sign-in/email-otp`;
			const a = await answer(await pair.ours.handler(new Request(url, json({ email: "a@x.com", otp: "x" }))));
			const b = await answer(await pair.reference.handler(new Request(url, json({ email: "a@x.com", otp: "x" }))));
			agree(`wrong ${storeOTP}`, a, b);
			const okOurs = await answer(
				await pair.ours.handler(new Request(url, json({ email: "a@x.com", otp: pair.sent.reference[0].otp }))),
			);
			const okReference = await answer(
				await pair.reference.handler(new Request(url, json({ email: "a@x.com", otp: pair.sent.ours[0].otp }))),
			);
			agree(`crossed ${storeOTP}`, okOurs, okReference);
			expect(okOurs.status, storeOTP).toBe(200);
		}
	});

	it("server-only endpoints read and write the same rows", async () => {
		for (const storeOTP of ["plain", "encrypted"] as const) {
			const pair = await pairFor({ storeOTP });
			const otp = await pair.reference.api.createVerificationOTP({ body: { email: "A@x.com", type: "sign-in" } });
			const ours = await pair.ours.api.createVerificationOTP({ body: { email: "A@x.com", type: "sign-in" } });
			expect(typeof ours).toBe(typeof otp);
			const query = { email: "a@x.com", type: "sign-in" };
			expect(await pair.ours.api.getVerificationOTP({ query })).toEqual({ otp: ours });
			expect(await pair.reference.api.getVerificationOTP({ query })).toEqual({ otp });
			const missing = { email: "b@x.com", type: "sign-in" };
			expect(await pair.ours.api.getVerificationOTP({ query: missing })).toEqual(
				await pair.reference.api.getVerificationOTP({ query: missing }),
			);
		}
	});

	it("sendVerificationOnSignUp and overrideDefaultEmailVerification send the same codes", async () => {
		const onSignUp = await pairFor({ ...fixed, sendVerificationOnSignUp: true });
		await same(onSignUp, "/sign-up/email", json({ email: "U@x.com", password, name: "U" }));
		await same(onSignUp, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		expect(onSignUp.sent.ours).toEqual(onSignUp.sent.reference);
		expect(rows(onSignUp.ours)).toEqual(rows(onSignUp.reference));

		const override = await pairFor(
			{ ...fixed, overrideDefaultEmailVerification: true },
			{
				emailAndPassword: { enabled: true, requireEmailVerification: true },
				emailVerification: { sendOnSignIn: true },
			},
		);
		await same(override, "/sign-up/email", json({ email: "u@x.com", password, name: "U" }));
		await same(override, "/sign-in/email", json({ email: "u@x.com", password }));
		await same(override, "/send-verification-email", json({ email: "u@x.com" }));
		expect(override.sent.ours).toEqual(override.sent.reference);
		await same(override, "/email-otp/verify-email", json({ email: "u@x.com", otp: OTP }));
		await same(override, "/sign-in/email", json({ email: "u@x.com", password }));
	});

	it("rate limits each endpoint alike (statuses; the 429 body is the core limiter's)", async () => {
		const pair = await pairFor(fixed, { rateLimit: { enabled: true } });
		for (const [path, body] of [
			["/email-otp/send-verification-otp", { email: "a@x.com", type: "sign-in" }],
			["/sign-in/email-otp", { email: "a@x.com", otp: "1" }],
			["/email-otp/request-password-reset", { email: "a@x.com" }],
		] as const) {
			const seen: { ours: number[]; reference: number[] } = { ours: [], reference: [] };
			for (let i = 0; i < 4; i++) {
				const init = json(body, { "x-forwarded-for": "10.10.10.10" });
				const { ours, reference } = await pair.request(path, init);
				seen.ours.push(ours.status);
				seen.reference.push(reference.status);
			}
			expect(seen.ours, path).toEqual(seen.reference);
			expect(seen.ours.at(-1), path).toBe(429);
		}
	});

	it("exposes 1.7's error codes with the same messages", () => {
		const ours = emailOTP({ sendVerificationOTP: () => {} }).$ERROR_CODES as Record<
			string,
			{ code: string; message: string }
		>;
		const reference = referenceEmailOTP({ sendVerificationOTP: async () => {} }).$ERROR_CODES as Record<
			string,
			{ code: string; message: string }
		>;
		for (const [key, value] of Object.entries(reference)) {
			expect(ours[key]).toEqual({ code: value.code, message: value.message });
		}
	});
});
