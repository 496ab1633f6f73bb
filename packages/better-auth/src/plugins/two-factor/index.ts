/**
 * `twoFactor`: a second factor after the password — TOTP (authenticator apps), one-time codes
 * you deliver (`otpOptions.sendOTP`), backup codes, and trusted devices. Password sign-ins of
 * users with 2FA on answer `{ twoFactorRedirect: true }` and finish at `/two-factor/verify-*`.
 *
 * @example
 * betterAuth({ appName: "My App", plugins: [twoFactor({ otpOptions: { sendOTP: ({ user, otp }) => mail(user.email, otp) } })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { resolveConfig } from "./config";
import { TWO_FACTOR_ERROR_CODES } from "./error-codes";
import { twoFactorHooks } from "./hooks";
import { generateBackupCodesEndpoint, verifyBackupCode, viewBackupCodes } from "./routes/backup-codes";
import { disableTwoFactor, enableTwoFactor } from "./routes/enable";
import { sendTwoFactorOTP, verifyTwoFactorOTP } from "./routes/otp";
import { generateTOTPEndpoint, getTOTPURI, verifyTOTPEndpoint } from "./routes/totp";
import { twoFactorSchema } from "./schema";
import type { TwoFactorOptions } from "./types";

export { TWO_FACTOR_ERROR_CODES } from "./error-codes";
export type {
	BackupCodeOptions,
	BackupCodeStorage,
	OTPOptions,
	OTPStorage,
	TOTPOptions,
	TwoFactorOptions,
} from "./types";

export function twoFactor(options: TwoFactorOptions = {}) {
	const config = resolveConfig(options);
	return {
		id: "two-factor" as const,
		endpoints: {
			enableTwoFactor: enableTwoFactor(config),
			disableTwoFactor: disableTwoFactor(config),
			getTOTPURI: getTOTPURI(config),
			verifyTOTP: verifyTOTPEndpoint(config),
			generateTOTP: generateTOTPEndpoint(config),
			sendTwoFactorOTP: sendTwoFactorOTP(config),
			verifyTwoFactorOTP: verifyTwoFactorOTP(config),
			verifyBackupCode: verifyBackupCode(config),
			generateBackupCodes: generateBackupCodesEndpoint(config),
			viewBackupCodes: viewBackupCodes(config),
		},
		schema: twoFactorSchema(options),
		hooks: { after: twoFactorHooks(config) },
		// Codes are short: a few guesses per 10 seconds per client, on every /two-factor/* path.
		rateLimit: [{ pathMatcher: (path: string) => path.startsWith("/two-factor/"), window: 10, max: 3 }],
		$ERROR_CODES: TWO_FACTOR_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
