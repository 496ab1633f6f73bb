// From `codes`, not `@better-auth/core/error`: the client plugin imports this table, so it stays free of server code.
import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The anonymous plugin's error codes, with better-auth 1.7's names and messages. */
export const ANONYMOUS_ERROR_CODES = defineErrorCodes({
	INVALID_EMAIL_FORMAT: "Email was not generated in a valid format",
	FAILED_TO_CREATE_USER: "",
	COULD_NOT_CREATE_SESSION: "",
	ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY: "",
	FAILED_TO_DELETE_ANONYMOUS_USER: "",
	FAILED_TO_DELETE_ANONYMOUS_USER_SESSIONS: "",
	USER_IS_NOT_ANONYMOUS: "",
	DELETE_ANONYMOUS_USER_DISABLED: "Deleting anonymous users is disabled",
});
