import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The captcha plugin's error codes, with better-auth 1.7's names and messages. */
export const CAPTCHA_ERROR_CODES = defineErrorCodes({
	VERIFICATION_FAILED: "Captcha verification failed",
	MISSING_RESPONSE: "Missing CAPTCHA response",
	UNKNOWN_ERROR: "Something went wrong",
});
