/** `POST /sign-in/anonymous` and `POST /delete-anonymous-user`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { currentSession, getSessionFromCtx, sessionMiddleware } from "../../api/middlewares/session";
import { userOutput } from "../../api/routes/shared";
import { deleteSessionCookie, requestMeta, setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import { generateRandomString } from "../../crypto/random";
import { ANONYMOUS_ERROR_CODES } from "./error-codes";
import type { AnonymousOptions, AnonymousUser } from "./types";

const emailSchema = z.email();

/** `<random>@anonymous.placeholder.invalid`, `temp-<random>@<domain>`, or the app's own. */
async function anonymousEmail(options: AnonymousOptions): Promise<string> {
	const custom = await options.generateRandomEmail?.();
	if (custom) {
		if (!emailSchema.safeParse(custom).success) {
			throw new APIError("BAD_REQUEST", ANONYMOUS_ERROR_CODES.INVALID_EMAIL_FORMAT);
		}
		return custom;
	}
	const id = generateRandomString(32, "a-z", "0-9");
	return options.emailDomainName ? `temp-${id}@${options.emailDomainName}` : `${id}@anonymous.placeholder.invalid`;
}

export function signInAnonymous(options: AnonymousOptions) {
	// Takes no input: any body (or none) is ignored, as better-auth 1.7 does.
	return createAuthEndpoint(
		"/sign-in/anonymous",
		{
			method: "POST",
			use: [originCheck()],
			metadata: { openapi: { description: "Sign in as a new anonymous user" } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const current = await getSessionFromCtx(ctx);
			if ((current?.user as AnonymousUser | undefined)?.isAnonymous) {
				throw new APIError("BAD_REQUEST", ANONYMOUS_ERROR_CODES.ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY);
			}
			const email = await anonymousEmail(options);
			const name = (await options.generateName?.(ctx)) || "Anonymous";
			let user: AnonymousUser | null;
			try {
				user = await context.internalAdapter.createUser({ email, emailVerified: false, isAnonymous: true, name });
			} catch (error) {
				// A duplicate from `generateRandomEmail` lands here: a stable code instead of a bare 500.
				context.logger.error("anonymous: could not create the user", error);
				throw new APIError("INTERNAL_SERVER_ERROR", ANONYMOUS_ERROR_CODES.FAILED_TO_CREATE_USER);
			}
			if (!user) throw new APIError("INTERNAL_SERVER_ERROR", ANONYMOUS_ERROR_CODES.FAILED_TO_CREATE_USER);
			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
			if (!session) {
				// Nobody could ever sign in as this user: do not leave the row behind.
				await context.internalAdapter.deleteUser(user.id);
				// 400, as better-auth 1.7 answers when a database hook refuses the session.
				throw new APIError("BAD_REQUEST", ANONYMOUS_ERROR_CODES.COULD_NOT_CREATE_SESSION);
			}
			await setSessionCookie(ctx, { session, user });
			return ctx.json({ token: session.token, user: userOutput(context, user) as AnonymousUser });
		},
	);
}

export function deleteAnonymousUser(options: AnonymousOptions) {
	return createAuthEndpoint(
		"/delete-anonymous-user",
		{
			method: "POST",
			use: [originCheck(), sessionMiddleware],
			metadata: { openapi: { description: "Delete the signed-in anonymous user and sign out" } },
		},
		async (ctx) => {
			if (options.disableDeleteAnonymousUser) {
				throw new APIError("BAD_REQUEST", ANONYMOUS_ERROR_CODES.DELETE_ANONYMOUS_USER_DISABLED);
			}
			const { user } = currentSession(ctx);
			if (!(user as AnonymousUser).isAnonymous) {
				throw new APIError("FORBIDDEN", ANONYMOUS_ERROR_CODES.USER_IS_NOT_ANONYMOUS);
			}
			const context = fullContext(ctx);
			try {
				await context.internalAdapter.deleteUser(user.id);
			} catch (error) {
				context.logger.error("anonymous: could not delete the user", error);
				throw new APIError("INTERNAL_SERVER_ERROR", ANONYMOUS_ERROR_CODES.FAILED_TO_DELETE_ANONYMOUS_USER);
			}
			deleteSessionCookie(ctx);
			return ctx.json({ success: true });
		},
	);
}
