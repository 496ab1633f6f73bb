/**
 * Changing the email by code (`changeEmail.enabled`): `POST /email-otp/request-email-change` sends a
 * `change-email` code to the new address (after a code sent to the current one, with
 * `verifyCurrentEmail`); `POST /email-otp/change-email` applies it. Both need a session.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../../api/middlewares/session";
import { setSessionCookie } from "../../../api/session-cookie";
import { fullContext } from "../../../context/full-context";
import { EMAIL_OTP_ERROR_CODES } from "../error-codes";
import { changeEmailIdentifier, type OTPStore, otpIdentifier, validEmail } from "../otp";
import type { EmailOTPOptions } from "../types";

const requestBody = z.object({ newEmail: z.string(), otp: z.string().optional() });
const changeBody = z.object({ newEmail: z.string(), otp: z.string() });

/** The new email, lowercased, after the checks both endpoints share. */
function checkNewEmail(options: EmailOTPOptions, currentEmail: string, newEmail: string): string {
	if (!options.changeEmail?.enabled) throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.CHANGE_EMAIL_DISABLED);
	const email = validEmail(newEmail);
	if (email === currentEmail.toLowerCase()) {
		throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.EMAIL_IS_THE_SAME);
	}
	return email;
}

export function requestEmailChangeEmailOTP(options: EmailOTPOptions, store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/request-email-change",
		{ method: "POST", body: requestBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user } = currentSession(ctx);
			const newEmail = checkNewEmail(options, user.email, ctx.body.newEmail);
			if (options.changeEmail?.verifyCurrentEmail) {
				if (!ctx.body.otp) throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.OTP_REQUIRED);
				await store.verify(context, otpIdentifier("email-verification", user.email), ctx.body.otp);
			}
			// A taken address gets the same answer and no code.
			if (!(await context.internalAdapter.findUserByEmail(newEmail))) {
				const identifier = changeEmailIdentifier(user.id, newEmail);
				await store.send(context, { email: newEmail, type: "change-email", identifier }, ctx.request);
			}
			return ctx.json({ success: true });
		},
	);
}

export function changeEmailEmailOTP(options: EmailOTPOptions, store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/change-email",
		{ method: "POST", body: changeBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const { session, user } = currentSession(ctx);
			const newEmail = checkNewEmail(options, user.email, ctx.body.newEmail);
			await store.verify(context, changeEmailIdentifier(user.id, newEmail), ctx.body.otp);
			// Someone may have signed up with the address since the code went out.
			if (await context.internalAdapter.findUserByEmail(newEmail)) {
				throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.EMAIL_ALREADY_IN_USE);
			}
			const updated = await context.internalAdapter.updateUser(user.id, { email: newEmail, emailVerified: true });
			if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
			// Re-issue the cookie so a cached session carries the new email.
			await setSessionCookie(ctx, { session, user: updated });
			return ctx.json({ success: true });
		},
	);
}
