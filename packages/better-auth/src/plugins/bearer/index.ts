/**
 * `bearer`: `Authorization: Bearer <session token>` works wherever the session cookie does, and
 * every response that issues a session cookie also carries its value in `set-auth-token` (exposed
 * to browsers through `Access-Control-Expose-Headers`). For clients that cannot keep cookies:
 * mobile apps, CLIs, other servers. No endpoints, no tables.
 *
 * @example
 * betterAuth({ plugins: [bearer()] })
 * // later: fetch("/api/auth/get-session", { headers: { Authorization: `Bearer ${token}` } })
 */
import type { AuthContext, BetterAuthPlugin } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import type { FullAuthContext } from "../../context/full-context";
import { fullContext } from "../../context/full-context";
import { signValue, verifySignedValue } from "../../crypto/hmac";
import { parseSetCookies } from "../../integrations/set-cookie";

export interface BearerOptions {
	/**
	 * Accept only signed tokens (`token.signature`, the value of `set-auth-token`). When false, a raw
	 * session token (the `token` field of sign-in answers) is accepted too and signed here.
	 * @default false
	 */
	requireSignature?: boolean;
}

const SET_AUTH_TOKEN = "set-auth-token";
const BEARER = /^bearer\s+(.+)$/i;

/**
 * The request's Cookie header with the session cookie taken from its bearer token, or null when
 * there is no usable bearer token (the request is then left as it came, cookies included).
 */
async function cookieFromBearer(
	headers: Headers,
	context: FullAuthContext,
	options: BearerOptions,
): Promise<string | null> {
	const match = BEARER.exec(headers.get("authorization") ?? "");
	if (!match) return null;
	let token = match[1].trim();
	if (token.includes("%")) {
		try {
			token = decodeURIComponent(token);
		} catch {
			return null;
		}
	}
	let signed: string;
	if (token.includes(".")) {
		// A signed token is checked here: one with a bad signature never reaches the session lookup.
		if (!(await verifySignedValue(token, context.secret))) return null;
		signed = token;
	} else {
		if (options.requireSignature) return null;
		signed = await signValue(token, context.secret);
	}
	const name = context.authCookies.sessionToken.name;
	// The bearer token replaces any session cookie the request also carries; other cookies stay.
	const others = (headers.get("cookie") ?? "")
		.split(";")
		.map((part) => part.trim())
		.filter((part) => part && part.slice(0, part.indexOf("=")).trim() !== name);
	return [...others, `${name}=${encodeURIComponent(signed)}`].join("; ");
}

function withCookie(headers: Headers, cookie: string): Headers {
	const next = new Headers(headers);
	next.set("cookie", cookie);
	return next;
}

export function bearer(options: BearerOptions = {}) {
	return {
		id: "bearer" as const,
		// HTTP requests get the cookie before anything runs (rate limiter, plugin middlewares, every
		// hook), whatever the plugin order; the before hook does the same for `auth.api` calls.
		onRequest: async (request: Request, context: AuthContext) => {
			const cookie = await cookieFromBearer(request.headers, fullContext({ context }), options);
			if (!cookie) return;
			return { request: new Request(request, { headers: withCookie(request.headers, cookie) }) };
		},
		hooks: {
			before: [
				{
					matcher: (ctx) => Boolean(ctx.headers?.has("authorization")),
					handler: createAuthMiddleware(async (ctx) => {
						if (!ctx.headers) return;
						const cookie = await cookieFromBearer(ctx.headers, fullContext(ctx), options);
						if (!cookie) return;
						return { context: { headers: withCookie(ctx.headers, cookie) } };
					}),
				},
			],
			after: [
				{
					matcher: () => true,
					handler: createAuthMiddleware(async (ctx) => {
						const name = fullContext(ctx).authCookies.sessionToken.name;
						const issued = parseSetCookies(ctx.context.responseHeaders)
							.filter((cookie) => cookie.name === name)
							.at(-1);
						// Only a live cookie: sign-out and expired sessions clear it with an empty value.
						if (!issued || issued.value === "" || issued.options.maxAge === 0) return;
						ctx.setHeader(SET_AUTH_TOKEN, issued.value);
						const exposed = (ctx.context.responseHeaders?.get("access-control-expose-headers") ?? "")
							.split(",")
							.map((header) => header.trim())
							.filter(Boolean);
						if (!exposed.some((header) => header.toLowerCase() === SET_AUTH_TOKEN)) exposed.push(SET_AUTH_TOKEN);
						ctx.setHeader("access-control-expose-headers", exposed.join(", "));
					}),
				},
			],
		},
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
