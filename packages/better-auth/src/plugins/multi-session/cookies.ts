/**
 * The device's sessions live in cookies, one per session: `<session cookie name>_multi-<token in
 * lowercase>`, holding the signed token exactly as the session cookie does.
 */
import type { Session, User } from "@better-auth/core";
import type { FullAuthContext } from "../../context/full-context";
import { parseCookies } from "../../cookies";
import { signValue, verifySignedValue } from "../../crypto/hmac";

/** One `_multi-` cookie of the request; `token` is null when its signature does not verify. */
export interface DeviceCookie {
	name: string;
	token: string | null;
}

interface CookieCtx {
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

function prefix(context: FullAuthContext): string {
	return `${context.authCookies.sessionToken.name}_multi-`;
}

export function deviceCookieName(context: FullAuthContext, token: string): string {
	return `${prefix(context)}${token.toLowerCase()}`;
}

/** The request's `_multi-` cookies, in the order the browser sent them. */
export async function readDeviceCookies(ctx: CookieCtx, context: FullAuthContext): Promise<DeviceCookie[]> {
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const start = prefix(context);
	const found: DeviceCookie[] = [];
	for (const [name, value] of parseCookies(header)) {
		if (!name.startsWith(start)) continue;
		found.push({ name, token: await verifySignedValue(value, context.secret) });
	}
	return found;
}

/** The session behind a token, or null when it is gone or expired. */
export async function liveSession(
	context: FullAuthContext,
	token: string,
): Promise<{ session: Session; user: User } | null> {
	const found = await context.internalAdapter.findSession(token);
	if (!found || found.session.expiresAt.getTime() <= Date.now()) return null;
	return found;
}

/** Adds a session to the device's list; same lifetime and attributes as the session cookie. */
export async function setDeviceCookie(ctx: CookieCtx, context: FullAuthContext, token: string) {
	ctx.setCookie(
		deviceCookieName(context, token),
		await signValue(token, context.secret),
		context.authCookies.sessionToken.attributes as Record<string, unknown>,
	);
}

/** The Set-Cookie attributes that remove one of these cookies. */
export function expiredAttributes(context: FullAuthContext): Record<string, unknown> {
	return { ...context.authCookies.sessionToken.attributes, maxAge: 0 };
}
