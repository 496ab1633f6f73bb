/**
 * `POST /email-otp/send-verification-otp`, `POST /email-otp/check-verification-otp`, and the
 * server-only `createVerificationOTP` / `getVerificationOTP`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { fullContext } from "../../../context/full-context";
import { EMAIL_OTP_ERROR_CODES } from "../error-codes";
import { type OTPStore, otpIdentifier, validEmail } from "../otp";
import type { EmailOTPOptions } from "../types";

const otpType = z.enum(["email-verification", "sign-in", "forget-password", "change-email"]);

const emailAndType = z.object({ email: z.string(), type: otpType });
const checkBody = z.object({ email: z.string(), type: otpType, otp: z.string() });

/** `change-email` codes belong to a signed-in user: only `/email-otp/request-email-change` issues them. */
function refuseChangeEmail(type: z.infer<typeof otpType>) {
	if (type === "change-email") throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.INVALID_OTP_TYPE);
}

export function sendVerificationOTP(options: EmailOTPOptions, store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/send-verification-otp",
		{ method: "POST", body: emailAndType, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const email = validEmail(ctx.body.email);
			const { type } = ctx.body;
			refuseChangeEmail(type);
			// Unknown emails get the same answer and no code: sign-in codes only when sign-up is open,
			// verification and reset codes only for existing users.
			const found = await context.internalAdapter.findUserByEmail(email);
			const deliver = found || (type === "sign-in" && !options.disableSignUp);
			if (deliver) await store.send(context, { email, type }, ctx.request);
			return ctx.json({ success: true });
		},
	);
}

/** Server only: issues a code without sending it and returns it. */
export function createVerificationOTP(store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/create-verification-otp",
		{ method: "POST", body: emailAndType, metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			const email = validEmail(ctx.body.email);
			const otp = await store.generate(email, ctx.body.type, ctx.request);
			await store.issue(fullContext(ctx), otpIdentifier(ctx.body.type, email), otp);
			return otp;
		},
	);
}

/** Server only: the current code for an email and type (`{ otp: null }` when there is none). */
export function getVerificationOTP(store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/get-verification-otp",
		{ method: "GET", query: emailAndType, metadata: { SERVER_ONLY: true } },
		async (ctx) => {
			const email = validEmail(ctx.query.email);
			return ctx.json({ otp: await store.read(fullContext(ctx), otpIdentifier(ctx.query.type, email)) });
		},
	);
}

/** Checks a code without using it up (a wrong one still counts as an attempt). */
export function checkVerificationOTP(store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/check-verification-otp",
		{ method: "POST", body: checkBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const email = validEmail(ctx.body.email);
			await store.verify(context, otpIdentifier(ctx.body.type, email), ctx.body.otp, { keep: true });
			if (!(await context.internalAdapter.findUserByEmail(email))) {
				throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
			}
			return ctx.json({ success: true });
		},
	);
}
