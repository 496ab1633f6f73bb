/**
 * Cross-site request protection, as Better Auth does it: a state-changing request that carries
 * cookies must come from a trusted Origin (or Referer); callback URLs must be relative or trusted.
 * Calls through `auth.api` without a request are server-side and skip the Origin part.
 */
import type { AuthContext } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { isSafeRedirect, isTrustedOrigin } from "../../utils/url";

type Target = (ctx: { body?: unknown; query?: unknown }) => Array<{ url: unknown; label: string }>;

const CALLBACK_FIELDS: Array<[string, string]> = [
	["callbackURL", "callbackURL"],
	["redirectTo", "redirectURL"],
	["errorCallbackURL", "errorCallbackURL"],
	["newUserCallbackURL", "newUserCallbackURL"],
];

/** The callback URLs of a body or query, by their usual names. */
export const callbackTargets: Target = (ctx) => {
	const sources = [ctx.body, ctx.query].filter(
		(source): source is Record<string, unknown> => !!source && typeof source === "object",
	);
	const targets: Array<{ url: unknown; label: string }> = [];
	for (const source of sources) {
		for (const [field, label] of CALLBACK_FIELDS) {
			if (source[field] !== undefined) targets.push({ url: source[field], label });
		}
	}
	return targets;
};

/**
 * The Origin / CSRF part of `originCheck`, for a state-changing request: a request with cookies
 * needs a trusted Origin (or Referer); any Origin given must be trusted.
 */
export function assertRequestOrigin(ctx: { context: AuthContext; request?: Request }) {
	const context = ctx.context;
	const options = context.options;
	const request = ctx.request;
	if (
		request &&
		request.method !== "GET" &&
		!options.advanced?.disableCSRFCheck &&
		!options.advanced?.disableOriginCheck
	) {
		const headers = request.headers;
		const origin = headers.get("origin") ?? headers.get("referer");
		if (headers.get("cookie")) {
			// A browser sends cookies cross-site; only a trusted Origin proves the page is ours.
			if (!origin || origin === "null") {
				throw new APIError("FORBIDDEN", { message: "Missing or null Origin", code: "MISSING_OR_NULL_ORIGIN" });
			}
		} else if (headers.get("sec-fetch-site") === "cross-site" && headers.get("sec-fetch-mode") === "navigate") {
			throw new APIError("FORBIDDEN", {
				message: "Cross-site navigation login blocked. This request appears to be a CSRF attack.",
				code: "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED",
			});
		}
		if (origin && origin !== "null" && !isTrustedOrigin(origin, context.trustedOrigins)) {
			context.logger.error(`Invalid origin: ${origin}`);
			throw new APIError("FORBIDDEN", { message: "Invalid origin", code: "INVALID_ORIGIN" });
		}
	}
}

export function originCheck(targets: Target = callbackTargets) {
	return createAuthMiddleware(async (ctx) => {
		assertRequestOrigin(ctx as never);
		const context = ctx.context;
		const options = context.options;
		if (options.advanced?.disableOriginCheck) return;
		for (const { url, label } of targets(ctx)) {
			if (url === undefined || url === null || url === "") continue;
			if (typeof url !== "string" || !isSafeRedirect(url, context.trustedOrigins)) {
				context.logger.error(`Invalid ${label}: ${String(url)}`);
				const code = `INVALID_${label
					.replace(/URL$/, "")
					.replace(/([a-z])([A-Z])/g, "$1_$2")
					.toUpperCase()}_URL`;
				throw new APIError("FORBIDDEN", { message: `Invalid ${label}`, code });
			}
		}
	});
}
