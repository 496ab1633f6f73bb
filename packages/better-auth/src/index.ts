/** `better-auth`: the server entry. */
export type {
	Account,
	AuthContext,
	BetterAuthClientPlugin,
	BetterAuthOptions,
	BetterAuthPlugin,
	ErrorCode,
	Session,
	User,
	Verification,
} from "@better-auth/core";
export { APIError, BASE_ERROR_CODES, BetterAuthError, defineErrorCodes } from "@better-auth/core/error";
export { type ApiCall, type ApiCallInput, type Auth, betterAuth } from "./auth";
export type { InferAdditionalFields, InferSession, InferTypes, InferUser } from "./infer";
