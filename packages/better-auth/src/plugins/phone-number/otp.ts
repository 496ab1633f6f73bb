/**
 * One-time codes in the `verification` table: `phone-number-otp-<phone>` (verification) and
 * `phone-number-reset-<phone>` (password reset), value `<code>:<wrong attempts>`, as better-auth
 * 1.7 stores them. The latest code for a phone number is the only one that counts.
 */
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import { constantTimeEqual, generateRandomString } from "../../crypto/random";
import { PHONE_NUMBER_ERROR_CODES } from "./error-codes";

export type OTPPurpose = "verify" | "reset";

export interface OTPSettings {
	otpLength: number;
	expiresIn: number;
	allowedAttempts: number;
}

const identifier = (purpose: OTPPurpose, phoneNumber: string) =>
	purpose === "verify" ? `phone-number-otp-${phoneNumber}` : `phone-number-reset-${phoneNumber}`;

function parse(value: string): { code: string; attempts: number } {
	const separator = value.lastIndexOf(":");
	if (separator === -1) return { code: value, attempts: 0 };
	const attempts = Number(value.slice(separator + 1));
	return { code: value.slice(0, separator), attempts: Number.isFinite(attempts) ? attempts : 0 };
}

/** Stores a fresh code for a phone number, replacing any earlier one, and returns it. */
export async function issueOTP(
	context: FullAuthContext,
	settings: OTPSettings,
	purpose: OTPPurpose,
	phoneNumber: string,
): Promise<string> {
	const code = generateRandomString(settings.otpLength, "0-9");
	const id = identifier(purpose, phoneNumber);
	// A new code replaces the old ones (secondary storage keeps one value per identifier anyway),
	// so "the latest" never depends on two codes' timestamps.
	if (!context.options.secondaryStorage) {
		await context.adapter.deleteMany({ model: "verification", where: [{ field: "identifier", value: id }] });
	}
	await context.internalAdapter.createVerificationValue({
		identifier: id,
		value: `${code}:0`,
		expiresAt: new Date(Date.now() + settings.expiresIn * 1000),
	});
	return code;
}

/**
 * Checks a code and uses it up, or throws: `OTP_NOT_FOUND`, `OTP_EXPIRED`, 403 `TOO_MANY_ATTEMPTS`
 * (the code is deleted) or `INVALID_OTP` (the attempt is counted). The result can put a used code
 * back when what it was for fails.
 *
 * Every check takes the stored code out atomically and puts it back (with one more attempt
 * counted) only after a wrong guess, so parallel guesses cannot share one attempt budget: of
 * several concurrent requests only one sees the code, the others get `OTP_NOT_FOUND`.
 */
export async function consumeOTP(
	context: FullAuthContext,
	settings: OTPSettings,
	purpose: OTPPurpose,
	phoneNumber: string,
	code: string,
): Promise<{ restore: () => Promise<void> }> {
	const id = identifier(purpose, phoneNumber);
	const found = await context.internalAdapter.findVerificationValue(id);
	if (!found) throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.OTP_NOT_FOUND);
	const taken = await context.internalAdapter.consumeVerificationValue(id);
	if (!taken) {
		const expired = found.expiresAt.getTime() <= Date.now();
		throw new APIError(
			"BAD_REQUEST",
			expired ? PHONE_NUMBER_ERROR_CODES.OTP_EXPIRED : PHONE_NUMBER_ERROR_CODES.OTP_NOT_FOUND,
		);
	}
	const stored = parse(taken.value);
	if (stored.attempts >= settings.allowedAttempts) {
		throw new APIError("FORBIDDEN", PHONE_NUMBER_ERROR_CODES.TOO_MANY_ATTEMPTS);
	}
	if (!constantTimeEqual(stored.code, code)) {
		await context.internalAdapter.createVerificationValue({
			identifier: id,
			value: `${stored.code}:${stored.attempts + 1}`,
			expiresAt: taken.expiresAt,
		});
		throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.INVALID_OTP);
	}
	return {
		/** Puts the code back as it was, for when the step it unlocked fails (e.g. a refused password). */
		restore: async () => {
			await context.internalAdapter.createVerificationValue({
				identifier: id,
				value: taken.value,
				expiresAt: taken.expiresAt,
			});
		},
	};
}
