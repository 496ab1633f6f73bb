import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The SIWE plugin's error codes, with better-auth 1.7's names and messages. */
export const SIWE_ERROR_CODES = defineErrorCodes({
	UNAUTHORIZED_INVALID_OR_EXPIRED_NONCE: "Unauthorized: Invalid or expired nonce",
	UNAUTHORIZED_SIWE_MESSAGE_MISMATCH:
		"Unauthorized: SIWE message does not match the expected nonce, domain, address, or chain ID",
	UNAUTHORIZED_SIWE_MESSAGE_EXPIRED: "Unauthorized: SIWE message has expired",
	UNAUTHORIZED_SIWE_MESSAGE_NOT_YET_VALID: "Unauthorized: SIWE message is not yet valid",
	/** better-auth 1.7 answers this one without a `code`; we add one. */
	UNAUTHORIZED_INVALID_SIWE_SIGNATURE: "Unauthorized: Invalid SIWE signature",
});
