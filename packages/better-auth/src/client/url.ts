/** Where the client sends requests: the auth server's URL including its base path. */
import { BetterAuthError } from "@better-auth/core/error/codes";

/** The server mounts its handler here unless told otherwise. */
export const DEFAULT_BASE_PATH = "/api/auth";

/**
 * The base URL of every request. An explicit `baseURL` with a path is used as is; a bare origin
 * gets `basePath`. Without `baseURL`: the `BETTER_AUTH_URL` family of environment variables, then
 * the page's origin in a browser, then the relative base path (same-origin requests).
 */
export function resolveBaseURL(baseURL?: string, basePath: string = DEFAULT_BASE_PATH): string {
	const path = normalizePath(basePath);
	const explicit = baseURL || readEnvURL();
	if (explicit) return withBasePath(explicit, path);
	if (typeof window !== "undefined" && window.location?.origin && window.location.origin !== "null") {
		return `${window.location.origin}${path}`;
	}
	return path;
}

function withBasePath(url: string, basePath: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new BetterAuthError(`Invalid baseURL "${url}": pass an absolute URL such as "https://example.com".`);
	}
	const pathname = parsed.pathname.replace(/\/+$/, "");
	return `${parsed.origin}${pathname || basePath}`;
}

function normalizePath(path: string): string {
	const trimmed = path.replace(/\/+$/, "");
	if (!trimmed) return "";
	return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/**
 * Framework-specific public variables first, written out literally so bundlers that inline
 * `process.env.X` (Next.js, Vite define) can replace them; `process` may not exist at all.
 */
function readEnvURL(): string | undefined {
	if (typeof process === "undefined" || !process.env) return undefined;
	return (
		process.env.BETTER_AUTH_URL ||
		process.env.NEXT_PUBLIC_BETTER_AUTH_URL ||
		process.env.PUBLIC_BETTER_AUTH_URL ||
		process.env.NUXT_PUBLIC_BETTER_AUTH_URL ||
		process.env.NUXT_PUBLIC_AUTH_URL ||
		undefined
	);
}
