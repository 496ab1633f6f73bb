/** What a code is for. `change-email` codes are only issued by `/email-otp/request-email-change`. */
export type EmailOTPType = "sign-in" | "email-verification" | "forget-password" | "change-email";

/** How codes are kept in `verification.value` (always followed by `:<failed attempts>`). */
export type EmailOTPStorage =
	| "plain"
	| "hashed"
	| "encrypted"
	| { hash: (otp: string) => string | Promise<string> }
	| { encrypt: (otp: string) => string | Promise<string>; decrypt: (stored: string) => string | Promise<string> };

export interface EmailOTPOptions {
	/**
	 * Sends a code. `email` is lowercased; for `change-email` it is the new address. Its errors
	 * reach the caller. `request` is the incoming request (undefined for server calls without one).
	 */
	sendVerificationOTP: (
		data: { email: string; otp: string; type: EmailOTPType },
		request?: Request,
	) => unknown | Promise<unknown>;
	/**
	 * Digits in a generated code.
	 * @default 6
	 */
	otpLength?: number;
	/**
	 * Seconds a code stays valid.
	 * @default 300
	 */
	expiresIn?: number;
	/**
	 * Makes a code instead of the random digits (return nothing to fall back to them).
	 * @default otpLength random digits
	 */
	generateOTP?: (
		data: { email: string; type: EmailOTPType },
		request?: Request,
	) => string | undefined | Promise<string | undefined>;
	/**
	 * Send an `email-verification` code after each sign-up.
	 * @default false
	 */
	sendVerificationOnSignUp?: boolean;
	/**
	 * Send `email-verification` codes where Better Auth would send a verification link (sign-up,
	 * sign-in, `/send-verification-email`), unless `emailVerification.sendVerificationEmail` is set.
	 * @default false
	 */
	overrideDefaultEmailVerification?: boolean;
	/**
	 * Refuse to create users at `/sign-in/email-otp`: no code is sent to unknown emails (the answer
	 * does not say so).
	 * @default false
	 */
	disableSignUp?: boolean;
	/**
	 * Wrong guesses a code survives; the next try answers `TOO_MANY_ATTEMPTS` and removes it.
	 * @default 3
	 */
	allowedAttempts?: number;
	/**
	 * How codes are stored: as is, as SHA-256 (base64url), encrypted with the secret, or through
	 * your own `hash` or `encrypt`/`decrypt`. Hashed codes cannot be read back (`getVerificationOTP`).
	 * @default "plain"
	 */
	storeOTP?: EmailOTPStorage;
	/** Changing the email with a code sent to the new address (`/email-otp/request-email-change`). */
	changeEmail?: {
		/** @default false */
		enabled?: boolean;
		/**
		 * Also require an `email-verification` code sent to the current address.
		 * @default false
		 */
		verifyCurrentEmail?: boolean;
	};
	/**
	 * Requests allowed per window on each endpoint, per client.
	 * @default { window: 60, max: 3 }
	 */
	rateLimit?: { window?: number; max?: number };
}
