/**
 * TanStack Start (Solid) integration: the same cookie plugin as `better-auth/tanstack-start`,
 * writing through `@tanstack/solid-start/server`.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { tanstackCookiesPlugin } from "./tanstack-start-cookies";

/**
 * Writes the cookies an `auth.api.*` call sets with TanStack Start's (Solid) `setCookie`, so they
 * reach the browser from a server function. Outside a TanStack Start request it does nothing.
 * @example
 * betterAuth({ ...options, plugins: [tanstackStartCookies()] });
 */
export function tanstackStartCookies() {
	return tanstackCookiesPlugin(
		"tanstack-start-cookies-solid",
		() => import("@tanstack/solid-start/server"),
	) satisfies BetterAuthPlugin;
}
