import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The admin plugin's error codes, with better-auth 1.7's names and messages. */
export const ADMIN_ERROR_CODES = defineErrorCodes({
	FAILED_TO_CREATE_USER: "",
	USER_ALREADY_EXISTS: "User already exists.",
	USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "User already exists. Use another email.",
	YOU_CANNOT_BAN_YOURSELF: "",
	YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE: "",
	YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS: "",
	YOU_ARE_NOT_ALLOWED_TO_LIST_USERS: "",
	YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS: "",
	YOU_ARE_NOT_ALLOWED_TO_BAN_USERS: "",
	YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS: "",
	YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS: "",
	YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS: "",
	YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD: "",
	BANNED_USER: "You have been banned from this application",
	YOU_ARE_NOT_ALLOWED_TO_GET_USER: "",
	NO_DATA_TO_UPDATE: "",
	YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS: "",
	YOU_CANNOT_REMOVE_YOURSELF: "",
	YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE: "You are not allowed to set a non-existent role value",
	YOU_CANNOT_IMPERSONATE_ADMINS: "",
	INVALID_ROLE_TYPE: "",
	YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL: "You are not allowed to update users email",
	YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER: "You are not allowed to update users phone number",
	PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER:
		"Password cannot be updated through update-user. Use the set-user-password endpoint instead",
	USER_ID_CANNOT_BE_UPDATED: "",
	// Codes better-auth 1.7 answers without (a bare `message`, or a 500): ours carry one.
	NOT_IMPERSONATING: "You are not impersonating anyone",
	FAILED_TO_FIND_ADMIN_SESSION: "",
	USER_ID_OR_ROLE_REQUIRED: "user id or role is required",
});
