/**
 * TanStack Start (React) integration: mount `auth.handler` on a server route
 * (`routes/api/auth/$.ts`) and add `tanstackStartCookies()` so `auth.api.*` calls in server
 * functions set their cookies through `@tanstack/react-start/server`.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { tanstackCookiesPlugin } from "./tanstack-start-cookies";

/**
 * Writes the cookies an `auth.api.*` call sets (sign-in, sign-up, sign-out...) with TanStack
 * Start's `setCookie`, so they reach the browser from a server function. Outside a TanStack
 * Start request it does nothing. Put it last in `plugins`.
 * @example
 * betterAuth({ ...options, plugins: [tanstackStartCookies()] });
 */
export function tanstackStartCookies() {
	return tanstackCookiesPlugin(
		"tanstack-start-cookies",
		() => import("@tanstack/react-start/server"),
	) satisfies BetterAuthPlugin;
}
