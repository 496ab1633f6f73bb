/**
 * Next.js integration: `toNextJsHandler` for an app-router catch-all route
 * (`app/api/auth/[...all]/route.ts`) and the `nextCookies()` plugin for server actions.
 * `next` is never imported at module level, so this entry loads without it.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { forwardCookiesHook } from "./forward-cookies";
import type { CookieAttributes } from "./set-cookie";

type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Route handlers for every method the auth router answers.
 * @example
 * export const { GET, POST } = toNextJsHandler(auth);
 */
export function toNextJsHandler(auth: { handler: FetchHandler } | FetchHandler) {
	const handler = (request: Request): Promise<Response> =>
		typeof auth === "function" ? auth(request) : auth.handler(request);
	return { GET: handler, POST: handler, PATCH: handler, PUT: handler, DELETE: handler };
}

/** The part of `next/headers` the plugin uses (`cookies()` is async from Next 15, sync before). */
interface NextHeaders {
	cookies: () => Promise<CookieStore> | CookieStore;
}

interface CookieStore {
	set: (name: string, value: string, options?: CookieAttributes) => unknown;
}

/**
 * Writes the cookies an `auth.api.*` call sets (sign-in, sign-up, sign-out...) through
 * `cookies()` from `next/headers`, so they reach the browser from a server action or a route
 * handler. Elsewhere (no Next request scope, a Server Component) it does nothing. Put it last in
 * `plugins`, so it sees the cookies other plugins' hooks add.
 * @example
 * betterAuth({ ...options, plugins: [nextCookies()] });
 */
export function nextCookies() {
	return {
		id: "next-cookies" as const,
		hooks: {
			after: [
				forwardCookiesHook(async (cookies) => {
					const { cookies: cookieStore } = (await import("next/headers")) as unknown as NextHeaders;
					const store = await cookieStore();
					for (const cookie of cookies) store.set(cookie.name, cookie.value, cookie.options);
				}),
			],
		},
	} satisfies BetterAuthPlugin;
}
