import { APIError } from "better-call";

export { BetterAuthError } from "./better-auth-error";
export { BASE_ERROR_CODES, defineErrorCodes, type ErrorCode } from "./codes";
export { APIError };
