import { defineErrorCodes } from "@better-auth/core/error/codes";

/**
 * The email OTP plugin's error codes. The first three are better-auth 1.7's; 1.7 answers the
 * others with a message and no code, and the messages are kept.
 */
export const EMAIL_OTP_ERROR_CODES = defineErrorCodes({
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
