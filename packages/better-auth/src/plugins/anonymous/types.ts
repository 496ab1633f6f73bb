import type { Session, User } from "@better-auth/core";

/** A user row with the plugin's column. */
export type AnonymousUser = User & { isAnonymous?: boolean | null };

/** A session with its user, as `onLinkAccount` receives both sides. */
export interface AnonymousSession {
	session: Session;
	user: AnonymousUser;
}

/** The endpoint context of the request being handled (what `generateName` and `onLinkAccount` get). */
export interface AnonymousEndpointContext {
	path: string;
	body?: unknown;
	headers?: Headers;
	request?: Request;
	context: unknown;
}

export interface AnonymousOptions {
	/**
	 * The domain of generated emails: `temp-<random>@<emailDomainName>`.
	 * @default none: `<random>@anonymous.placeholder.invalid` (`.invalid` can never receive mail)
	 */
	emailDomainName?: string;
	/**
	 * Your own email for each new anonymous user. An empty result falls back to the default; a
	 * malformed one is refused with `INVALID_EMAIL_FORMAT`. Keep them unique: the email column is.
	 * Takes precedence over `emailDomainName`.
	 */
	generateRandomEmail?: () => string | undefined | null | Promise<string | undefined | null>;
	/**
	 * The name of each new anonymous user (for random names, or when `user.name` is unique in your
	 * database). An empty result falls back to the default.
	 * @default "Anonymous"
	 */
	generateName?: (ctx: AnonymousEndpointContext) => string | undefined | null | Promise<string | undefined | null>;
	/**
	 * Called when an anonymous user signs in or up another way (email, social, magic link, ...),
	 * before the anonymous user is deleted: move their data (cart, preferences) to the new user here.
	 * An error thrown here fails the request and keeps the anonymous user.
	 */
	onLinkAccount?: (data: {
		anonymousUser: AnonymousSession;
		newUser: AnonymousSession;
		ctx: AnonymousEndpointContext;
	}) => void | Promise<void>;
	/**
	 * Keep the anonymous user (and its session) after linking, and turn off `/delete-anonymous-user`.
	 * @default false
	 */
	disableDeleteAnonymousUser?: boolean;
	/** The column name of `user.isAnonymous`, when yours differs. */
	schema?: { user?: { fields?: { isAnonymous?: string } } };
}
