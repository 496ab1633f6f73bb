/**
 * Password reset by code: `POST /email-otp/request-password-reset` (and its deprecated twin
 * `POST /forget-password/email-otp`) send a `forget-password` code; `POST /email-otp/reset-password`
 * sets the new password with it.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { checkPasswordLength } from "../../../api/routes/shared";
import { fullContext } from "../../../context/full-context";
import { type OTPStore, otpIdentifier, validEmail } from "../otp";

const emailBody = z.object({ email: z.string() });
const resetBody = z.object({ email: z.string(), otp: z.string(), password: z.string() });

function requestReset<Path extends string>(path: Path, store: OTPStore, deprecated: boolean) {
	let warned = false;
	return createAuthEndpoint(path, { method: "POST", body: emailBody, use: [originCheck()] }, async (ctx) => {
		const context = fullContext(ctx);
		if (deprecated && !warned) {
			warned = true;
			context.logger.warn(`"${path}" is deprecated: use "/email-otp/request-password-reset".`);
		}
		const email = validEmail(ctx.body.email);
		// Same answer for unknown emails; only existing users get a code.
		if (await context.internalAdapter.findUserByEmail(email)) {
			await store.send(context, { email, type: "forget-password" }, ctx.request);
		}
		return ctx.json({ success: true });
	});
}

export const requestPasswordResetEmailOTP = (store: OTPStore) =>
	requestReset("/email-otp/request-password-reset", store, false);

/** @deprecated Use `/email-otp/request-password-reset`; kept because better-auth 1.7 still serves it. */
export const forgetPasswordEmailOTP = (store: OTPStore) => requestReset("/forget-password/email-otp", store, true);

export function resetPasswordEmailOTP(store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/reset-password",
		{ method: "POST", body: resetBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const email = validEmail(ctx.body.email);
			// The length is checked first, so a too-short password does not use up the code.
			checkPasswordLength(ctx.body.password, context.password.config);
			await store.verify(context, otpIdentifier("forget-password", email), ctx.body.otp);
			const found = await context.internalAdapter.findUserByEmail(email, { includeAccounts: true });
			if (!found) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
			const { user, accounts } = found;
			const hash = await context.password.hash(ctx.body.password);
			if (accounts.some((account) => account.providerId === "credential")) {
				await context.internalAdapter.updatePassword(user.id, hash);
			} else {
				await context.internalAdapter.createAccount({
					userId: user.id,
					accountId: user.id,
					providerId: "credential",
					password: hash,
				});
			}
			// The code reached the inbox: that proves it.
			if (!user.emailVerified) await context.internalAdapter.updateUser(user.id, { emailVerified: true });
			if (context.options.emailAndPassword?.revokeSessionsOnPasswordReset) {
				await context.internalAdapter.deleteUserSessions(user.id);
			}
			await context.options.emailAndPassword?.onPasswordReset?.({ user }, ctx.request);
			return ctx.json({ success: true });
		},
	);
}
