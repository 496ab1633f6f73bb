/**
 * WebAuthn challenges. Each ceremony's challenge is stored as a verification value under a random
 * key; the key travels in a signed cookie, so only the browser that asked for the options can
 * finish the ceremony. A challenge is taken (deleted) by the first verify attempt, success or
 * not, and expires after five minutes.
 */

import type { FullAuthContext } from "../../context/full-context";
import type { AuthCookie } from "../../cookies";
import { createCookieGetter, parseCookies } from "../../cookies";
import { signValue, verifySignedValue } from "../../crypto/hmac";
import { generateRandomString } from "../../crypto/random";
import type { PasskeyConfig } from "./config";

/** What a challenge row holds: the challenge and the user the ceremony is for ("" = anyone). */
export interface StoredChallenge {
	expectedChallenge: string;
	userData: { id: string };
}

interface CookieCtx {
	context: unknown;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
}

function challengeCookie(config: PasskeyConfig, context: FullAuthContext): AuthCookie {
	return createCookieGetter(context.options)(config.challengeCookie, { maxAge: config.challengeMaxAge });
}

/** Stores `value` and sets the cookie that points at it. */
export async function saveChallenge(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: PasskeyConfig,
	value: StoredChallenge,
) {
	const key = generateRandomString(32, "a-z", "0-9");
	await context.internalAdapter.createVerificationValue({
		identifier: key,
		value: JSON.stringify(value),
		expiresAt: new Date(Date.now() + config.challengeMaxAge * 1000),
	});
	const cookie = challengeCookie(config, context);
	ctx.setCookie(cookie.name, await signValue(key, context.secret), cookie.attributes as Record<string, unknown>);
}

/** Takes the challenge the request's cookie points at (once), or null: no cookie, forged, used or expired. */
export async function takeChallenge(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: PasskeyConfig,
): Promise<StoredChallenge | null> {
	const cookie = challengeCookie(config, context);
	const raw = parseCookies(ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie")).get(cookie.name);
	const key = raw ? await verifySignedValue(raw, context.secret) : null;
	if (!key) return null;
	const row = await context.internalAdapter.consumeVerificationValue(key);
	if (!row) return null;
	// The cookie has done its job; clear it with the answer.
	ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
	try {
		const parsed = JSON.parse(row.value) as Partial<StoredChallenge>;
		if (typeof parsed.expectedChallenge !== "string") return null;
		return { expectedChallenge: parsed.expectedChallenge, userData: { id: String(parsed.userData?.id ?? "") } };
	} catch {
		return null;
	}
}
