/** Which deployment is this, which is production, and the proxy's paths. */
import type { FullAuthContext } from "../../context/full-context";
import type { OAuthProxyOptions } from "./types";

function originOf(url: string | undefined): string | null {
	if (!url) return null;
	try {
		return new URL(url.includes("://") ? url : `https://${url}`).origin;
	} catch {
		return null;
	}
}

/** The hosting provider's idea of this deployment's URL, if any. */
function vendorURL(): string | undefined {
	const env = typeof process === "undefined" ? {} : process.env;
	return env.VERCEL_URL ?? env.NETLIFY_URL ?? env.RENDER_URL ?? env.RENDER_EXTERNAL_URL;
}

export function currentOrigin(context: FullAuthContext, options: OAuthProxyOptions, request?: Request): string {
	return (
		originOf(options.currentURL) ??
		originOf(request?.url) ??
		originOf(vendorURL()) ??
		(originOf(context.baseURL) as string)
	);
}

export function productionOrigin(options: OAuthProxyOptions): string | null {
	const env = typeof process === "undefined" ? {} : process.env;
	return originOf(options.productionURL ?? env.BETTER_AUTH_URL);
}

/** The auth base path (`/api/auth`), from the configured base URL. */
export function basePath(context: FullAuthContext): string {
	return new URL(context.baseURL).pathname.replace(/\/$/, "");
}

/** Where production sends the browser back to this deployment. */
export function completionURL(origin: string, context: FullAuthContext, providerId: string, callbackURL: string) {
	return `${origin}${basePath(context)}/callback/${encodeURIComponent(providerId)}/oauth-proxy?callbackURL=${encodeURIComponent(callbackURL)}`;
}
