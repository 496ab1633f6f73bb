/**
 * Stable error codes. Each becomes `{ code, message }`, the shape `$ERROR_CODES` exposes and the
 * JSON body an `APIError` carries, identical to Better Auth's.
 */
export interface ErrorCode<C extends string = string> {
	code: C;
	message: string;
}

/** "USER_NOT_FOUND" → "User not found": the message most codes have. */
function messageOf(code: string): string {
	return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");
}

/**
 * Declares a table of error codes: `{ NAME: "message" }` → `{ NAME: { code: "NAME", message } }`.
 * An empty message is derived from the name (`USER_NOT_FOUND` → "User not found").
 */
export function defineErrorCodes<const T extends Record<string, string>>(
	codes: T,
): { [K in keyof T & string]: ErrorCode<K> } {
	const result = {} as { [K in keyof T & string]: ErrorCode<K> };
	for (const [code, message] of Object.entries(codes)) {
		(result as Record<string, ErrorCode>)[code] = { code, message: message || messageOf(code) };
	}
	return result;
}

/**
 * The core error codes, with the same names and messages as better-auth 1.7 (an empty message is
 * the name in words, which keeps browser bundles small).
 */
export const BASE_ERROR_CODES = defineErrorCodes({
	USER_NOT_FOUND: "",
	FAILED_TO_CREATE_USER: "",
	FAILED_TO_CREATE_SESSION: "",
	FAILED_TO_UPDATE_USER: "",
	FAILED_TO_GET_SESSION: "",
	INVALID_PASSWORD: "",
	INVALID_EMAIL: "",
	INVALID_EMAIL_OR_PASSWORD: "",
	INVALID_USER: "",
	SOCIAL_ACCOUNT_ALREADY_LINKED: "",
	PROVIDER_NOT_FOUND: "",
	INVALID_TOKEN: "",
	TOKEN_EXPIRED: "",
	ID_TOKEN_NOT_SUPPORTED: "id_token not supported",
	FAILED_TO_GET_USER_INFO: "",
	USER_EMAIL_NOT_FOUND: "",
	EMAIL_NOT_VERIFIED: "",
	PASSWORD_TOO_SHORT: "",
	PASSWORD_TOO_LONG: "",
	USER_ALREADY_EXISTS: "User already exists.",
	USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "User already exists. Use another email.",
	EMAIL_CAN_NOT_BE_UPDATED: "",
	CHANGE_EMAIL_DISABLED: "Change email is disabled",
	CREDENTIAL_ACCOUNT_NOT_FOUND: "",
	SESSION_EXPIRED: "Session expired. Re-authenticate to perform this action.",
	FAILED_TO_UNLINK_LAST_ACCOUNT: "You can't unlink your last account",
	ACCOUNT_NOT_FOUND: "",
	USER_ALREADY_HAS_PASSWORD: "User already has a password. Provide that to delete the account.",
	CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: "Cross-site navigation login blocked. This request appears to be a CSRF attack.",
	VERIFICATION_EMAIL_NOT_ENABLED: "Verification email isn't enabled",
	EMAIL_ALREADY_VERIFIED: "Email is already verified",
	EMAIL_MISMATCH: "",
	SESSION_NOT_FRESH: "Session is not fresh",
	LINKED_ACCOUNT_ALREADY_EXISTS: "",
	INVALID_ORIGIN: "",
	INVALID_CALLBACK_URL: "Invalid callbackURL",
	INVALID_REDIRECT_URL: "Invalid redirectURL",
	INVALID_ERROR_CALLBACK_URL: "Invalid errorCallbackURL",
	INVALID_NEW_USER_CALLBACK_URL: "Invalid newUserCallbackURL",
	MISSING_OR_NULL_ORIGIN: "Missing or null Origin",
	CALLBACK_URL_REQUIRED: "callbackURL is required",
	FAILED_TO_CREATE_VERIFICATION: "Unable to create verification",
	FIELD_NOT_ALLOWED: "Field not allowed to be set",
	ASYNC_VALIDATION_NOT_SUPPORTED: "Async validation is not supported",
	VALIDATION_ERROR: "Validation Error",
	MISSING_FIELD: "Field is required",
	METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED: "POST method requires deferSessionRefresh to be enabled in session config",
	BODY_MUST_BE_AN_OBJECT: "",
	PASSWORD_ALREADY_SET: "User already has a password set",
});
