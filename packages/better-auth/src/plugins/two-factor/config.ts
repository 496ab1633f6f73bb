/** The plugin's options with every default filled in, resolved once when the plugin is created. */

import type { User } from "@better-auth/core";
import type { BackupCodeStorage, OTPStorage, SendOTPContext, TwoFactorOptions } from "./types";

/** Failed codes (any method) before the account's second factor is locked. */
export const MAX_FAILED_VERIFICATIONS = 10;
/** How long that lock lasts, in seconds. */
export const LOCK_DURATION = 15 * 60;
/** Wrong TOTP or backup codes allowed per sign-in before it must start over. */
export const MAX_CHALLENGE_ATTEMPTS = 5;

export interface TwoFactorConfig {
	issuer?: string;
	skipVerificationOnEnable: boolean;
	totp: { digits: number; period: number; disabled: boolean };
	otp: {
		sendOTP?: (data: { user: User; otp: string }, ctx?: SendOTPContext) => unknown;
		/** Seconds. */
		period: number;
		digits: number;
		allowedAttempts: number;
		storage: OTPStorage;
	};
	backupCodes: {
		amount: number;
		length: number;
		generate?: () => string[];
		storage: BackupCodeStorage;
	};
	/** Seconds. */
	challengeMaxAge: number;
	/** Seconds. */
	trustDeviceMaxAge: number;
}

export function resolveConfig(options: TwoFactorOptions): TwoFactorConfig {
	const { totpOptions: totp = {}, otpOptions: otp = {}, backupCodeOptions: backup = {} } = options;
	return {
		issuer: options.issuer,
		skipVerificationOnEnable: options.skipVerificationOnEnable ?? false,
		totp: { digits: totp.digits ?? 6, period: totp.period ?? 30, disabled: totp.disable ?? false },
		otp: {
			sendOTP: otp.sendOTP,
			period: (otp.period ?? 3) * 60,
			digits: otp.digits ?? 6,
			allowedAttempts: otp.allowedAttempts ?? 5,
			storage: otp.storeOTP ?? "plain",
		},
		backupCodes: {
			amount: backup.amount ?? 10,
			length: backup.length ?? 10,
			generate: backup.customBackupCodesGenerate,
			storage: backup.storeBackupCodes ?? "encrypted",
		},
		challengeMaxAge: options.twoFactorCookieMaxAge ?? 10 * 60,
		trustDeviceMaxAge: options.trustDeviceMaxAge ?? 30 * 24 * 60 * 60,
	};
}
