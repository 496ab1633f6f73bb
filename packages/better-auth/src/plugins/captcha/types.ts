/** The captcha services the plugin verifies tokens with. */
export type CaptchaProvider = "cloudflare-turnstile" | "google-recaptcha" | "hcaptcha" | "captchafox";

export interface CaptchaOptions {
	/** Your captcha service. */
	provider: CaptchaProvider;
	/** The service's secret key, for server-side verification. */
	secretKey: string;
	/**
	 * Paths (after the base path) whose requests need a token; `*` matches any characters.
	 * @default ["/sign-up/email", "/sign-in/email", "/request-password-reset"]
	 */
	endpoints?: string[];
	/**
	 * Google reCAPTCHA v3 only: the lowest score accepted (0 to 1).
	 * @default 0.5
	 */
	minScore?: number;
	/** hCaptcha and CaptchaFox only: the site key tokens must have been issued for. */
	siteKey?: string;
	/** Verify tokens at this URL instead of the provider's siteverify endpoint (a proxy, a test server). */
	siteVerifyURLOverride?: string;
	/**
	 * Milliseconds to wait for the provider before answering 500 `UNKNOWN_ERROR`. Not in
	 * better-auth 1.7, which waits as long as the provider takes.
	 * @default 10000
	 */
	timeout?: number;
}
