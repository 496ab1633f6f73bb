/**
 * `lastLoginMethod`: remembers how a user last signed in ("email", or the OAuth provider's id) in
 * a cookie the page can read (`better-auth.last_used_login_method`, 30 days, not HttpOnly), and
 * optionally in `user.lastLoginMethod`. No endpoints.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { fullContext } from "../../context/full-context";
import { parseSetCookies } from "../../integrations/set-cookie";

export interface LastLoginMethodOptions {
	/** @default "better-auth.last_used_login_method" */
	cookieName?: string;
	/** Seconds. @default 2592000 (30 days) */
	maxAge?: number;
	/** Also keep it in `user.lastLoginMethod`. @default false */
	storeInDatabase?: boolean;
	/** Your own name for the method of a request; null falls back to the default resolution. */
	customResolveMethod?: (ctx: { path: string; params?: Record<string, string> }) => string | null;
	/** The column name of `user.lastLoginMethod`. */
	schema?: { user?: { lastLoginMethod?: string } };
}

/** "email" for the email sign-in and sign-up, the provider id for OAuth callbacks, else null. */
function defaultMethod(path: string, params?: Record<string, string>): string | null {
	if (path === "/sign-in/email" || path === "/sign-up/email") return "email";
	if (path === "/callback/:id") return params?.id ?? null;
	if (path === "/oauth2/callback/:providerId") return params?.providerId ?? null;
	const match = /^\/sign-in\/([a-z0-9-]+)$/.exec(path);
	return match && match[1] !== "social" ? match[1] : null;
}

export function lastLoginMethod(options: LastLoginMethodOptions = {}) {
	const cookieName = options.cookieName ?? "better-auth.last_used_login_method";
	const maxAge = options.maxAge ?? 60 * 60 * 24 * 30;
	const resolve = (ctx: { path: string; params?: Record<string, string> }) =>
		options.customResolveMethod?.(ctx) ?? defaultMethod(ctx.path, ctx.params);

	return {
		id: "last-login-method" as const,
		hooks: {
			after: [
				{
					matcher: () => true,
					handler: createAuthMiddleware(async (ctx) => {
						const context = fullContext(ctx);
						const sessionCookie = context.authCookies.sessionToken;
						// Only when this call signed someone in (a non-empty session cookie was set).
						const issued = parseSetCookies(ctx.context.responseHeaders).find(
							(cookie) => cookie.name === sessionCookie.name && cookie.value !== "",
						);
						if (!issued) return;
						const method = resolve({ path: ctx.path, params: ctx.params as Record<string, string> | undefined });
						if (!method) return;
						const { httpOnly: _httpOnly, maxAge: _maxAge, ...attributes } = sessionCookie.attributes;
						ctx.setCookie(cookieName, method, { ...attributes, httpOnly: false, maxAge } as Record<string, unknown>);
						if (options.storeInDatabase) {
							// The cookie is `token.signature`; the session names the user who just signed in.
							const token = decodeURIComponent(issued.value).split(".")[0];
							const found = await context.internalAdapter.findSession(token);
							if (found) await context.internalAdapter.updateUser(found.user.id, { lastLoginMethod: method });
						}
					}),
				},
			],
		},
		...(options.storeInDatabase
			? {
					schema: {
						user: {
							fields: {
								lastLoginMethod: {
									type: "string" as const,
									required: false,
									input: false,
									fieldName: options.schema?.user?.lastLoginMethod ?? "lastLoginMethod",
								},
							},
						},
					},
				}
			: {}),
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
