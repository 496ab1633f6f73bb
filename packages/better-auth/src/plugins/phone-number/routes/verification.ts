/**
 * `POST /phone-number/send-otp` and `POST /phone-number/verify`: a code proves the phone number;
 * verifying it signs its user in, signs a new user up (`signUpOnVerification`) or, with
 * `updatePhoneNumber`, moves the signed-in user to the number.
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { getSessionFromCtx } from "../../../api/middlewares/session";
import { userOutput } from "../../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../../api/session-cookie";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import type { PhoneNumberConfig } from "../config";
import { PHONE_NUMBER_ERROR_CODES } from "../error-codes";
import { consumeOTP, issueOTP } from "../otp";

const sendOTPBody = z.object({ phoneNumber: z.string() });

const verifyBody = z.object({
	phoneNumber: z.string(),
	code: z.string(),
	disableSession: z.boolean().optional(),
	updatePhoneNumber: z.boolean().optional(),
});

type Ctx = { context: unknown; headers?: Headers; request?: Request };

export function sendPhoneNumberOTP(config: PhoneNumberConfig) {
	return createAuthEndpoint("/phone-number/send-otp", { method: "POST", body: sendOTPBody }, async (ctx) => {
		const context = fullContext(ctx);
		const { sendOTP } = config.options;
		if (!sendOTP) {
			context.logger.error("Pass `sendOTP` to the phoneNumber plugin to send verification codes.");
			throw new APIError("NOT_IMPLEMENTED", PHONE_NUMBER_ERROR_CODES.SEND_OTP_NOT_IMPLEMENTED);
		}
		const { phoneNumber } = ctx.body;
		if (!(await config.isValid(phoneNumber))) {
			throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.INVALID_PHONE_NUMBER);
		}
		const code = await issueOTP(context, config, "verify", phoneNumber);
		await sendOTP({ phoneNumber, code }, ctx.request);
		return ctx.json({ message: "code sent" });
	});
}

/** The signed-in user takes the verified number (`updatePhoneNumber: true`). */
async function updateSignedInUser(ctx: Ctx, config: PhoneNumberConfig, phoneNumber: string) {
	const context = fullContext(ctx);
	const current = await getSessionFromCtx(ctx);
	if (!current) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.USER_NOT_FOUND);
	const holder = await config.findUser(context, phoneNumber);
	if (holder && holder.id !== current.user.id) {
		throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_EXIST);
	}
	const user = await context.internalAdapter.updateUser(current.user.id, { phoneNumber, phoneNumberVerified: true });
	if (!user) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
	return { user, token: current.session.token };
}

/** The number's user, marked verified; or a new user when `signUpOnVerification` allows it. */
async function verifiedUser(context: FullAuthContext, config: PhoneNumberConfig, phoneNumber: string): Promise<User> {
	const existing = await config.findUser(context, phoneNumber);
	if (existing) {
		const user = await context.internalAdapter.updateUser(existing.id, { phoneNumberVerified: true });
		if (!user) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
		return user;
	}
	const signUp = config.options.signUpOnVerification;
	// better-auth 1.7 answers 500 FAILED_TO_UPDATE_USER here; the number simply has no account.
	if (!signUp) throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_NOT_EXIST);
	const email = signUp.getTempEmail(phoneNumber);
	// Never hand a code holder someone else's account: a taken temporary email is refused
	// (better-auth 1.7 fails with a 500 on the unique constraint).
	if (await context.internalAdapter.findUserByEmail(email)) {
		throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.USER_ALREADY_EXISTS);
	}
	const user = await context.internalAdapter.createUser({
		email,
		name: signUp.getTempName?.(phoneNumber) ?? phoneNumber,
		emailVerified: false,
		phoneNumber,
		phoneNumberVerified: true,
	});
	if (!user) throw new APIError("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.FAILED_TO_CREATE_USER);
	return user;
}

export function verifyPhoneNumber(config: PhoneNumberConfig) {
	return createAuthEndpoint("/phone-number/verify", { method: "POST", body: verifyBody }, async (ctx) => {
		const context = fullContext(ctx);
		const { phoneNumber, code, disableSession, updatePhoneNumber } = ctx.body;
		await consumeOTP(context, config, "verify", phoneNumber, code);

		if (updatePhoneNumber) {
			const { user, token } = await updateSignedInUser(ctx, config, phoneNumber);
			await config.options.callbackOnVerification?.({ phoneNumber, user }, ctx.request);
			return ctx.json({ status: true, token, user: userOutput(context, user) });
		}

		const user = await verifiedUser(context, config, phoneNumber);
		await config.options.callbackOnVerification?.({ phoneNumber, user }, ctx.request);
		if (disableSession) return ctx.json({ status: true, token: null, user: userOutput(context, user) });
		const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
		if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		await setSessionCookie(ctx, { session, user });
		return ctx.json({ status: true, token: session.token, user: userOutput(context, user) });
	});
}
