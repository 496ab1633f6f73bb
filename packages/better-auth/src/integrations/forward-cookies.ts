/**
 * The after hook behind the framework cookie plugins (`nextCookies`, `sveltekitCookies`,
 * `tanstackStartCookies`): when `auth.api.*` runs inside a framework's server code (a server
 * action, a form action, a server function), the cookies an endpoint sets would be lost, because
 * nobody turns the call's headers into a response. The hook hands them to the framework instead.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { type ParsedSetCookie, parseSetCookies } from "./set-cookie";

/** Writes cookies through a framework's own API; throws when there is no request to write to. */
export type CookieWriter = (cookies: ParsedSetCookie[]) => Promise<void> | void;

/** An after hook (every endpoint) that passes the call's Set-Cookie headers to `write`. */
export function forwardCookiesHook(write: CookieWriter): AuthHook {
	return {
		matcher: () => true,
		handler: createAuthMiddleware(async (ctx) => {
			// Over HTTP (`auth.handler`) the Response carries the cookies itself; writing them
			// through the framework too would send every cookie twice.
			if (ctx.request) return;
			const cookies = parseSetCookies(ctx.context.responseHeaders);
			if (cookies.length === 0) return;
			try {
				await write(cookies);
			} catch {
				// Outside the framework's request scope (a script, a test, a React Server Component
				// where cookies are read-only) there is nothing to write to: the call still succeeds.
			}
		}),
	};
}
