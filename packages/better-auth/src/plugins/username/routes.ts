/** `POST /sign-in/username` and `POST /is-username-available`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { sendVerificationEmail } from "../../api/routes/email-verification";
import { userOutput } from "../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import { hashPassword } from "../../crypto/password";
import { USERNAME_ERROR_CODES } from "./error-codes";
import type { UsernameRules } from "./rules";

const signInUsernameBody = z.object({
	username: z.string(),
	password: z.string(),
	rememberMe: z.boolean().optional(),
	callbackURL: z.string().optional(),
});

const isUsernameAvailableBody = z.object({ username: z.string() });

// A hash to verify against when the username is unknown, so both failures take the same time.
let decoyHash: Promise<string> | undefined;

/** A malformed username is refused before any lookup: 422, as better-auth 1.7 answers here. */
async function assertWellFormed(rules: UsernameRules, username: string) {
	const error = await rules.usernameError(username);
	if (error) throw new APIError("UNPROCESSABLE_ENTITY", error);
}

export function signInUsername(rules: UsernameRules) {
	return createAuthEndpoint(
		"/sign-in/username",
		{ method: "POST", body: signInUsernameBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			// better-auth 1.7 signs in by username even with email and password turned off; we refuse,
			// as /sign-in/email does, so turning the method off turns off every way into it.
			if (!context.options.emailAndPassword?.enabled) {
				throw new APIError("BAD_REQUEST", {
					message: "Email and password is not enabled",
					code: "EMAIL_PASSWORD_DISABLED",
				});
			}
			const { username, password, rememberMe, callbackURL } = ctx.body;
			await assertWellFormed(rules, username);
			const user = await rules.findByUsername(context, username);
			const credential = user
				? (await context.internalAdapter.findAccounts(user.id)).find(
						(account) => account.providerId === "credential" && account.password,
					)
				: undefined;
			if (!user || !credential?.password) {
				decoyHash ??= hashPassword("decoy password for unknown usernames");
				await context.password.verify({ hash: await decoyHash, password });
				throw new APIError("UNAUTHORIZED", USERNAME_ERROR_CODES.INVALID_USERNAME_OR_PASSWORD);
			}
			if (!(await context.password.verify({ hash: credential.password, password }))) {
				throw new APIError("UNAUTHORIZED", USERNAME_ERROR_CODES.INVALID_USERNAME_OR_PASSWORD);
			}
			if (context.options.emailAndPassword?.requireEmailVerification && !user.emailVerified) {
				if (context.options.emailVerification?.sendOnSignIn) {
					await sendVerificationEmail(context, user, callbackURL, ctx.request);
				}
				throw new APIError("FORBIDDEN", USERNAME_ERROR_CODES.EMAIL_NOT_VERIFIED);
			}
			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx), rememberMe === false);
			if (!session) throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user }, rememberMe === false);
			return ctx.json({
				redirect: Boolean(callbackURL),
				token: session.token,
				url: callbackURL,
				user: userOutput(context, user),
			});
		},
	);
}

export function isUsernameAvailable(rules: UsernameRules) {
	return createAuthEndpoint(
		"/is-username-available",
		{ method: "POST", body: isUsernameAvailableBody },
		async (ctx) => {
			await assertWellFormed(rules, ctx.body.username);
			const holder = await rules.findByUsername(fullContext(ctx), ctx.body.username);
			return ctx.json({ available: !holder });
		},
	);
}
