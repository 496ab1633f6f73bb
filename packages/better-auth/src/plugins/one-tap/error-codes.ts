import { defineErrorCodes } from "@better-auth/core/error/codes";

/**
 * The One Tap plugin's errors. The messages are better-auth 1.7's; 1.7 sends them without a
 * `code`, we add these.
 */
export const ONE_TAP_ERROR_CODES = defineErrorCodes({
	INVALID_ID_TOKEN: "invalid id token",
	EMAIL_NOT_AVAILABLE_IN_TOKEN: "",
	SIGNUP_DISABLED: "signup disabled",
	ACCOUNT_NOT_LINKED: "account not linked",
	UNABLE_TO_CREATE_USER: "unable to create user",
	UNABLE_TO_LINK_ACCOUNT: "unable to link account",
	GOOGLE_CLIENT_ID_REQUIRED:
		"Google client ID is required for One Tap. Set it on the oneTap plugin (clientId) or on socialProviders.google.",
});
