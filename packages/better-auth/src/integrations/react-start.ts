/**
 * `better-auth/react-start`: the path the Better Auth docs give for the TanStack Start cookie
 * plugin. `reactStartCookies()` is `tanstackStartCookies()` from `better-auth/tanstack-start`.
 */
export { tanstackStartCookies as reactStartCookies, tanstackStartCookies } from "./tanstack-start";
