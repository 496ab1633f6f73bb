import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The username plugin's error codes, with better-auth 1.7's names and messages. */
export const USERNAME_ERROR_CODES = defineErrorCodes({
	INVALID_USERNAME_OR_PASSWORD: "",
	EMAIL_NOT_VERIFIED: "",
	UNEXPECTED_ERROR: "",
	USERNAME_IS_ALREADY_TAKEN: "Username is already taken. Please try another.",
	USERNAME_TOO_SHORT: "Username is too short",
	USERNAME_TOO_LONG: "Username is too long",
	INVALID_USERNAME: "Username is invalid",
	INVALID_DISPLAY_USERNAME: "Display username is invalid",
	USERNAME_IS_IMMUTABLE: "Username cannot be updated",
});
