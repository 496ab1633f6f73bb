/**
 * `better-auth/cookies`: cookie names and attributes, exactly as Better Auth sets them:
 * `${cookiePrefix}.${name}` (prefix "better-auth"), `__Secure-` in front when the base URL is
 * https or `useSecureCookies` is set, HttpOnly, SameSite=Lax, Path=/.
 */
import type { BetterAuthOptions, CookieAttributes } from "@better-auth/core";
import { resolveBaseURL } from "../context/create-context";

export const SECURE_COOKIE_PREFIX = "__Secure-";

export interface AuthCookie {
	name: string;
	attributes: CookieAttributes;
}

export interface AuthCookies {
	sessionToken: AuthCookie;
	sessionData: AuthCookie;
	dontRememberToken: AuthCookie;
	accountData: AuthCookie;
	/** Binds an OAuth flow to the browser that started it. */
	state: AuthCookie;
	/** The OAuth flow itself, encrypted, with `account.storeStateStrategy: "cookie"`. */
	oauthState: AuthCookie;
}

function isSecure(options: BetterAuthOptions): boolean {
	if (options.advanced?.useSecureCookies !== undefined) return options.advanced.useSecureCookies;
	const { baseURL } = resolveBaseURL(options);
	if (baseURL) return baseURL.startsWith("https://");
	return typeof process !== "undefined" && process.env?.NODE_ENV === "production";
}

/**
 * Builds the getter for any cookie of this configuration: core cookies and plugin cookies
 * (`createCookieGetter(options)("two_factor", { maxAge })`).
 */
export function createCookieGetter(options: BetterAuthOptions) {
	const secure = isSecure(options);
	const prefix = options.advanced?.cookiePrefix ?? "better-auth";
	const crossSubDomain = options.advanced?.crossSubDomainCookies;
	const domain = crossSubDomain?.enabled
		? (crossSubDomain.domain ?? (options.baseURL ? new URL(options.baseURL).hostname : undefined))
		: undefined;
	return (cookieName: string, overrides: CookieAttributes = {}): AuthCookie => {
		const custom = options.advanced?.cookies?.[cookieName];
		const name = custom?.name ?? `${prefix}.${cookieName}`;
		return {
			name: secure ? `${SECURE_COOKIE_PREFIX}${name}` : name,
			attributes: {
				secure,
				sameSite: "lax",
				path: "/",
				httpOnly: true,
				...(domain ? { domain } : {}),
				...options.advanced?.defaultCookieAttributes,
				...overrides,
				...custom?.attributes,
			},
		};
	};
}

export function getCookies(options: BetterAuthOptions): AuthCookies {
	const cookie = createCookieGetter(options);
	const cacheAge = options.session?.cookieCache?.maxAge ?? 60 * 5;
	return {
		sessionToken: cookie("session_token", { maxAge: options.session?.expiresIn ?? 60 * 60 * 24 * 7 }),
		sessionData: cookie("session_data", { maxAge: cacheAge }),
		dontRememberToken: cookie("dont_remember"),
		accountData: cookie("account_data", { maxAge: cacheAge }),
		state: cookie("state", { maxAge: 5 * 60 }),
		oauthState: cookie("oauth_state", { maxAge: 10 * 60 }),
	};
}

/** Parses a `Cookie` header into a map (first occurrence of a name wins). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
	const cookies = new Map<string, string>();
	for (const part of (header ?? "").split(";")) {
		const eq = part.indexOf("=");
		if (eq <= 0) continue;
		const name = part.slice(0, eq).trim();
		if (cookies.has(name)) continue;
		const raw = part.slice(eq + 1).trim();
		try {
			cookies.set(name, decodeURIComponent(raw));
		} catch {
			cookies.set(name, raw);
		}
	}
	return cookies;
}

/**
 * Reads the session cookie's raw value from a request or headers without verifying it — a cheap
 * "is someone signed in?" check for middleware. Checks the plain and the `__Secure-` name.
 */
export function getSessionCookie(
	source: Request | Headers,
	config: { cookieName?: string; cookiePrefix?: string } = {},
): string | null {
	const headers = source instanceof Headers ? source : source.headers;
	const cookies = parseCookies(headers.get("cookie"));
	const name = `${config.cookiePrefix ?? "better-auth"}.${config.cookieName ?? "session_token"}`;
	return cookies.get(name) ?? cookies.get(`${SECURE_COOKIE_PREFIX}${name}`) ?? null;
}
