/** `POST /sign-in/phone-number`: phone number and password. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../../api/session-cookie";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { hashPassword } from "../../../crypto/password";
import type { PhoneNumberConfig } from "../config";
import { PHONE_NUMBER_ERROR_CODES } from "../error-codes";
import { issueOTP } from "../otp";

const signInBody = z.object({
	phoneNumber: z.string(),
	password: z.string(),
	rememberMe: z.boolean().optional(),
	callbackURL: z.string().optional(),
});

// A hash to verify against when the phone number is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

/** The user's credential password hash, when the phone number has a user with one. */
async function credentialHash(context: FullAuthContext, user: User | null): Promise<string | undefined> {
	if (!user) return undefined;
	const accounts = await context.internalAdapter.findAccounts(user.id);
	return accounts.find((account) => account.providerId === "credential" && account.password)?.password ?? undefined;
}

export function signInPhoneNumber(config: PhoneNumberConfig) {
	return createAuthEndpoint(
		"/sign-in/phone-number",
		{ method: "POST", body: signInBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { phoneNumber, password, rememberMe } = ctx.body;
			if (!(await config.isValid(phoneNumber))) {
				throw new APIError("BAD_REQUEST", PHONE_NUMBER_ERROR_CODES.INVALID_PHONE_NUMBER);
			}
			const user = await config.findUser(context, phoneNumber);
			const hash = await credentialHash(context, user);
			if (!user || !hash) {
				decoyHash ??= hashPassword("decoy password for unknown phone numbers");
				await context.password.verify({ hash: await decoyHash, password });
				throw new APIError("UNAUTHORIZED", PHONE_NUMBER_ERROR_CODES.INVALID_PHONE_NUMBER_OR_PASSWORD);
			}
			if (!(await context.password.verify({ hash, password }))) {
				throw new APIError("UNAUTHORIZED", PHONE_NUMBER_ERROR_CODES.INVALID_PHONE_NUMBER_OR_PASSWORD);
			}
			// Checked after the password (better-auth 1.7 checks it first): otherwise anyone could tell
			// which numbers have unverified accounts, and make us text them, without knowing a password.
			const verified = (user as User & { phoneNumberVerified?: boolean | null }).phoneNumberVerified;
			if (config.options.requireVerification && !verified) {
				if (config.options.sendOTP) {
					const code = await issueOTP(context, config, "verify", phoneNumber);
					await config.options.sendOTP({ phoneNumber, code }, ctx.request);
				}
				throw new APIError("UNAUTHORIZED", PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_NOT_VERIFIED);
			}
			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx), rememberMe === false);
			if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user }, rememberMe === false);
			return ctx.json({ token: session.token, user: userOutput(context, user) });
		},
	);
}
