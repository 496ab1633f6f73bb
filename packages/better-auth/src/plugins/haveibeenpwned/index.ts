/**
 * `haveIBeenPwned`: refuses passwords found in known data breaches (400 `PASSWORD_COMPROMISED`)
 * wherever a new password is set: sign-up, change-password, reset-password (email and phone),
 * email-OTP reset, admin create-user and set-user-password.
 *
 * Uses the Pwned Passwords range API with k-anonymity: only the first five hex characters of the
 * password's SHA-1 leave the server; the match against the returned suffixes happens here.
 *
 * @example
 * betterAuth({ emailAndPassword: { enabled: true }, plugins: [haveIBeenPwned()] })
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import { fullContext } from "../../context/full-context";
import { currentEndpointContext } from "../../context/request-state";
import { assertNotPwned } from "./check";
import { HAVE_I_BEEN_PWNED_ERROR_CODES } from "./error-codes";
import type { HaveIBeenPwnedOptions } from "./types";

export { HAVE_I_BEEN_PWNED_ERROR_CODES } from "./error-codes";
export type { HaveIBeenPwnedOptions } from "./types";

const DEFAULT_PATHS = [
	"/sign-up/email",
	"/change-password",
	"/reset-password",
	"/phone-number/reset-password",
	"/email-otp/reset-password",
	"/admin/create-user",
	"/admin/set-user-password",
];

export function haveIBeenPwned(options: HaveIBeenPwnedOptions = {}) {
	const paths = new Set(options.paths ?? DEFAULT_PATHS);
	return {
		id: "have-i-been-pwned" as const,
		// Wrapping the hasher checks the password exactly where a new one is stored, after the
		// endpoint's own checks (length, current password, token) and only on the listed endpoints.
		init(ctx: AuthContext) {
			const password = fullContext({ context: ctx }).password;
			const hash = async (plain: string) => {
				const call = currentEndpointContext() as { path?: string } | null;
				if (call?.path && paths.has(call.path)) await assertNotPwned(plain, options);
				return password.hash(plain);
			};
			return { context: { password: { ...password, hash } } as Partial<AuthContext> };
		},
		$ERROR_CODES: HAVE_I_BEEN_PWNED_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
