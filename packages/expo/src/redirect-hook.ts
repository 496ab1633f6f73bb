/**
 * After an OAuth callback that redirects into the app (`myapp://dashboard`), the in-app browser
 * holds the new session cookies and the app does not. The redirect gets `?cookie=<Set-Cookie>`
 * so `expoClient` can store them. Only for trusted custom schemes: an http(s) target is a web
 * page, which gets its cookies the normal way and must never see them in a URL.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";

/** The callback endpoints of core (`/callback/:id`) and generic OAuth (`/oauth2/callback/:providerId`). */
export function isOAuthCallbackPath(path: string): boolean {
	return path.startsWith("/callback") || path.startsWith("/oauth2/callback");
}

function wildcardPattern(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
	return new RegExp(`^${escaped}`, "i");
}

/**
 * Whether `location` targets one of the trusted non-http origins (`myapp://`, `exp://`,
 * `myapp://*`): a prefix match, wildcards allowed.
 */
export function isAppSchemeTarget(location: string, trustedOrigins: string[]): boolean {
	if (/^https?:/i.test(location)) return false;
	return trustedOrigins.some((origin) => {
		if (!origin || /^https?:/i.test(origin) || !origin.includes(":")) return false;
		if (origin.includes("*")) return wildcardPattern(origin).test(location);
		return location.toLowerCase().startsWith(origin.toLowerCase());
	});
}

export const appRedirectHook: AuthHook = {
	matcher: (ctx) => isOAuthCallbackPath(ctx.path),
	handler: createAuthMiddleware(async (ctx) => {
		const headers = ctx.context.responseHeaders;
		const location = headers?.get("location");
		if (!location || !isAppSchemeTarget(location, ctx.context.trustedOrigins)) return;
		const cookie = headers?.get("set-cookie");
		if (!cookie) return;
		let target: URL;
		try {
			target = new URL(location);
		} catch {
			return;
		}
		target.searchParams.set("cookie", cookie);
		ctx.setHeader("location", target.toString());
	}),
};
