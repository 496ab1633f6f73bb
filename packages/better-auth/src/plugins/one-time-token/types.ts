import type { Session, User } from "@better-auth/core";

/** The signed-in session a token is generated for. */
export interface OneTimeTokenSession {
	session: Session & Record<string, unknown>;
	user: User & Record<string, unknown>;
}

export interface OneTimeTokenOptions {
	/**
	 * Minutes a token stays valid.
	 * @default 3
	 */
	expiresIn?: number;
	/**
	 * Generate tokens only through `auth.api.generateOneTimeToken` on the server: HTTP calls to
	 * `/one-time-token/generate` are refused (`CLIENT_REQUESTS_DISABLED`).
	 * @default false
	 */
	disableClientRequest?: boolean;
	/**
	 * Your own token generator.
	 * @default 32 random characters (letters, digits, `-`, `_`)
	 */
	generateToken?: (session: OneTimeTokenSession, ctx: unknown) => string | Promise<string>;
	/**
	 * How the token is kept in the verification table: as is, as its SHA-256 (base64url), or
	 * through your own hash function.
	 * @default "plain"
	 */
	storeToken?: "plain" | "hashed" | { type: "custom-hasher"; hash: (token: string) => string | Promise<string> };
	/**
	 * Do not set the session cookie when a token is verified (the caller only gets the session
	 * in the response body).
	 * @default false
	 */
	disableSetSessionCookie?: boolean;
	/**
	 * Put a fresh one-time token in the `set-ott` header of every response that issues a session
	 * cookie (sign-in, sign-up, verify...), exposed to browsers.
	 * @default false
	 */
	setOttHeaderOnNewSession?: boolean;
}
