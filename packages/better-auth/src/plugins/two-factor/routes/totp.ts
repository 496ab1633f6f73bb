/** `POST /two-factor/get-totp-uri`, `POST /two-factor/verify-totp`, server-only `generateTOTP`. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { userOutput } from "../../../api/routes/shared";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { symmetricDecrypt } from "../../../crypto/symmetric";
import { assertNotLocked, completeChallenge, countAttempt, resolveChallenge } from "../challenge";
import type { TwoFactorConfig } from "../config";
import { TWO_FACTOR_ERROR_CODES } from "../error-codes";
import { assertPassword, rotateSession, setTwoFactorEnabled } from "../session";
import { clearFailures, findTwoFactor, recordFailure, updateTwoFactor } from "../store";
import { generateTOTP, totpURI, verifyTOTP } from "../totp";
import type { TwoFactorRow } from "../types";
import { issuerOf } from "./enable";

const passwordBody = z.object({ password: z.string() });
const verifyBody = z.object({ code: z.string(), trustDevice: z.boolean().optional() });
const generateBody = z.object({ secret: z.string() });

/** better-auth 1.7 words this one differently from the registered message; same code. */
const totpNotConfigured = () =>
	new APIError("BAD_REQUEST", {
		code: TWO_FACTOR_ERROR_CODES.TOTP_NOT_CONFIGURED.code,
		message: "totp isn't configured",
	});

async function secretOf(context: FullAuthContext, row: TwoFactorRow) {
	return symmetricDecrypt({ key: context.secret, data: row.secret });
}

export function getTOTPURI(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/get-totp-uri",
		{
			method: "POST",
			body: passwordBody,
			use: [originCheck(), sessionMiddleware],
			metadata: { openapi: { description: "The otpauth:// URI of the user's TOTP secret, for a QR code" } },
		},
		async (ctx) => {
			if (config.totp.disabled) throw totpNotConfigured();
			const context = fullContext(ctx);
			const { user } = currentSession(ctx);
			const row = await findTwoFactor(context, user.id);
			if (!row) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_ENABLED);
			await assertPassword(context, user.id, ctx.body.password);
			const issuer = issuerOf(config, context.options.appName);
			return ctx.json({ totpURI: totpURI(await secretOf(context, row), issuer, user.email, config.totp) });
		},
	);
}

export function verifyTOTPEndpoint(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/verify-totp",
		{
			method: "POST",
			body: verifyBody,
			use: [originCheck()],
			metadata: { openapi: { description: "Verify a TOTP code: completes a sign-in, or confirms a new secret" } },
		},
		async (ctx) => {
			if (config.totp.disabled) throw totpNotConfigured();
			const context = fullContext(ctx);
			const challenge = await resolveChallenge(ctx, context, config);
			const row = await findTwoFactor(context, challenge.user.id);
			// An unconfirmed secret can only be confirmed by its signed-in owner, not used to sign in.
			if (!row || (challenge.mode === "sign-in" && row.verified === false)) {
				throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_ENABLED);
			}
			assertNotLocked(challenge, row);
			await countAttempt(context, config, challenge);
			if (!verifyTOTP(await secretOf(context, row), ctx.body.code, config.totp)) {
				if (challenge.mode === "sign-in") await recordFailure(context, row);
				throw new APIError("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_CODE);
			}
			if (challenge.mode === "sign-in") {
				await clearFailures(context, row);
				return ctx.json(
					await completeChallenge(ctx, context, config, challenge, { trustDevice: ctx.body.trustDevice }),
				);
			}
			// Signed in: this confirms the secret, and turns 2FA on if it was off.
			if (row.verified === false) await updateTwoFactor(context, row.id, { verified: true });
			let { user, session } = challenge;
			if (!(user as User & { twoFactorEnabled?: boolean }).twoFactorEnabled) {
				user = await setTwoFactorEnabled(context, user, true);
				session = await rotateSession(ctx, context, user, session);
			}
			return ctx.json({ token: session.token as string | undefined, user: userOutput(context, user) });
		},
	);
}

export function generateTOTPEndpoint(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/totp/generate",
		{ method: "POST", body: generateBody, metadata: { SERVER_ONLY: true as const } },
		async (ctx) => {
			if (config.totp.disabled) throw totpNotConfigured();
			return ctx.json({ code: generateTOTP(ctx.body.secret, config.totp) });
		},
	);
}
