/**
 * The TanStack Start cookie plugins' shared part: hand an `auth.api.*` call's cookies to the
 * `setCookie` helper of `@tanstack/<framework>-start/server`, loaded lazily by each entry.
 */
import { forwardCookiesHook } from "./forward-cookies";
import type { CookieAttributes } from "./set-cookie";

/** The part of `@tanstack/*-start/server` the plugins use. */
export interface TanStackStartServer {
	setCookie: (name: string, value: string, options?: CookieAttributes) => void;
}

/** A plugin with the given id whose after hook writes cookies through `load()`'s `setCookie`. */
export function tanstackCookiesPlugin<Id extends string>(id: Id, load: () => Promise<unknown>) {
	return {
		id,
		hooks: {
			after: [
				forwardCookiesHook(async (cookies) => {
					const { setCookie } = (await load()) as TanStackStartServer;
					for (const cookie of cookies) setCookie(cookie.name, cookie.value, cookie.options);
				}),
			],
		},
	};
}
