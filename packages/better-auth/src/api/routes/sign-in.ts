import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { hashPassword } from "../../crypto/password";
import { originCheck } from "../middlewares/origin-check";
import { requestMeta, setSessionCookie } from "../session-cookie";
import { sendVerificationEmail } from "./email-verification";
import { userOutput } from "./shared";

const signInBody = z.object({
	email: z.string(),
	password: z.string(),
	callbackURL: z.string().optional(),
	rememberMe: z.boolean().optional(),
});

// A hash to verify against when the email is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

/** `POST /sign-in/email` */
export const signInEmail = createAuthEndpoint(
	"/sign-in/email",
	{ method: "POST", body: signInBody, use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		if (!context.options.emailAndPassword?.enabled) {
			throw new APIError("BAD_REQUEST", {
				message: "Email and password is not enabled",
				code: "EMAIL_PASSWORD_DISABLED",
			});
		}
		const { email, password, callbackURL, rememberMe } = ctx.body;
		if (!z.email().safeParse(email).success) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
		const found = await context.internalAdapter.findUserByEmail(email, { includeAccounts: true });
		const credential = found?.accounts.find((account) => account.providerId === "credential" && account.password);
		if (!found || !credential?.password) {
			decoyHash ??= hashPassword("decoy password for unknown emails");
			await context.password.verify({ hash: await decoyHash, password });
			throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD);
		}
		if (!(await context.password.verify({ hash: credential.password, password }))) {
			throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD);
		}
		if (context.options.emailAndPassword.requireEmailVerification && !found.user.emailVerified) {
			// The docs: "every time a user tries to sign in, sendVerificationEmail is called";
			// `emailVerification.sendOnSignIn: false` turns that off.
			if (context.options.emailVerification?.sendOnSignIn !== false) {
				await sendVerificationEmail(context, found.user, callbackURL, ctx.request);
			}
			throw new APIError("FORBIDDEN", BASE_ERROR_CODES.EMAIL_NOT_VERIFIED);
		}
		const session = await context.internalAdapter.createSession(found.user.id, requestMeta(ctx), rememberMe === false);
		if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		await setSessionCookie(ctx, { session, user: found.user }, rememberMe === false);
		return ctx.json({
			redirect: Boolean(callbackURL),
			token: session.token,
			url: callbackURL,
			user: userOutput(context, found.user),
		});
	},
);
