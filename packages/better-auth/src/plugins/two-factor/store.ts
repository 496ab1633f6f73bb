/** The `twoFactor` table: one row per user, plus the failure count that locks guessing out. */
import type { FullAuthContext } from "../../context/full-context";
import { LOCK_DURATION, MAX_FAILED_VERIFICATIONS } from "./config";
import type { TwoFactorRow } from "./types";

const MODEL = "twoFactor";

export function findTwoFactor(context: FullAuthContext, userId: string) {
	return context.adapter.findOne<TwoFactorRow>({ model: MODEL, where: [{ field: "userId", value: userId }] });
}

/** Replaces the user's row (a new enrolment starts from scratch). */
export async function replaceTwoFactor(
	context: FullAuthContext,
	data: { userId: string; secret: string; backupCodes: string; verified: boolean },
) {
	await deleteTwoFactor(context, data.userId);
	return context.adapter.create<Record<string, unknown>, TwoFactorRow>({
		model: MODEL,
		data: { ...data, failedVerificationCount: 0 },
	});
}

export function deleteTwoFactor(context: FullAuthContext, userId: string) {
	return context.adapter.deleteMany({ model: MODEL, where: [{ field: "userId", value: userId }] });
}

export function updateTwoFactor(context: FullAuthContext, id: string, update: Partial<TwoFactorRow>) {
	return context.adapter.update<TwoFactorRow>({ model: MODEL, where: [{ field: "id", value: id }], update });
}

/**
 * Replaces `backupCodes` only if it still holds `expected`: of two requests spending codes from
 * the same set at once, one wins and the other must retry, so no code is spent twice.
 */
export async function swapBackupCodes(context: FullAuthContext, row: TwoFactorRow, next: string): Promise<boolean> {
	const changed = await context.adapter.updateMany({
		model: MODEL,
		where: [
			{ field: "id", value: row.id },
			{ field: "backupCodes", value: row.backupCodes },
		],
		update: { backupCodes: next },
	});
	return changed > 0;
}

/** Whether the row is locked now. An expired lock no longer counts. */
export function isLocked(row: TwoFactorRow | null): boolean {
	return Boolean(row?.lockedUntil && new Date(row.lockedUntil).getTime() > Date.now());
}

/** One more wrong code; the tenth in a row locks every method for 15 minutes. */
export async function recordFailure(context: FullAuthContext, row: TwoFactorRow | null) {
	if (!row) return;
	const lockExpired = row.lockedUntil && new Date(row.lockedUntil).getTime() <= Date.now();
	const failures = (lockExpired ? 0 : (row.failedVerificationCount ?? 0)) + 1;
	await updateTwoFactor(context, row.id, {
		failedVerificationCount: failures,
		lockedUntil: failures >= MAX_FAILED_VERIFICATIONS ? new Date(Date.now() + LOCK_DURATION * 1000) : null,
	});
}

/** A right code: the count starts over. */
export async function clearFailures(context: FullAuthContext, row: TwoFactorRow | null) {
	if (!row || (!row.failedVerificationCount && !row.lockedUntil)) return;
	await updateTwoFactor(context, row.id, { failedVerificationCount: 0, lockedUntil: null });
}
