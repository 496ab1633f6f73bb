import { defineErrorCodes } from "@better-auth/core/error/codes";

/** Error codes of the Expo server plugin. */
export const EXPO_ERROR_CODES = defineErrorCodes({
	/** The authorization URL has no `state` parameter (better-auth 1.7's message). */
	UNEXPECTED_ERROR: "Unexpected error",
	/** Not an absolute http(s) URL: the proxy never redirects to other schemes. */
	INVALID_AUTHORIZATION_URL: "Invalid authorization URL",
});
