/**
 * `captcha`: requests to the protected endpoints (default: email sign-up, email sign-in and
 * password-reset requests) must carry a captcha token in `x-captcha-response`, which is checked
 * with the provider (Cloudflare Turnstile, Google reCAPTCHA v2/v3, hCaptcha, CaptchaFox) before
 * anything else runs. Only HTTP requests are checked; `auth.api` calls from your server are not.
 *
 * @example
 * betterAuth({ plugins: [captcha({ provider: "cloudflare-turnstile", secretKey: process.env.TURNSTILE_SECRET_KEY! })] })
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError, type ErrorCode } from "@better-auth/core/error";
import { requestMeta } from "../../api/session-cookie";
import { CAPTCHA_ERROR_CODES } from "./error-codes";
import { PROVIDERS, verifyToken } from "./providers";
import type { CaptchaOptions } from "./types";

export { CAPTCHA_ERROR_CODES } from "./error-codes";
export type { CaptchaOptions, CaptchaProvider } from "./types";

const DEFAULT_ENDPOINTS = ["/sign-up/email", "/sign-in/email", "/request-password-reset"];

function errorResponse(status: number, error: ErrorCode): Response {
	return new Response(JSON.stringify({ message: error.message, code: error.code }), {
		status,
		headers: { "content-type": "application/json" },
	});
}

/** Exact paths, or patterns where `*` matches any run of characters. */
function pathMatcher(patterns: string[]): (path: string) => boolean {
	const tests = patterns.map((pattern) => {
		if (!pattern.includes("*")) return (path: string) => path === pattern;
		const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*+/g, ".*");
		const regex = new RegExp(`^${source}$`);
		return (path: string) => regex.test(path);
	});
	return (path) => tests.some((test) => test(path));
}

/** The request's path below the auth base path (no trailing slash), or null outside it. */
function authPath(request: Request, context: AuthContext): string | null {
	const pathname = new URL(request.url).pathname;
	const basePath = context.basePath === "/" ? "" : context.basePath;
	if (!pathname.startsWith(`${basePath}/`)) return null;
	return pathname.slice(basePath.length).replace(/(.)\/+$/, "$1");
}

export function captcha(options: CaptchaOptions) {
	if (!PROVIDERS[options.provider]) {
		throw new BetterAuthError(
			`captcha: unknown provider "${options.provider}". Use one of: ${Object.keys(PROVIDERS).join(", ")}.`,
		);
	}
	if (!options.secretKey) throw new BetterAuthError("captcha: `secretKey` is required.");
	const isProtected = pathMatcher(options.endpoints ?? DEFAULT_ENDPOINTS);

	return {
		id: "captcha" as const,
		onRequest: async (request: Request, context: AuthContext) => {
			// A CORS preflight cannot carry the token; the request it precedes will.
			if (request.method === "OPTIONS") return;
			const path = authPath(request, context);
			if (path === null || !isProtected(path)) return;
			const token = request.headers.get("x-captcha-response");
			if (!token) return { response: errorResponse(400, CAPTCHA_ERROR_CODES.MISSING_RESPONSE) };
			const { ipAddress } = requestMeta({ headers: request.headers, context });
			const outcome = await verifyToken(options, token, ipAddress || undefined, (message, cause) =>
				context.logger.error(message, { path, cause }),
			);
			if (outcome === "unavailable") return { response: errorResponse(500, CAPTCHA_ERROR_CODES.UNKNOWN_ERROR) };
			if (outcome === "rejected") return { response: errorResponse(403, CAPTCHA_ERROR_CODES.VERIFICATION_FAILED) };
		},
		$ERROR_CODES: CAPTCHA_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
