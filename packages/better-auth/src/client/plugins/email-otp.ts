/**
 * `emailOTPClient`: types the email OTP endpoints on the client (`emailOtp.sendVerificationOtp`,
 * `signIn.emailOtp`, `emailOtp.verifyEmail`, `emailOtp.resetPassword`, ...) and refreshes the
 * session after the calls that sign in or change the user.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import { defineErrorCodes } from "@better-auth/core/error/codes";
import type { emailOTP } from "../../plugins/email-otp";

/**
 * The plugin's error codes, for comparing `error.code` on the client. A copy of the server's
 * table (`plugins/email-otp/error-codes.ts`), so browser bundles need no server module; a test
 * keeps the two equal.
 */
export const EMAIL_OTP_ERROR_CODES = /* @__PURE__ */ defineErrorCodes({
	OTP_EXPIRED: "OTP expired",
	INVALID_OTP: "Invalid OTP",
	TOO_MANY_ATTEMPTS: "",
	INVALID_OTP_TYPE: "Invalid OTP type",
	OTP_HASHED: "OTP is hashed, cannot return the plain text OTP",
	CHANGE_EMAIL_DISABLED: "Change email with OTP is disabled",
	EMAIL_IS_THE_SAME: "",
	EMAIL_ALREADY_IN_USE: "",
	OTP_REQUIRED: "OTP is required to verify current email",
});

const REFRESH = /* @__PURE__ */ new Set(["/email-otp/verify-email", "/sign-in/email-otp", "/email-otp/change-email"]);

export function emailOTPClient() {
	return {
		id: "email-otp",
		$InferServerPlugin: {} as ReturnType<typeof emailOTP>,
		atomListeners: [{ matcher: (path) => REFRESH.has(path), signal: "$sessionSignal" }],
		$ERROR_CODES: EMAIL_OTP_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
