/**
 * `POST /phone-number/request-password-reset` and `POST /phone-number/reset-password`: a code sent
 * to the phone number sets a new password (creating the credential account when there is none).
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { checkPasswordLength } from "../../../api/routes/shared";
import { fullContext } from "../../../context/full-context";
import type { PhoneNumberConfig } from "../config";
import { PHONE_NUMBER_ERROR_CODES } from "../error-codes";
import { consumeOTP, issueOTP } from "../otp";

const requestBody = z.object({ phoneNumber: z.string() });
const resetBody = z.object({ otp: z.string(), phoneNumber: z.string(), newPassword: z.string() });

export function requestPasswordResetPhoneNumber(config: PhoneNumberConfig) {
	return createAuthEndpoint(
		"/phone-number/request-password-reset",
		{ method: "POST", body: requestBody },
		async (ctx) => {
			const context = fullContext(ctx);
			const { phoneNumber } = ctx.body;
			// A code is stored whether or not the number has a user, and the answer is the same, so
			// neither the answer nor its timing tells which numbers are registered.
			const code = await issueOTP(context, config, "reset", phoneNumber);
			const user = await config.findUser(context, phoneNumber);
			if (user) {
				const send = config.options.sendPasswordResetOTP;
				if (send) await send({ phoneNumber, code }, ctx.request);
				else context.logger.error("Pass `sendPasswordResetOTP` to the phoneNumber plugin to send reset codes.");
			}
			return ctx.json({ status: true });
		},
	);
}

export function resetPasswordPhoneNumber(config: PhoneNumberConfig) {
	return createAuthEndpoint("/phone-number/reset-password", { method: "POST", body: resetBody }, async (ctx) => {
		const context = fullContext(ctx);
		const { otp, phoneNumber, newPassword } = ctx.body;
		checkPasswordLength(newPassword, context.password.config);
		const used = await consumeOTP(context, config, "reset", phoneNumber, otp);
		// The user may have been deleted since the code went out.
		const user = await config.findUser(context, phoneNumber);
		if (!user) throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_NOT_EXIST);
		let hash: string;
		try {
			hash = await context.password.hash(newPassword);
		} catch (error) {
			// A refused password (e.g. haveIBeenPwned's PASSWORD_COMPROMISED) leaves the code usable
			// for another try, as better-auth 1.7 does.
			await used.restore();
			throw error;
		}
		const accounts = await context.internalAdapter.findAccounts(user.id);
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
		if (context.options.emailAndPassword?.revokeSessionsOnPasswordReset) {
			await context.internalAdapter.deleteUserSessions(user.id);
		}
		await context.options.emailAndPassword?.onPasswordReset?.({ user }, ctx.request);
		return ctx.json({ status: true });
	});
}
