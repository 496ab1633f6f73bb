/** `POST /sign-in/email-otp` and `POST /email-otp/verify-email`. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../../api/session-cookie";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { EMAIL_OTP_ERROR_CODES } from "../error-codes";
import { type OTPStore, otpIdentifier, validEmail } from "../otp";
import type { EmailOTPOptions } from "../types";

const signInBody = z
	.object({
		email: z.string(),
		otp: z.string(),
		name: z.string().optional(),
		image: z.string().optional(),
		callbackURL: z.string().optional(),
	})
	.passthrough();

const verifyEmailBody = z.object({ email: z.string(), otp: z.string() });

/** The additional user fields a client may set on a new user (declared, and not `input: false`). */
function additionalFields(context: FullAuthContext, body: Record<string, unknown>) {
	const picked: Record<string, unknown> = {};
	const fields = context.tables.user.fields;
	for (const [key, value] of Object.entries(body)) {
		if (["id", "email", "name", "image"].includes(key)) continue;
		if (fields[key] && fields[key].input !== false) picked[key] = value;
	}
	return picked;
}

export function signInEmailOTP(options: EmailOTPOptions, store: OTPStore) {
	return createAuthEndpoint(
		"/sign-in/email-otp",
		{ method: "POST", body: signInBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { email: rawEmail, otp, name, image, callbackURL: _callbackURL, ...rest } = ctx.body;
			const email = rawEmail.toLowerCase();
			await store.verify(context, otpIdentifier("sign-in", email), otp);

			let user: User | null = (await context.internalAdapter.findUserByEmail(email))?.user ?? null;
			if (!user) {
				// Same answer as a wrong code: the endpoint does not tell which emails have accounts.
				if (options.disableSignUp) throw new APIError("BAD_REQUEST", EMAIL_OTP_ERROR_CODES.INVALID_OTP);
				user = await context.internalAdapter.createUser({
					email,
					emailVerified: true,
					name: name ?? "",
					...(image !== undefined ? { image } : {}),
					...additionalFields(context, rest),
				});
				if (!user) throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.FAILED_TO_CREATE_USER);
			} else if (!user.emailVerified) {
				// The code reached the inbox: that proves it.
				user = (await context.internalAdapter.updateUser(user.id, { emailVerified: true })) ?? user;
			}

			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
			if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user });
			return ctx.json({ token: session.token, user: userOutput(context, user) });
		},
	);
}

export function verifyEmailOTP(store: OTPStore) {
	return createAuthEndpoint(
		"/email-otp/verify-email",
		{ method: "POST", body: verifyEmailBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const email = validEmail(ctx.body.email);
			await store.verify(context, otpIdentifier("email-verification", email), ctx.body.otp);
			const found = await context.internalAdapter.findUserByEmail(email);
			if (!found) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
			let user = found.user;
			const hooks = context.options.emailVerification;
			if (!user.emailVerified) {
				await hooks?.onEmailVerification?.(user, ctx.request);
				user = (await context.internalAdapter.updateUser(user.id, { emailVerified: true })) ?? user;
				await hooks?.afterEmailVerification?.(user, ctx.request);
			}
			if (!hooks?.autoSignInAfterVerification) {
				return ctx.json({ status: true, token: null, user: userOutput(context, user) });
			}
			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
			if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user });
			return ctx.json({ status: true, token: session.token, user: userOutput(context, user) });
		},
	);
}
