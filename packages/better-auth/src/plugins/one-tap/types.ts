export interface OneTapOptions {
	/**
	 * Only existing users may sign in; a new Google account is refused with `SIGNUP_DISABLED`.
	 * @default false
	 */
	disableSignup?: boolean;
	/**
	 * The Google OAuth client id the ID tokens must be issued for (their `aud`).
	 * @default socialProviders.google.clientId
	 */
	clientId?: string | string[];
	/**
	 * Where Google's signing keys are fetched from (tests point it at a local server).
	 * @default "https://www.googleapis.com/oauth2/v3/certs"
	 */
	jwksURL?: string;
}
