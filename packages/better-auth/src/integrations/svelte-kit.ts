/**
 * SvelteKit integration: `svelteKitHandler` for `hooks.server.ts`, `toSvelteKitHandler` for a
 * `+server.ts` route, `isAuthPath`, and the `sveltekitCookies()` plugin for form actions.
 * Nothing from `@sveltejs/kit` is imported: the event shapes are structural.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { forwardCookiesHook } from "./forward-cookies";
import type { CookieAttributes } from "./set-cookie";

type FetchHandler = (request: Request) => Promise<Response>;

/** The options `isAuthPath` reads: where the auth router is mounted. */
export interface AuthPathOptions {
	baseURL?: string;
	basePath?: string;
}

/** An auth instance as the handlers need it. */
export interface SvelteKitAuth {
	handler: FetchHandler;
	options: AuthPathOptions;
}

/** The part of SvelteKit's `RequestEvent` the handlers read. */
export interface SvelteKitEvent {
	request: Request;
	url: URL;
}

/**
 * Whether `url` is under the auth router's mount point: `basePath` (default `/api/auth`, or the
 * path inside `baseURL` when it has one), on `baseURL`'s origin when `baseURL` is configured.
 */
export function isAuthPath(url: string, options: AuthPathOptions): boolean {
	const target = new URL(url);
	let basePath = options.basePath ?? "/api/auth";
	if (options.baseURL) {
		const base = new URL(options.baseURL);
		if (base.origin !== target.origin) return false;
		const ownPath = base.pathname.replace(/\/+$/, "");
		if (ownPath) basePath = ownPath;
	}
	basePath = basePath.replace(/\/+$/, "");
	return target.pathname.startsWith(`${basePath}/`);
}

/**
 * Answers auth requests in SvelteKit's `handle` hook and passes every other request on to
 * `resolve`. While prerendering (`building` from `$app/environment`) it never touches the request.
 * @example
 * export const handle = ({ event, resolve }) => svelteKitHandler({ event, resolve, auth, building });
 */
export async function svelteKitHandler<Event extends SvelteKitEvent>(input: {
	auth: SvelteKitAuth;
	event: Event;
	resolve: (event: Event) => Response | Promise<Response>;
	building?: boolean;
}): Promise<Response> {
	const { auth, event, resolve, building } = input;
	if (building) return resolve(event);
	if (isAuthPath(event.url.toString(), auth.options)) return auth.handler(event.request);
	return resolve(event);
}

/**
 * A request handler for a `+server.ts` catch-all route (`routes/api/auth/[...all]/+server.ts`).
 * @example
 * const handler = toSvelteKitHandler(auth);
 * export { handler as GET, handler as POST };
 */
export function toSvelteKitHandler(auth: { handler: FetchHandler } | FetchHandler) {
	return (event: { request: Request }): Promise<Response> =>
		typeof auth === "function" ? auth(event.request) : auth.handler(event.request);
}

/** The part of SvelteKit's `event.cookies` the plugin uses (`path` is required there). */
export interface SvelteKitCookies {
	set: (name: string, value: string, options: CookieAttributes & { path: string }) => void;
}

/**
 * Writes the cookies an `auth.api.*` call sets through the current request's `event.cookies`,
 * so sign-in from a form action or a `load` function reaches the browser. Pass SvelteKit's
 * `getRequestEvent` (from `$app/server`); outside a request it does nothing. Put it last.
 * @example
 * import { getRequestEvent } from "$app/server";
 * betterAuth({ ...options, plugins: [sveltekitCookies(getRequestEvent)] });
 */
export function sveltekitCookies(getRequestEvent: () => { cookies: SvelteKitCookies }) {
	return {
		id: "sveltekit-cookies" as const,
		hooks: {
			after: [
				forwardCookiesHook((cookies) => {
					const event = getRequestEvent();
					for (const cookie of cookies) {
						event.cookies.set(cookie.name, cookie.value, { ...cookie.options, path: cookie.options.path ?? "/" });
					}
				}),
			],
		},
	} satisfies BetterAuthPlugin;
}
