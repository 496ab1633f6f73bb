import type { User } from "@better-auth/core";

/** What `sendOTP` and `sendPasswordResetOTP` receive. */
export interface PhoneNumberOTPData {
	phoneNumber: string;
	code: string;
}

export interface PhoneNumberOptions {
	/**
	 * Sends a verification code by SMS (or any channel). Without it, `POST /phone-number/send-otp`
	 * answers 501 `SEND_OTP_NOT_IMPLEMENTED`, and `requireVerification` cannot send codes.
	 */
	sendOTP?: (data: PhoneNumberOTPData, request?: Request) => unknown | Promise<unknown>;
	/** Sends a password-reset code. Without it, reset codes are stored but never delivered. */
	sendPasswordResetOTP?: (data: PhoneNumberOTPData, request?: Request) => unknown | Promise<unknown>;
	/**
	 * Number of digits in a code.
	 * @default 6
	 */
	otpLength?: number;
	/**
	 * Seconds a code stays valid.
	 * @default 300
	 */
	expiresIn?: number;
	/**
	 * Wrong guesses allowed per code; the next try deletes the code and answers 403
	 * `TOO_MANY_ATTEMPTS`.
	 * @default 3
	 */
	allowedAttempts?: number;
	/**
	 * Returns false to refuse a phone number (`INVALID_PHONE_NUMBER`) on send-otp and sign-in.
	 * @default none: any string is accepted
	 */
	phoneNumberValidator?: (phoneNumber: string) => boolean | Promise<boolean>;
	/**
	 * Refuse password sign-in (401 `PHONE_NUMBER_NOT_VERIFIED`) until the phone number is verified;
	 * such an attempt also sends a fresh code.
	 * @default false
	 */
	requireVerification?: boolean;
	/** Called after a phone number is verified (on sign-up, sign-in by code or update). */
	callbackOnVerification?: (data: { phoneNumber: string; user: User }, request?: Request) => unknown | Promise<unknown>;
	/**
	 * Create a user when a code is verified for a phone number nobody has yet. Users need an email:
	 * `getTempEmail` makes one up; `getTempName` the name (default: the phone number).
	 * @default off: verifying an unknown phone number answers 400 `PHONE_NUMBER_NOT_EXIST`
	 */
	signUpOnVerification?: {
		getTempEmail: (phoneNumber: string) => string;
		getTempName?: (phoneNumber: string) => string;
	};
	/** Column names, when yours differ from `phoneNumber` and `phoneNumberVerified`. */
	schema?: { user?: { fields?: { phoneNumber?: string; phoneNumberVerified?: string } } };
}
