import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The plugin's error codes (`PASSWORD_COMPROMISED` with better-auth 1.7's message). */
export const HAVE_I_BEEN_PWNED_ERROR_CODES = defineErrorCodes({
	PASSWORD_COMPROMISED: "The password you entered has been compromised. Please choose a different password.",
	PASSWORD_CHECK_FAILED: "Failed to check password. Please try again later.",
});
