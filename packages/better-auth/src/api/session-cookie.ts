/**
 * Issuing, reading and clearing the session cookies (`session_token`, `dont_remember`,
 * `session_data`) in Better Auth's signed format.
 */
import type { Session, User } from "@better-auth/core";
import { fullContext } from "../context/full-context";
import { parseCookies } from "../cookies";
import { signValue, verifySignedValue } from "../crypto/hmac";
import { setCookieCache } from "./cookie-cache";

interface CookieCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

export async function setSessionCookie(
	ctx: CookieCtx,
	session: { session: Session; user: User },
	dontRememberMe = false,
) {
	const context = fullContext(ctx);
	const { sessionToken, dontRememberToken } = context.authCookies;
	const { maxAge, ...browserSession } = sessionToken.attributes;
	ctx.setCookie(
		sessionToken.name,
		await signValue(session.session.token, context.secret),
		(dontRememberMe ? browserSession : { ...browserSession, maxAge }) as Record<string, unknown>,
	);
	if (dontRememberMe) {
		ctx.setCookie(
			dontRememberToken.name,
			await signValue("true", context.secret),
			dontRememberToken.attributes as Record<string, unknown>,
		);
	}
	await setCookieCache(ctx, session);
}

export function deleteSessionCookie(ctx: CookieCtx) {
	const { sessionToken, sessionData, dontRememberToken } = fullContext(ctx).authCookies;
	for (const cookie of [sessionToken, sessionData, dontRememberToken]) {
		ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
	}
}

/** Whether the request carries the `dont_remember` cookie (a "remember me: off" session). */
export function isDontRemember(ctx: { context: unknown; headers?: Headers; request?: Request }): boolean {
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	return parseCookies(header).has(fullContext(ctx).authCookies.dontRememberToken.name);
}

/** The verified session token from the request's cookie, or null. */
export async function readSessionToken(ctx: CookieCtx): Promise<{ token: string | null; present: boolean }> {
	const context = fullContext(ctx);
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const raw = parseCookies(header).get(context.authCookies.sessionToken.name);
	if (!raw) return { token: null, present: false };
	return { token: await verifySignedValue(raw, context.secret), present: true };
}

/** Client IP (from the configured headers) and user agent, for new sessions. */
export function requestMeta(ctx: { headers?: Headers; request?: Request; context: unknown }) {
	const headers = ctx.headers ?? ctx.request?.headers;
	const options = fullContext(ctx).options.advanced?.ipAddress;
	if (!headers) return { ipAddress: "", userAgent: "" };
	let ipAddress = "";
	if (!options?.disableIpTracking) {
		for (const name of options?.ipAddressHeaders ?? ["x-forwarded-for"]) {
			const value = headers.get(name);
			if (value) {
				ipAddress = value.split(",")[0].trim();
				break;
			}
		}
	}
	return { ipAddress, userAgent: headers.get("user-agent") ?? "" };
}
