/**
 * Issuing and checking codes. A code lives in `verification` as identifier `<type>-otp-<email>`
 * (`change-email-otp-<userId>:<newEmail>`), value `<stored code>:<failed attempts>`: the format of
 * better-auth 1.7, so codes issued by either implementation work with the other.
 */
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import { sha256 } from "@noble/hashes/sha2.js";
import * as z from "zod";
import type { FullAuthContext } from "../../context/full-context";
import { constantTimeEqual, generateRandomString } from "../../crypto/random";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric";
import { EMAIL_OTP_ERROR_CODES } from "./error-codes";
import type { EmailOTPOptions, EmailOTPType } from "./types";

const emailSchema = z.email();

/** The email, lowercased; `INVALID_EMAIL` (400) when it is not one. */
export function validEmail(email: string): string {
	if (!emailSchema.safeParse(email).success) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
	return email.toLowerCase();
}

export const otpIdentifier = (type: EmailOTPType, email: string) => `${type}-otp-${email.toLowerCase()}`;
export const changeEmailIdentifier = (userId: string, newEmail: string) =>
	`change-email-otp-${userId}:${newEmail.toLowerCase()}`;

function base64url(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `<stored>:<attempts>`; the code may itself hold colons, so the count is after the last one. */
function parseValue(value: string): { stored: string; attempts: number } {
	const colon = value.lastIndexOf(":");
	if (colon < 0) return { stored: value, attempts: 0 };
	const attempts = Number(value.slice(colon + 1));
	return { stored: value.slice(0, colon), attempts: Number.isFinite(attempts) ? attempts : 0 };
}

type Context = Pick<FullAuthContext, "internalAdapter" | "adapter" | "options" | "secret">;

export type OTPStore = ReturnType<typeof createOTPStore>;

export function createOTPStore(options: EmailOTPOptions) {
	const storage = options.storeOTP ?? "plain";
	const allowedAttempts = options.allowedAttempts ?? 3;
	const expiresIn = options.expiresIn ?? 300;

	async function encode(context: Context, otp: string): Promise<string> {
		if (storage === "plain") return otp;
		if (storage === "hashed") return base64url(sha256(new TextEncoder().encode(otp)));
		if (storage === "encrypted") return symmetricEncrypt({ key: context.secret, data: otp });
		if ("hash" in storage) return storage.hash(otp);
		return storage.encrypt(otp);
	}

	/** The plain code, or null when it is stored hashed (or cannot be decrypted). */
	async function decode(context: Context, stored: string): Promise<string | null> {
		try {
			if (storage === "plain") return stored;
			if (storage === "encrypted") return await symmetricDecrypt({ key: context.secret, data: stored });
			if (typeof storage === "object" && "decrypt" in storage) return await storage.decrypt(stored);
		} catch {}
		return null;
	}

	async function matches(context: Context, stored: string, otp: string): Promise<boolean> {
		if (storage === "hashed" || (typeof storage === "object" && "hash" in storage)) {
			return constantTimeEqual(stored, await encode(context, otp));
		}
		const plain = await decode(context, stored);
		return plain !== null && constantTimeEqual(plain, otp);
	}

	/** Removes every code under `identifier` (a new code replaces the old ones; a used code takes them along). */
	async function removeAll(context: Context, identifier: string) {
		if (context.options.secondaryStorage) {
			// Secondary storage keeps one value per identifier.
			await context.internalAdapter.consumeVerificationValue(identifier);
			return;
		}
		await context.adapter.deleteMany({ model: "verification", where: [{ field: "identifier", value: identifier }] });
	}

	/** Puts a taken code back with its new attempt count, unless a newer code was issued meanwhile. */
	async function putBack(
		context: Context,
		taken: { identifier: string; expiresAt: Date; createdAt: Date },
		value: string,
	) {
		if (await context.internalAdapter.findVerificationValue(taken.identifier)) return;
		const row = { identifier: taken.identifier, value, expiresAt: taken.expiresAt, createdAt: taken.createdAt };
		await context.internalAdapter.createVerificationValue(row);
	}

	/** A new code: `generateOTP`'s, or `otpLength` random digits. */
	async function generate(email: string, type: EmailOTPType, request?: Request): Promise<string> {
		const custom = await options.generateOTP?.({ email, type }, request);
		return custom || generateRandomString(options.otpLength ?? 6, "0-9");
	}

	/** Stores `otp` under `identifier`, replacing any earlier code. */
	async function issue(context: Context, identifier: string, otp: string) {
		await removeAll(context, identifier);
		await context.internalAdapter.createVerificationValue({
			identifier,
			value: `${await encode(context, otp)}:0`,
			expiresAt: new Date(Date.now() + expiresIn * 1000),
		});
	}

	return {
		generate,
		issue,

		/**
		 * Issues a code and hands it to `sendVerificationOTP`. `identifier` defaults to
		 * `<type>-otp-<email>`. Returns the code.
		 */
		async send(
			context: Context,
			data: { email: string; type: EmailOTPType; identifier?: string },
			request?: Request,
		): Promise<string> {
			const otp = await generate(data.email, data.type, request);
			await issue(context, data.identifier ?? otpIdentifier(data.type, data.email), otp);
			await options.sendVerificationOTP({ email: data.email, otp, type: data.type }, request);
			return otp;
		},

		/** The plain code under `identifier` (null when none is valid); `OTP_HASHED` when it cannot be read. */
		async read(context: Context, identifier: string): Promise<string | null> {
			const row = await context.internalAdapter.findVerificationValue(identifier);
			if (!row || row.expiresAt.getTime() <= Date.now()) return null;
			const { stored } = parseValue(row.value);
			if (storage === "hashed" || (typeof storage === "object" && "hash" in storage)) {
				throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.OTP_HASHED);
			}
			return decode(context, stored);
		},

		/**
		 * Checks `otp` against the code under `identifier`; throws `INVALID_OTP`, `OTP_EXPIRED` or
		 * `TOO_MANY_ATTEMPTS`. The code is used up unless `keep` is set.
		 *
		 * Each guess first takes the code out (an atomic delete: one taker per code), compares, and
		 * puts it back with one more failed attempt. Parallel guesses therefore cannot all be
		 * compared against the same count: the ones that find nothing to take are simply wrong.
		 */
		async verify(context: Context, identifier: string, otp: string, { keep = false } = {}) {
			const current = await context.internalAdapter.findVerificationValue(identifier);
			if (!current) throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.INVALID_OTP);
			if (current.expiresAt.getTime() <= Date.now()) {
				await removeAll(context, identifier);
				throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.OTP_EXPIRED);
			}
			const taken = await context.internalAdapter.consumeVerificationValue(identifier);
			if (!taken) throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.INVALID_OTP);
			const { stored, attempts } = parseValue(taken.value);
			if (attempts >= allowedAttempts) {
				await removeAll(context, identifier);
				throw new APIError("FORBIDDEN", EMAIL_OTP_ERROR_CODES.TOO_MANY_ATTEMPTS);
			}
			if (!(await matches(context, stored, otp))) {
				await putBack(context, taken, `${stored}:${attempts + 1}`);
				throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.INVALID_OTP);
			}
			if (keep) await putBack(context, taken, taken.value);
			else await removeAll(context, identifier);
		},
	};
}
