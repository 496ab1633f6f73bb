import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { generateRandomString } from "../../crypto/random";
import { originCheck } from "../middlewares/origin-check";
import { checkPasswordLength } from "./shared";

const IDENTIFIER = (token: string) => `reset-password:${token}`;
const RESET_MESSAGE = "If this email exists in our system, check your email for the reset link";

/**
 * `POST /request-password-reset`: emails a reset link when the user exists. The answer is the
 * same either way, so it does not reveal which emails have accounts.
 */
export const requestPasswordReset = createAuthEndpoint(
	"/request-password-reset",
	{ method: "POST", body: z.object({ email: z.email(), redirectTo: z.string().optional() }), use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		const send = context.options.emailAndPassword?.sendResetPassword;
		if (!send) {
			context.logger.error("Reset password isn't enabled. Pass `emailAndPassword.sendResetPassword` to enable it.");
			throw new APIError("BAD_REQUEST", { message: "Reset password isn't enabled", code: "RESET_PASSWORD_DISABLED" });
		}
		const found = await context.internalAdapter.findUserByEmail(ctx.body.email);
		if (found) {
			const token = generateRandomString(24, "a-z", "A-Z", "0-9");
			const expiresIn = context.options.emailAndPassword?.resetPasswordTokenExpiresIn ?? 3600;
			await context.internalAdapter.createVerificationValue({
				identifier: IDENTIFIER(token),
				value: found.user.id,
				expiresAt: new Date(Date.now() + expiresIn * 1000),
			});
			const callback = encodeURIComponent(ctx.body.redirectTo ?? "/");
			const url = `${context.baseURL}/reset-password/${token}?callbackURL=${callback}`;
			await send({ user: found.user, url, token }, ctx.request);
		}
		return ctx.json({ status: true, message: RESET_MESSAGE });
	},
);

/** `GET /reset-password/:token`: the emailed link; redirects to the app with `?token=` or `?error=INVALID_TOKEN`. */
export const requestPasswordResetCallback = createAuthEndpoint(
	"/reset-password/:token",
	{ method: "GET", query: z.object({ callbackURL: z.string() }), use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		const target = new URL(ctx.query.callbackURL, new URL(context.baseURL).origin);
		const verification = await context.internalAdapter.findVerificationValue(IDENTIFIER(ctx.params.token));
		if (!verification || verification.expiresAt.getTime() <= Date.now()) {
			target.searchParams.set("error", "INVALID_TOKEN");
		} else {
			target.searchParams.set("token", ctx.params.token);
		}
		throw ctx.redirect(target.toString());
	},
);

/** `POST /reset-password`: sets a new password with a reset token; the token works once. */
export const resetPassword = createAuthEndpoint(
	"/reset-password",
	{
		method: "POST",
		body: z.object({ newPassword: z.string(), token: z.string().optional() }),
		query: z.object({ token: z.string().optional() }).optional(),
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const token = ctx.body.token ?? ctx.query?.token;
		if (!token) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
		checkPasswordLength(ctx.body.newPassword, context.password.config);
		const pending = await context.internalAdapter.findVerificationValue(IDENTIFIER(token));
		if (!pending || pending.expiresAt.getTime() <= Date.now()) {
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
		}
		const userId = pending.value;
		// The user may have been deleted since the email went out.
		const user = await context.internalAdapter.findUserById(userId);
		if (!user) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
		// Hash before taking the token: a password refused by the hasher (a plugin such as
		// haveIBeenPwned) leaves the link usable, as in better-auth 1.7.
		const hash = await context.password.hash(ctx.body.newPassword);
		// Taking the token decides between parallel resets: exactly one goes on.
		const verification = await context.internalAdapter.consumeVerificationValue(IDENTIFIER(token));
		if (!verification || verification.value !== userId) {
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
		}
		const accounts = await context.internalAdapter.findAccounts(userId);
		if (accounts.some((account) => account.providerId === "credential")) {
			await context.internalAdapter.updatePassword(userId, hash);
		} else {
			await context.internalAdapter.createAccount({
				userId,
				accountId: userId,
				providerId: "credential",
				password: hash,
			});
		}
		if (context.options.emailAndPassword?.revokeSessionsOnPasswordReset) {
			await context.internalAdapter.deleteUserSessions(userId);
		}
		await context.options.emailAndPassword?.onPasswordReset?.({ user }, ctx.request);
		return ctx.json({ status: true });
	},
);
