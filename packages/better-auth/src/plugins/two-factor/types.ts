import type { User } from "@better-auth/core";

/** How one-time passwords are kept in the `verification` table until they are used. */
export type OTPStorage =
	| "plain"
	| "encrypted"
	| "hashed"
	| { hash: (otp: string) => string | Promise<string> }
	| { encrypt: (otp: string) => string | Promise<string>; decrypt: (stored: string) => string | Promise<string> };

/** How backup codes are kept in `twoFactor.backupCodes` (a JSON array of strings, transformed). */
export type BackupCodeStorage =
	| "plain"
	| "encrypted"
	| { encrypt: (codes: string) => string | Promise<string>; decrypt: (stored: string) => string | Promise<string> };

/** The endpoint context `sendOTP` receives as its second argument (request, headers, auth context). */
export interface SendOTPContext {
	request?: Request;
	headers?: Headers;
	context: unknown;
}

export interface TOTPOptions {
	/**
	 * Digits of each code.
	 * @default 6
	 */
	digits?: 6 | 8 | number;
	/**
	 * Seconds each code is valid for (one period either side is accepted too).
	 * @default 30
	 */
	period?: number;
	/**
	 * Turn TOTP off: only OTP (and backup codes of earlier enrolments) remain.
	 * @default false
	 */
	disable?: boolean;
}

export interface OTPOptions {
	/** Delivers a code to the user (email, SMS...). OTP endpoints answer `OTP_NOT_CONFIGURED` without it. */
	sendOTP?: (data: { user: User; otp: string }, ctx?: SendOTPContext) => unknown | Promise<unknown>;
	/**
	 * Minutes a code stays valid.
	 * @default 3
	 */
	period?: number;
	/**
	 * Digits of each code.
	 * @default 6
	 */
	digits?: number;
	/**
	 * Wrong guesses allowed per code; the next try answers `TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE`.
	 * @default 5
	 */
	allowedAttempts?: number;
	/**
	 * How codes are stored until used.
	 * @default "plain"
	 */
	storeOTP?: OTPStorage;
}

export interface BackupCodeOptions {
	/**
	 * Codes per set.
	 * @default 10
	 */
	amount?: number;
	/**
	 * Random characters per code (a dash is inserted after the fifth).
	 * @default 10
	 */
	length?: number;
	/** Your own generator; replaces `amount` and `length`. */
	customBackupCodesGenerate?: () => string[];
	/**
	 * How the codes are stored.
	 * @default "encrypted"
	 */
	storeBackupCodes?: BackupCodeStorage;
}

export interface TwoFactorOptions {
	/**
	 * The name authenticator apps show for the account.
	 * @default the `appName` option, else "Better Auth"
	 */
	issuer?: string;
	/**
	 * Turn 2FA on as soon as `/two-factor/enable` answers, without a first TOTP check.
	 * @default false
	 */
	skipVerificationOnEnable?: boolean;
	totpOptions?: TOTPOptions;
	otpOptions?: OTPOptions;
	backupCodeOptions?: BackupCodeOptions;
	/**
	 * Seconds a sign-in may take to complete its second factor (the `two_factor` cookie and its
	 * verification row).
	 * @default 600
	 */
	twoFactorCookieMaxAge?: number;
	/**
	 * Seconds a device stays trusted after `trustDevice: true`; renewed at each sign-in from it.
	 * @default 2592000 (30 days)
	 */
	trustDeviceMaxAge?: number;
	/** Table and column names, when yours differ. */
	schema?: {
		user?: { fields?: { twoFactorEnabled?: string } };
		twoFactor?: {
			modelName?: string;
			fields?: Partial<
				Record<"secret" | "backupCodes" | "userId" | "verified" | "failedVerificationCount" | "lockedUntil", string>
			>;
		};
	};
	/**
	 * The table name of `twoFactor` (older docs' spelling of `schema.twoFactor.modelName`).
	 * @deprecated use `schema.twoFactor.modelName`
	 */
	twoFactorTable?: string;
}

/** A `twoFactor` row as the adapter returns it. */
export interface TwoFactorRow {
	id: string;
	userId: string;
	secret: string;
	backupCodes: string;
	verified?: boolean | null;
	failedVerificationCount?: number | null;
	lockedUntil?: Date | null;
}
