/** What `sendMagicLink` receives: where to send the link, the link itself and its token. */
export interface MagicLinkData {
	/** The address as the user typed it. */
	email: string;
	/** `<baseURL>/magic-link/verify?token=...&callbackURL=...`: the link to put in the email. */
	url: string;
	/** The token alone, for apps that build their own link. */
	token: string;
	/** The `metadata` object of the sign-in request, when it sent one. */
	metadata?: Record<string, unknown>;
}

/** How tokens are kept in the `verification` table. */
export type MagicLinkTokenStorage =
	| "plain"
	| "hashed"
	| { type: "custom-hasher"; hash: (token: string) => string | Promise<string> };

export interface MagicLinkOptions {
	/**
	 * Sends the link (by email, usually). Its errors reach the caller of `/sign-in/magic-link`.
	 * `request` is the incoming request (undefined for server calls without one).
	 */
	sendMagicLink: (data: MagicLinkData, request?: Request) => unknown | Promise<unknown>;
	/**
	 * Seconds a link stays valid.
	 * @default 300
	 */
	expiresIn?: number;
	/**
	 * Refuse to create users: a link for an unknown email then ends at the error callback with
	 * `?error=new_user_signup_disabled` (the sign-in request itself answers as usual, so it does
	 * not reveal which emails have accounts).
	 * @default false
	 */
	disableSignUp?: boolean;
	/**
	 * Makes the token. It proves who holds the inbox: make it long and unguessable.
	 * @default 32 random letters
	 */
	generateToken?: (email: string) => string | Promise<string>;
	/**
	 * How the token is stored: as is, as its SHA-256 (base64url), or through your own hash.
	 * @default "plain"
	 */
	storeToken?: MagicLinkTokenStorage;
	/**
	 * Requests allowed per window on both endpoints, per client.
	 * @default { window: 60, max: 5 }
	 */
	rateLimit?: { window?: number; max?: number };
}
