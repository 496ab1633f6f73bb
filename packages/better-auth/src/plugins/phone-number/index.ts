/**
 * `phoneNumber`: users get a `phoneNumber`, proven by a one-time code (`sendOTP`), and can sign in
 * with it and a password, by code alone, or sign up by code (`signUpOnVerification`); reset
 * passwords by code; and move their account to a new number (`updatePhoneNumber`).
 *
 * @example
 * betterAuth({ plugins: [phoneNumber({ sendOTP: ({ phoneNumber, code }) => sms.send(phoneNumber, code) })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { resolveConfig } from "./config";
import { PHONE_NUMBER_ERROR_CODES } from "./error-codes";
import { phoneNumberHooks } from "./hooks";
import { requestPasswordResetPhoneNumber, resetPasswordPhoneNumber } from "./routes/password-reset";
import { signInPhoneNumber } from "./routes/sign-in";
import { sendPhoneNumberOTP, verifyPhoneNumber } from "./routes/verification";
import { phoneNumberSchema } from "./schema";
import type { PhoneNumberOptions } from "./types";

export { PHONE_NUMBER_ERROR_CODES } from "./error-codes";
export type { PhoneNumberOptions, PhoneNumberOTPData } from "./types";

export function phoneNumber(options: PhoneNumberOptions = {}) {
	const config = resolveConfig(options);
	return {
		id: "phone-number" as const,
		endpoints: {
			signInPhoneNumber: signInPhoneNumber(config),
			sendPhoneNumberOTP: sendPhoneNumberOTP(config),
			verifyPhoneNumber: verifyPhoneNumber(config),
			requestPasswordResetPhoneNumber: requestPasswordResetPhoneNumber(config),
			resetPasswordPhoneNumber: resetPasswordPhoneNumber(config),
		},
		schema: phoneNumberSchema(options),
		hooks: { before: phoneNumberHooks() },
		// Codes are six digits: ten tries a minute per client on the code endpoints.
		rateLimit: [{ pathMatcher: (path: string) => path.startsWith("/phone-number"), window: 60, max: 10 }],
		$ERROR_CODES: PHONE_NUMBER_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
