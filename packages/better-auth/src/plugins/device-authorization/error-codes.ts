import { defineErrorCodes } from "@better-auth/core/error/codes";

/**
 * The device authorization plugin's messages, as better-auth 1.7 names them. The endpoints answer
 * in RFC 8628 / RFC 6749 form (`{ error, error_description }`) with these messages as descriptions.
 */
export const DEVICE_AUTHORIZATION_ERROR_CODES = defineErrorCodes({
	INVALID_DEVICE_CODE: "",
	EXPIRED_DEVICE_CODE: "Device code has expired",
	EXPIRED_USER_CODE: "User code has expired",
	AUTHORIZATION_PENDING: "",
	ACCESS_DENIED: "",
	INVALID_USER_CODE: "",
	DEVICE_CODE_ALREADY_PROCESSED: "",
	DEVICE_CODE_NOT_CLAIMED:
		"Device code has not been claimed by a verifying session; call `GET /device` with the `user_code` while signed in before approving or denying",
	POLLING_TOO_FREQUENTLY: "",
	USER_NOT_FOUND: "",
	FAILED_TO_CREATE_SESSION: "",
	INVALID_DEVICE_CODE_STATUS: "",
	AUTHENTICATION_REQUIRED: "",
});
