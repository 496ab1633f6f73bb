/** `POST /two-factor/enable` and `POST /two-factor/disable`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import { symmetricEncrypt } from "../../../crypto/symmetric";
import { encodeBackupCodes, generateBackupCodes } from "../backup-codes";
import type { TwoFactorConfig } from "../config";
import { TWO_FACTOR_ERROR_CODES } from "../error-codes";
import { assertPassword, rotateSession, setTwoFactorEnabled } from "../session";
import { deleteTwoFactor, findTwoFactor, replaceTwoFactor } from "../store";
import { generateTOTPSecret, totpURI } from "../totp";
import { forgetTrustedDevices } from "../trust-device";

const enableBody = z.object({
	password: z.string(),
	issuer: z.string().optional(),
	method: z.enum(["otp", "totp"]).optional(),
});

const disableBody = z.object({ password: z.string() });

/** The issuer shown in authenticator apps. */
export function issuerOf(config: TwoFactorConfig, appName: string | undefined, override?: string) {
	return override ?? config.issuer ?? appName ?? "Better Auth";
}

export function enableTwoFactor(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/enable",
		{
			method: "POST",
			body: enableBody,
			use: [originCheck(), sessionMiddleware],
			metadata: { openapi: { description: "Enable two factor authentication (TOTP, or OTP with `method: otp`)" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const { session, user } = currentSession(ctx);
			await assertPassword(context, user.id, ctx.body.password);

			if (ctx.body.method === "otp") {
				if (!config.otp.sendOTP) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.OTP_NOT_CONFIGURED);
				// A new session every time, as better-auth 1.7 does (even when OTP was already on).
				await rotateSession(ctx, context, await setTwoFactorEnabled(context, user, true), session);
				return ctx.json({ method: "otp" as const });
			}

			if (config.totp.disabled) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_CONFIGURED);
			const existing = await findTwoFactor(context, user.id);
			// `verified` is null on rows enrolled before the column existed: those were confirmed.
			if (existing && existing.verified !== false) {
				throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_ALREADY_ENABLED);
			}
			const secret = generateTOTPSecret();
			const backupCodes = generateBackupCodes(config.backupCodes);
			await replaceTwoFactor(context, {
				userId: user.id,
				secret: await symmetricEncrypt({ key: context.secret, data: secret }),
				backupCodes: await encodeBackupCodes(backupCodes, config.backupCodes.storage, context.secret),
				verified: config.skipVerificationOnEnable,
			});
			if (config.skipVerificationOnEnable) {
				await rotateSession(ctx, context, await setTwoFactorEnabled(context, user, true), session);
			}
			const issuer = issuerOf(config, context.options.appName, ctx.body.issuer);
			return ctx.json({
				method: "totp" as const,
				totpURI: totpURI(secret, issuer, user.email, config.totp),
				backupCodes,
			});
		},
	);
}

export function disableTwoFactor(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/disable",
		{
			method: "POST",
			body: disableBody,
			use: [originCheck(), sessionMiddleware],
			metadata: { openapi: { description: "Disable two factor authentication" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const { session, user } = currentSession(ctx);
			await assertPassword(context, user.id, ctx.body.password);
			const updated = await setTwoFactorEnabled(context, user, false);
			await deleteTwoFactor(context, user.id);
			await forgetTrustedDevices(ctx, context, config, user.id);
			await rotateSession(ctx, context, updated, session);
			return ctx.json({ status: true });
		},
	);
}
