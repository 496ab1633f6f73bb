import { defineErrorCodes } from "@better-auth/core/error/codes";

/**
 * The one-time-token plugin's errors. better-auth 1.7 answers with these messages and no `code`;
 * the codes are ours, so clients can tell the cases apart without parsing messages.
 */
export const ONE_TIME_TOKEN_ERROR_CODES = defineErrorCodes({
	INVALID_TOKEN: "",
	SESSION_NOT_FOUND: "",
	SESSION_EXPIRED: "",
	CLIENT_REQUESTS_DISABLED: "Client requests are disabled",
});
