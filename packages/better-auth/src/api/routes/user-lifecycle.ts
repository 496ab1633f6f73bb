import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import { SignJWT } from "jose";
import * as z from "zod";
import { type FullAuthContext, fullContext } from "../../context/full-context";
import { generateRandomString } from "../../crypto/random";
import { originCheck } from "../middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../middlewares/session";
import { deleteSessionCookie } from "../session-cookie";

/**
 * `POST /change-email`: sends a verification link to the NEW address; the email changes when the
 * link is opened (verify-email with a change-email token), as better-auth 1.7 does.
 */
export const changeEmail = createAuthEndpoint(
	"/change-email",
	{
		method: "POST",
		body: z.object({ newEmail: z.email(), callbackURL: z.string().optional() }),
		use: [originCheck(), sessionMiddleware],
	},
	async (ctx) => {
		const context = fullContext(ctx);
		if (!context.options.user?.changeEmail?.enabled) {
			context.logger.error("Change email is disabled.");
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.CHANGE_EMAIL_DISABLED);
		}
		const { user } = currentSession(ctx);
		const newEmail = ctx.body.newEmail.toLowerCase();
		if (newEmail === user.email)
			throw new APIError("BAD_REQUEST", { message: "Email is the same", code: "EMAIL_IS_THE_SAME" });
		if (await context.internalAdapter.findUserByEmail(newEmail)) {
			// The same answer as a successful request: whether an address has an account stays private.
			return ctx.json({ status: true });
		}
		const send = context.options.emailVerification?.sendVerificationEmail;
		if (!send)
			throw new APIError("BAD_REQUEST", {
				message: "Verification email isn't enabled",
				code: "VERIFICATION_EMAIL_NOT_ENABLED",
			});
		const token = await changeEmailToken(context, user, newEmail);
		const callback = encodeURIComponent(ctx.body.callbackURL ?? "/");
		await send(
			{
				user: { ...user, email: newEmail },
				url: `${context.baseURL}/verify-email?token=${token}&callbackURL=${callback}`,
				token,
			},
			ctx.request,
		);
		return ctx.json({ status: true });
	},
);

function changeEmailToken(context: FullAuthContext, user: User, newEmail: string) {
	const expiresIn = context.options.emailVerification?.expiresIn ?? 3600;
	return new SignJWT({
		email: user.email,
		updateTo: newEmail,
		requestType: "change-email-verification",
		userId: user.id,
	})
		.setProtectedHeader({ alg: "HS256" })
		.setIssuedAt()
		.setExpirationTime(`${expiresIn}s`)
		.sign(new TextEncoder().encode(context.secret));
}

const DELETE_IDENTIFIER = (token: string) => `delete-account-${token}`;

async function removeUser(context: FullAuthContext, user: User, request?: Request) {
	const options = context.options.user?.deleteUser;
	await options?.beforeDelete?.(user, request);
	await context.internalAdapter.deleteUser(user.id);
	await options?.afterDelete?.(user, request);
}

/**
 * `POST /delete-user`: with `sendDeleteAccountVerification`, emails a one-day link; otherwise
 * deletes at once when the password is right or the session is fresh.
 */
export const deleteUser = createAuthEndpoint(
	"/delete-user",
	{
		method: "POST",
		body: z.object({
			password: z.string().optional(),
			token: z.string().optional(),
			callbackURL: z.string().optional(),
		}),
		use: [originCheck(), sessionMiddleware],
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const options = context.options.user?.deleteUser;
		if (!options?.enabled) {
			context.logger.error("Delete user is disabled. Enable it in the options");
			return new Response(null, { status: 404 });
		}
		const { session, user } = currentSession(ctx);
		if (ctx.body.password !== undefined) {
			const credential = (await context.internalAdapter.findAccounts(user.id)).find(
				(account) => account.providerId === "credential" && account.password,
			);
			if (!credential?.password) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.CREDENTIAL_ACCOUNT_NOT_FOUND);
			if (!(await context.password.verify({ hash: credential.password, password: ctx.body.password }))) {
				throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
			}
		} else if (ctx.body.token === undefined) {
			const freshAge = context.sessionConfig.freshAge;
			if (freshAge !== 0 && Date.now() - session.createdAt.getTime() > freshAge * 1000) {
				throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.SESSION_EXPIRED);
			}
		}
		if (ctx.body.token) {
			await consumeDeleteToken(context, ctx.body.token, user.id);
			await removeUser(context, user, ctx.request);
			deleteSessionCookie(ctx);
			return ctx.json({ success: true, message: "User deleted" });
		}
		if (options.sendDeleteAccountVerification) {
			const token = generateRandomString(32, "0-9", "a-z");
			await context.internalAdapter.createVerificationValue({
				identifier: DELETE_IDENTIFIER(token),
				value: user.id,
				expiresAt: new Date(Date.now() + (options.deleteTokenExpiresIn ?? 86400) * 1000),
			});
			const callback = encodeURIComponent(ctx.body.callbackURL ?? "/");
			const url = `${context.baseURL}/delete-user/callback?token=${token}&callbackURL=${callback}`;
			await options.sendDeleteAccountVerification({ user, url, token }, ctx.request);
			return ctx.json({ success: true, message: "Verification email sent" });
		}
		await removeUser(context, user, ctx.request);
		deleteSessionCookie(ctx);
		return ctx.json({ success: true, message: "User deleted" });
	},
);

async function consumeDeleteToken(context: FullAuthContext, token: string, userId: string) {
	const verification = await context.internalAdapter.consumeVerificationValue(DELETE_IDENTIFIER(token));
	if (!verification || verification.value !== userId) throw new APIError("NOT_FOUND", BASE_ERROR_CODES.INVALID_TOKEN);
}

/** `GET /delete-user/callback?token=&callbackURL=`: the emailed link; deletes, then redirects. */
export const deleteUserCallback = createAuthEndpoint(
	"/delete-user/callback",
	{
		method: "GET",
		query: z.object({ token: z.string(), callbackURL: z.string().optional() }),
		use: [originCheck(), sessionMiddleware],
		requireHeaders: true,
	},
	async (ctx) => {
		const context = fullContext(ctx);
		if (!context.options.user?.deleteUser?.enabled) return new Response(null, { status: 404 });
		const { user } = currentSession(ctx);
		await consumeDeleteToken(context, ctx.query.token, user.id);
		await removeUser(context, user, ctx.request);
		deleteSessionCookie(ctx);
		if (ctx.query.callbackURL) throw ctx.redirect(ctx.query.callbackURL);
		return ctx.json({ success: true, message: "User deleted" });
	},
);
