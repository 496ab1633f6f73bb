/**
 * `emailOTP`: one-time codes by email to sign in (creating the user on first use unless
 * `disableSignUp`), to verify the email, to reset the password and, optionally, to change the email.
 * Codes live in `verification` (`<type>-otp-<email>` → `<code>:<failed attempts>`), expire after
 * `expiresIn` seconds and survive `allowedAttempts` wrong guesses.
 *
 * @example
 * betterAuth({ plugins: [emailOTP({ sendVerificationOTP: ({ email, otp, type }) => mailer.send(email, otp) })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { EMAIL_OTP_ERROR_CODES } from "./error-codes";
import { overrideEmailVerification, sendOnSignUpHook } from "./hooks";
import { createOTPStore } from "./otp";
import { changeEmailEmailOTP, requestEmailChangeEmailOTP } from "./routes/change-email";
import { checkVerificationOTP, createVerificationOTP, getVerificationOTP, sendVerificationOTP } from "./routes/otp";
import { forgetPasswordEmailOTP, requestPasswordResetEmailOTP, resetPasswordEmailOTP } from "./routes/password";
import { signInEmailOTP, verifyEmailOTP } from "./routes/sign-in";
import type { EmailOTPOptions } from "./types";

export { EMAIL_OTP_ERROR_CODES } from "./error-codes";
export type { EmailOTPOptions, EmailOTPStorage, EmailOTPType } from "./types";

/** The endpoints a client reaches, each rate limited on its own. */
const RATE_LIMITED = new Set([
	"/email-otp/send-verification-otp",
	"/email-otp/check-verification-otp",
	"/email-otp/verify-email",
	"/sign-in/email-otp",
	"/email-otp/request-password-reset",
	"/forget-password/email-otp",
	"/email-otp/reset-password",
	"/email-otp/request-email-change",
	"/email-otp/change-email",
]);

export function emailOTP(options: EmailOTPOptions) {
	if (typeof options?.sendVerificationOTP !== "function") {
		throw new BetterAuthError("emailOTP: `sendVerificationOTP` is required: it is how codes reach the user.");
	}
	const store = createOTPStore(options);
	return {
		id: "email-otp" as const,
		init: (context) =>
			options.overrideDefaultEmailVerification ? { options: overrideEmailVerification(context, store) } : undefined,
		endpoints: {
			sendVerificationOTP: sendVerificationOTP(options, store),
			createVerificationOTP: createVerificationOTP(store),
			getVerificationOTP: getVerificationOTP(store),
			checkVerificationOTP: checkVerificationOTP(store),
			verifyEmailOTP: verifyEmailOTP(store),
			signInEmailOTP: signInEmailOTP(options, store),
			requestPasswordResetEmailOTP: requestPasswordResetEmailOTP(store),
			forgetPasswordEmailOTP: forgetPasswordEmailOTP(store),
			resetPasswordEmailOTP: resetPasswordEmailOTP(store),
			requestEmailChangeEmailOTP: requestEmailChangeEmailOTP(options, store),
			changeEmailEmailOTP: changeEmailEmailOTP(options, store),
		},
		hooks: { after: options.sendVerificationOnSignUp ? [sendOnSignUpHook(store)] : [] },
		rateLimit: [
			{
				pathMatcher: (path: string) => RATE_LIMITED.has(path),
				window: options.rateLimit?.window ?? 60,
				max: options.rateLimit?.max ?? 3,
			},
		],
		$ERROR_CODES: EMAIL_OTP_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
