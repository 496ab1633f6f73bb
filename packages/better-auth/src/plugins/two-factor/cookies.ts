/**
 * The plugin's cookies, named and dressed like every other auth cookie (prefix, `__Secure-`,
 * `advanced.cookies` overrides): `two_factor` holds a pending sign-in, `trust_device` a trusted
 * browser. Both are signed with the auth secret.
 */
import { serializeCookie } from "better-call";
import type { FullAuthContext } from "../../context/full-context";
import { type AuthCookie, createCookieGetter, parseCookies } from "../../cookies";
import { signValue, verifySignedValue } from "../../crypto/hmac";

export interface CookieCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

export function twoFactorCookie(context: FullAuthContext, maxAge: number): AuthCookie {
	return createCookieGetter(context.options)("two_factor", { maxAge });
}

export function trustDeviceCookie(context: FullAuthContext, maxAge: number): AuthCookie {
	return createCookieGetter(context.options)("trust_device", { maxAge });
}

/** The verified value of a signed cookie of the request, or null (absent or forged). */
export async function readSignedCookie(ctx: CookieCtx, context: FullAuthContext, name: string) {
	const header = ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie");
	const raw = parseCookies(header).get(name);
	return raw ? verifySignedValue(raw, context.secret) : null;
}

export async function setSignedCookie(ctx: CookieCtx, context: FullAuthContext, cookie: AuthCookie, value: string) {
	ctx.setCookie(cookie.name, await signValue(value, context.secret), cookie.attributes as Record<string, unknown>);
}

export function clearCookie(ctx: CookieCtx, cookie: AuthCookie) {
	ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
}

/** Headers that clear `cookie`, for an error answer (headers set on ctx are lost when it throws). */
export function clearingHeaders(cookie: AuthCookie): Headers {
	const headers = new Headers();
	headers.append("set-cookie", serializeCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as never));
	return headers;
}

/** Whether the request carries the signed `dont_remember` cookie of a "remember me: off" sign-in. */
export async function dontRemember(ctx: CookieCtx, context: FullAuthContext): Promise<boolean> {
	return (await readSignedCookie(ctx, context, context.authCookies.dontRememberToken.name)) === "true";
}
