/**
 * Who a verify endpoint is verifying, and what success and failure do.
 *
 * - Session mode: a signed-in user checks a code (confirming a new TOTP secret, enabling OTP).
 *   No attempt counting, no lock, no new session unless 2FA just got turned on.
 * - Sign-in mode: a sign-in stopped by the after-hook left a signed `two_factor` cookie naming
 *   the verification row `2fa-<id>` → userId, and a row `2fa-attempts-<id>` counting wrong codes.
 *   Success consumes both and issues the session the sign-in held back.
 */
import type { Session, User } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import { getSessionFromCtx } from "../../api/middlewares/session";
import { userOutput } from "../../api/routes/shared";
import type { FullAuthContext } from "../../context/full-context";
import { generateRandomString } from "../../crypto/random";
import { MAX_CHALLENGE_ATTEMPTS, type TwoFactorConfig } from "./config";
import {
	type CookieCtx,
	clearCookie,
	clearingHeaders,
	dontRemember,
	readSignedCookie,
	setSignedCookie,
	twoFactorCookie,
} from "./cookies";
import { TWO_FACTOR_ERROR_CODES } from "./error-codes";
import { issueSession } from "./session";
import { isLocked } from "./store";
import { trustDevice } from "./trust-device";
import type { TwoFactorRow } from "./types";

export type Challenge =
	| { mode: "session"; user: User; session: Session }
	| { mode: "sign-in"; user: User; identifier: string };

const attemptsKey = (identifier: string) => `2fa-attempts-${identifier}`;
/** The verification row of the one-time codes sent during a sign-in. */
export const signInOTPKey = (identifier: string) => `2fa-otp-${identifier}`;

const invalidCookie = () => new APIError("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE);

/** Starts a sign-in challenge for `userId`: the two rows and the signed cookie. */
export async function startChallenge(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: TwoFactorConfig,
	userId: string,
) {
	const identifier = `2fa-${generateRandomString(20, "a-z", "A-Z", "0-9", "-_")}`;
	const expiresAt = new Date(Date.now() + config.challengeMaxAge * 1000);
	await context.internalAdapter.createVerificationValue({ identifier, value: userId, expiresAt });
	await context.internalAdapter.createVerificationValue({ identifier: attemptsKey(identifier), value: "0", expiresAt });
	await setSignedCookie(ctx, context, twoFactorCookie(context, config.challengeMaxAge), identifier);
}

/** The signed-in user, else the user of a live sign-in challenge; 401 when there is neither. */
export async function resolveChallenge(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: TwoFactorConfig,
): Promise<Challenge> {
	const current = await getSessionFromCtx(ctx);
	if (current) return { mode: "session", user: current.user, session: current.session };
	const identifier = await readSignedCookie(ctx, context, twoFactorCookie(context, config.challengeMaxAge).name);
	if (!identifier) throw invalidCookie();
	const [pending, attempts] = await Promise.all([
		context.internalAdapter.findVerificationValue(identifier),
		context.internalAdapter.findVerificationValue(attemptsKey(identifier)),
	]);
	const now = Date.now();
	if (!pending || pending.expiresAt.getTime() <= now || !attempts || attempts.expiresAt.getTime() <= now) {
		throw invalidCookie();
	}
	const user = await context.internalAdapter.findUserById(pending.value);
	if (!user) throw invalidCookie();
	return { mode: "sign-in", user, identifier };
}

/** During a sign-in, a locked account answers 429 whatever the code. */
export function assertNotLocked(challenge: Challenge, row: TwoFactorRow | null) {
	if (challenge.mode === "sign-in" && isLocked(row)) {
		throw new APIError("TOO_MANY_REQUESTS", TWO_FACTOR_ERROR_CODES.ACCOUNT_TEMPORARILY_LOCKED);
	}
}

/**
 * Counts one TOTP or backup-code attempt of a sign-in before the code is checked. The counter row
 * is taken (deleted) and written back one higher, so parallel guesses cannot share a count: a
 * request that finds the row taken is refused. Past the limit the sign-in is over.
 */
export async function countAttempt(context: FullAuthContext, config: TwoFactorConfig, challenge: Challenge) {
	if (challenge.mode !== "sign-in") return;
	const key = attemptsKey(challenge.identifier);
	const row = await context.internalAdapter.consumeVerificationValue(key);
	if (!row) throw invalidCookie();
	const attempts = Number(row.value) || 0;
	if (attempts >= MAX_CHALLENGE_ATTEMPTS) {
		await discardChallenge(context, challenge.identifier);
		throw new APIError(
			"BAD_REQUEST",
			TWO_FACTOR_ERROR_CODES.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE,
			clearingHeaders(twoFactorCookie(context, config.challengeMaxAge)),
		);
	}
	await context.internalAdapter.createVerificationValue({
		identifier: key,
		value: String(attempts + 1),
		expiresAt: row.expiresAt,
	});
}

/** Deletes every row stored under `identifier` (codes sent twice leave two). */
async function discardAll(context: FullAuthContext, identifier: string) {
	for (let i = 0; i < 20 && (await context.internalAdapter.findVerificationValue(identifier)); i++) {
		await context.internalAdapter.consumeVerificationValue(identifier);
	}
}

async function discardChallenge(context: FullAuthContext, identifier: string) {
	await context.internalAdapter.consumeVerificationValue(attemptsKey(identifier));
	await context.internalAdapter.consumeVerificationValue(identifier);
	await discardAll(context, signInOTPKey(identifier));
}

export interface CompleteOptions {
	trustDevice?: boolean;
	/** Verify without signing in (backup codes' `disableSession`). */
	withoutSession?: boolean;
}

/**
 * A right code. During a sign-in: ends the challenge (once: a second success with the same cookie
 * is refused), issues the session, optionally trusts the device. Signed in: answers with the
 * current session. Returns the answer's body.
 */
export async function completeChallenge(
	ctx: CookieCtx,
	context: FullAuthContext,
	config: TwoFactorConfig,
	challenge: Challenge,
	options: CompleteOptions = {},
): Promise<{ token?: string; user: User }> {
	if (challenge.mode === "session") {
		return { token: challenge.session.token, user: userOutput(context, challenge.user) };
	}
	const pending = await context.internalAdapter.consumeVerificationValue(challenge.identifier);
	if (!pending) throw invalidCookie();
	await context.internalAdapter.consumeVerificationValue(attemptsKey(challenge.identifier));
	await discardAll(context, signInOTPKey(challenge.identifier));
	const user = userOutput(context, challenge.user);
	if (options.withoutSession) return { user };
	const browserSession = await dontRemember(ctx, context);
	const session = await issueSession(ctx, context, challenge.user, browserSession);
	clearCookie(ctx, twoFactorCookie(context, config.challengeMaxAge));
	if (options.trustDevice) {
		await trustDevice(ctx, context, config, challenge.user.id);
		// better-auth 1.7 clears `dont_remember` here; a "remember me: off" sign-in keeps it (and its
		// browser-session cookie) instead: trusting the device skips the second factor, not that choice.
		if (!browserSession) clearCookie(ctx, context.authCookies.dontRememberToken);
	}
	return { token: session.token, user };
}
