export interface HaveIBeenPwnedOptions {
	/** The message of the `PASSWORD_COMPROMISED` error. */
	customPasswordCompromisedMessage?: string;
	/**
	 * Endpoints whose new passwords are checked (exact paths).
	 * @default ["/sign-up/email", "/change-password", "/reset-password", "/phone-number/reset-password",
	 * "/email-otp/reset-password", "/admin/create-user", "/admin/set-user-password"]
	 */
	paths?: string[];
	/**
	 * Where the range API lives; `<apiURL>/range/<prefix>` is requested. Not in better-auth 1.7:
	 * for a mirror, a proxy, or a fake server in tests.
	 * @default "https://api.pwnedpasswords.com"
	 */
	apiURL?: string;
	/**
	 * Milliseconds to wait for the range API before failing the request (500). Not in better-auth 1.7,
	 * which waits forever.
	 * @default 10000
	 */
	timeout?: number;
}
