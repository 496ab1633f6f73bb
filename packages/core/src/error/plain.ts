/**
 * `@better-auth/core/error/codes`: the error codes and `BetterAuthError` without the HTTP error
 * class (better-call's `APIError`), so browser bundles can use them without server code.
 */
export { BetterAuthError } from "./better-auth-error";
export { BASE_ERROR_CODES, defineErrorCodes, type ErrorCode } from "./codes";
