// From `codes`, not `@better-auth/core/error`: the client plugin imports this table, so it stays free of server code.
import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The multi-session plugin's error codes, with better-auth 1.7's names and messages. */
export const MULTI_SESSION_ERROR_CODES = defineErrorCodes({
	INVALID_SESSION_TOKEN: "",
});
