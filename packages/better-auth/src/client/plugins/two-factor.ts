/**
 * `twoFactorClient`: types the two-factor endpoints on the client (`twoFactor.enable`,
 * `twoFactor.verifyTotp`, ...), sends the body-less ones as POST, refreshes the session after
 * every `/two-factor/*` call, and calls `onTwoFactorRedirect` when a sign-in answers
 * `{ twoFactorRedirect: true }`.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import { defineErrorCodes } from "@better-auth/core/error/codes";
import type { twoFactor } from "../../plugins/two-factor";

/**
 * The plugin's error codes, for comparing `error.code` on the client. A copy of the server's
 * table (`plugins/two-factor/error-codes.ts`), so browser bundles need no server module; a test
 * keeps the two equal.
 */
export const TWO_FACTOR_ERROR_CODES = /* @__PURE__ */ defineErrorCodes({
	OTP_NOT_ENABLED: "OTP not enabled",
	OTP_NOT_CONFIGURED: "OTP is not available",
	OTP_HAS_EXPIRED: "OTP has expired",
	TOTP_NOT_ENABLED: "TOTP not enabled",
	TOTP_ALREADY_ENABLED: "TOTP is already enabled",
	TOTP_NOT_CONFIGURED: "TOTP is not available",
	TWO_FACTOR_NOT_ENABLED: "Two factor isn't enabled",
	BACKUP_CODES_NOT_ENABLED: "Backup codes aren't enabled",
	INVALID_BACKUP_CODE: "",
	INVALID_CODE: "",
	TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many attempts. Please request a new code.",
	ACCOUNT_TEMPORARILY_LOCKED:
		"Too many failed verification attempts. Your account is temporarily locked. Please try again later.",
	INVALID_TWO_FACTOR_COOKIE: "",
});

export interface TwoFactorClientOptions {
	/**
	 * Called when a sign-in needs the second factor (e.g. to send the user to your 2FA page).
	 * `twoFactorMethods` lists what the user can use: `"totp"`, `"otp"`.
	 */
	onTwoFactorRedirect?: (context: { twoFactorMethods?: string[] }) => void | Promise<void>;
}

export function twoFactorClient(options: TwoFactorClientOptions = {}) {
	return {
		id: "two-factor",
		$InferServerPlugin: {} as ReturnType<typeof twoFactor>,
		atomListeners: [{ matcher: (path: string) => path.startsWith("/two-factor/"), signal: "$sessionSignal" }],
		pathMethods: {
			"/two-factor/disable": "POST",
			"/two-factor/enable": "POST",
			"/two-factor/send-otp": "POST",
			"/two-factor/generate-backup-codes": "POST",
			"/two-factor/get-totp-uri": "POST",
			"/two-factor/verify-totp": "POST",
			"/two-factor/verify-otp": "POST",
			"/two-factor/verify-backup-code": "POST",
		},
		fetchPlugins: [
			{
				id: "two-factor",
				name: "two-factor",
				hooks: {
					async onSuccess(context) {
						const data = context.data as { twoFactorRedirect?: boolean; twoFactorMethods?: string[] } | null;
						if (data?.twoFactorRedirect && options.onTwoFactorRedirect) {
							await options.onTwoFactorRedirect({ twoFactorMethods: data.twoFactorMethods });
						}
					},
				},
			},
		],
		$ERROR_CODES: TWO_FACTOR_ERROR_CODES,
	} satisfies BetterAuthClientPlugin;
}
