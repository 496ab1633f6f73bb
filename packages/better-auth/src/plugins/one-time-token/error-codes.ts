import { defineErrorCodes } from "@better-auth/core/error";

/**
 * The one-time-token plugin's errors. better-auth 1.7 answers with these messages and no `code`;
 * the codes are ours, so clients can tell the cases apart without parsing messages.
 */
export const ONE_TIME_TOKEN_ERROR_CODES = defineErrorCodes({
	INVALID_TOKEN: "Invalid token",
	SESSION_NOT_FOUND: "Session not found",
	SESSION_EXPIRED: "Session expired",
	CLIENT_REQUESTS_DISABLED: "Client requests are disabled",
});
