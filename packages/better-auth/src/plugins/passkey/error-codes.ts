import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The passkey plugin's error codes, with better-auth 1.7's names and messages. */
export const PASSKEY_ERROR_CODES = defineErrorCodes({
	CHALLENGE_NOT_FOUND: "",
	YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY: "",
	FAILED_TO_VERIFY_REGISTRATION: "",
	PASSKEY_NOT_FOUND: "",
	AUTHENTICATION_FAILED: "",
	UNABLE_TO_CREATE_SESSION: "",
	FAILED_TO_UPDATE_PASSKEY: "",
});
