/**
 * `POST /two-factor/verify-backup-code`, `POST /two-factor/generate-backup-codes` and the
 * server-only `viewBackupCodes`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { constantTimeEqual } from "../../../crypto/random";
import { decodeBackupCodes, encodeBackupCodes, generateBackupCodes } from "../backup-codes";
import { assertNotLocked, completeChallenge, countAttempt, resolveChallenge } from "../challenge";
import type { TwoFactorConfig } from "../config";
import { TWO_FACTOR_ERROR_CODES } from "../error-codes";
import { assertPassword } from "../session";
import { clearFailures, findTwoFactor, recordFailure, swapBackupCodes, updateTwoFactor } from "../store";
import type { TwoFactorRow } from "../types";

const verifyBody = z.object({
	code: z.string(),
	disableSession: z.boolean().optional(),
	trustDevice: z.boolean().optional(),
});
const passwordBody = z.object({ password: z.string() });
const viewBody = z.object({ userId: z.string() });

/** Spends `code` from the row's set: true when it was there (and is now gone for good). */
async function spendBackupCode(context: FullAuthContext, config: TwoFactorConfig, row: TwoFactorRow, code: string) {
	const storage = config.backupCodes.storage;
	const codes = await decodeBackupCodes(row.backupCodes, storage, context.secret);
	const index = codes?.findIndex((candidate) => constantTimeEqual(candidate, code)) ?? -1;
	if (!codes || index < 0) return false;
	const rest = codes.filter((_, i) => i !== index);
	return swapBackupCodes(context, row, await encodeBackupCodes(rest, storage, context.secret));
}

export function verifyBackupCode(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/verify-backup-code",
		{
			method: "POST",
			body: verifyBody,
			use: [originCheck()],
			metadata: { openapi: { description: "Verify a backup code (spending it) to complete a sign-in" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const challenge = await resolveChallenge(ctx, context, config);
			const row = await findTwoFactor(context, challenge.user.id);
			if (!row) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.BACKUP_CODES_NOT_ENABLED);
			assertNotLocked(challenge, row);
			await countAttempt(context, config, challenge);
			if (!(await spendBackupCode(context, config, row, ctx.body.code))) {
				if (challenge.mode === "sign-in") await recordFailure(context, row);
				throw new APIError("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_BACKUP_CODE);
			}
			if (challenge.mode === "sign-in") await clearFailures(context, row);
			return ctx.json(
				await completeChallenge(ctx, context, config, challenge, {
					trustDevice: ctx.body.trustDevice,
					withoutSession: ctx.body.disableSession,
				}),
			);
		},
	);
}

export function generateBackupCodesEndpoint(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/generate-backup-codes",
		{
			method: "POST",
			body: passwordBody,
			use: [originCheck(), sessionMiddleware],
			metadata: { openapi: { description: "Replace the user's backup codes with a new set" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const { user } = currentSession(ctx);
			await assertPassword(context, user.id, ctx.body.password);
			const row = await findTwoFactor(context, user.id);
			if (!row || row.verified === false) {
				throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TWO_FACTOR_NOT_ENABLED);
			}
			const backupCodes = generateBackupCodes(config.backupCodes);
			await updateTwoFactor(context, row.id, {
				backupCodes: await encodeBackupCodes(backupCodes, config.backupCodes.storage, context.secret),
			});
			return ctx.json({ status: true, backupCodes });
		},
	);
}

export function viewBackupCodes(config: TwoFactorConfig) {
	return createAuthEndpoint(
		"/two-factor/view-backup-codes",
		{ method: "POST", body: viewBody, metadata: { SERVER_ONLY: true as const } },
		async (ctx) => {
			const context = fullContext(ctx);
			const row = await findTwoFactor(context, ctx.body.userId);
			const backupCodes = row && (await decodeBackupCodes(row.backupCodes, config.backupCodes.storage, context.secret));
			if (!backupCodes) throw new APIError("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.BACKUP_CODES_NOT_ENABLED);
			return ctx.json({ status: true, backupCodes });
		},
	);
}
