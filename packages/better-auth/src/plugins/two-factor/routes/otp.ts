/** `POST /two-factor/send-otp` and `POST /two-factor/verify-otp`. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { assertNotLocked, type Challenge, completeChallenge, resolveChallenge, signInOTPKey } from "../challenge";
import type { TwoFactorConfig } from "../config";
import { TWO_FACTOR_ERROR_CODES } from "../error-codes";
import { generateOTP, matchesOTP, parseOTPValue, storeOTP } from "../otp";
import { rotateSession, setTwoFactorEnabled } from "../session";
import { clearFailures, findTwoFactor, recordFailure } from "../store";

const sendBody = z.object({ trustDevice: z.boolean().optional() }).optional();
const verifyBody = z.object({ code: z.string(), trustDevice: z.boolean().optional() });

/** better-auth 1.7 words this one differently from the registered message; same code. */
const otpNotConfigured = () =>
	new APIError("BAD_REQUEST", {
		code: TWO_FACTOR_ERROR_CODES.OTP_NOT_CONFIGURED.code,
		message: "otp isn't configured",
	});

/** The verification row of the current code: per sign-in, or per session when signed in. */
const otpKey = (challenge: Challenge) =>
	challenge.mode === "sign-in"
		? signInOTPKey(challenge.identifier)
		: `2fa-otp-${challenge.user.id}!${challenge.session.id}`;

export function sendTwoFactorOTP(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/send-otp",
		{
			method: "POST",
			body: sendBody,
			use: [originCheck()],
			metadata: { openapi: { description: "Send a one-time code through the configured `sendOTP`" } },
		},
		async (ctx) => {
			const { sendOTP } = config.otp;
			if (!sendOTP) throw otpNotConfigured();
			const context = fullContext(ctx);
			const challenge = await resolveChallenge(ctx, context, config);
			const otp = generateOTP(config.otp.digits);
			await context.internalAdapter.createVerificationValue({
				identifier: otpKey(challenge),
				value: `${await storeOTP(otp, config.otp.storage, context.secret)}:0`,
				expiresAt: new Date(Date.now() + config.otp.period * 1000),
			});
			await sendOTP({ user: challenge.user, otp }, ctx);
			return ctx.json({ status: true });
		},
	);
}

/**
 * Checks `code` against the latest code sent. A wrong code is written back with one more attempt;
 * the row is taken first, so parallel guesses cannot share an attempt.
 */
async function checkOTP(context: FullAuthContext, config: TwoFactorConfig, key: string, code: string) {
	const latest = await context.internalAdapter.findVerificationValue(key);
	if (!latest) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.OTP_HAS_EXPIRED);
	const taken = await context.internalAdapter.consumeVerificationValue(key);
	if (latest.expiresAt.getTime() <= Date.now()) {
		throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.OTP_HAS_EXPIRED);
	}
	if (!taken) throw new APIError("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_CODE);
	const { stored, attempts } = parseOTPValue(taken.value);
	if (attempts >= config.otp.allowedAttempts) {
		throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE);
	}
	if (await matchesOTP(code, stored, config.otp.storage, context.secret)) return true;
	await context.internalAdapter.createVerificationValue({
		identifier: key,
		value: `${stored}:${attempts + 1}`,
		expiresAt: taken.expiresAt,
	});
	return false;
}

export function verifyTwoFactorOTP(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/verify-otp",
		{
			method: "POST",
			body: verifyBody,
			use: [originCheck()],
			metadata: { openapi: { description: "Verify a one-time code: completes a sign-in, or turns OTP 2FA on" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const challenge = await resolveChallenge(ctx, context, config);
			const row = challenge.mode === "sign-in" ? await findTwoFactor(context, challenge.user.id) : null;
			assertNotLocked(challenge, row);
			if (!(await checkOTP(context, config, otpKey(challenge), ctx.body.code))) {
				await recordFailure(context, row);
				throw new APIError("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_CODE);
			}
			if (challenge.mode === "sign-in") {
				await clearFailures(context, row);
				return ctx.json(
					await completeChallenge(ctx, context, config, challenge, { trustDevice: ctx.body.trustDevice }),
				);
			}
			// Signed in: a right code turns OTP 2FA on if it was off.
			let { user, session } = challenge;
			if (!(user as User & { twoFactorEnabled?: boolean }).twoFactorEnabled) {
				user = await setTwoFactorEnabled(context, user, true);
				session = await rotateSession(ctx, context, user, session);
			}
			return ctx.json({ token: session.token as string | undefined, user: userOutput(context, user) });
		},
	);
}
