import { defineErrorCodes } from "@better-auth/core/error/codes";

/** The phone-number plugin's error codes, with better-auth 1.7's names and messages. */
export const PHONE_NUMBER_ERROR_CODES = defineErrorCodes({
	INVALID_PHONE_NUMBER: "",
	PHONE_NUMBER_EXIST: "Phone number already exists",
	PHONE_NUMBER_NOT_EXIST: "phone number isn't registered",
	INVALID_PHONE_NUMBER_OR_PASSWORD: "",
	UNEXPECTED_ERROR: "",
	OTP_NOT_FOUND: "OTP not found",
	OTP_EXPIRED: "OTP expired",
	INVALID_OTP: "Invalid OTP",
	PHONE_NUMBER_NOT_VERIFIED: "",
	PHONE_NUMBER_PENDING_VERIFICATION: "Phone number requires account ownership proof",
	PHONE_NUMBER_CANNOT_BE_UPDATED: "",
	PHONE_NUMBER_CANNOT_BE_SET: "Phone number can only be set by verifying it",
	SEND_OTP_NOT_IMPLEMENTED: "sendOTP not implemented",
	TOO_MANY_ATTEMPTS: "",
});
