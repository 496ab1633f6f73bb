import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import { jwtVerify, SignJWT } from "jose";
import * as z from "zod";
import { type FullAuthContext, fullContext } from "../../context/full-context";
import { originCheck } from "../middlewares/origin-check";
import { getSessionFromCtx } from "../middlewares/session";
import { requestMeta, setSessionCookie } from "../session-cookie";
import { userOutput } from "./shared";

const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * Emails a verification link. The token is an HS256 JWT `{ email, userId }` signed with the
 * secret, valid `emailVerification.expiresIn` seconds (3600) — the format Better Auth uses, so
 * links already sent keep working.
 */
export async function sendVerificationEmail(
	context: FullAuthContext,
	user: User,
	callbackURL: string | undefined,
	request?: Request,
): Promise<void> {
	const send = context.options.emailVerification?.sendVerificationEmail;
	if (!send) return;
	const expiresIn = context.options.emailVerification?.expiresIn ?? 3600;
	const token = await new SignJWT({ email: user.email.toLowerCase(), userId: user.id })
		.setProtectedHeader({ alg: "HS256" })
		.setIssuedAt()
		.setExpirationTime(`${expiresIn}s`)
		.sign(key(context.secret));
	const callback = callbackURL ? `&callbackURL=${encodeURIComponent(callbackURL)}` : "";
	await send({ user, url: `${context.baseURL}/verify-email?token=${token}${callback}`, token }, request);
}

/** `POST /send-verification-email`: same answer whether or not the email has an account. */
export const sendVerificationEmailEndpoint = createAuthEndpoint(
	"/send-verification-email",
	{ method: "POST", body: z.object({ email: z.email(), callbackURL: z.string().optional() }), use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		if (!context.options.emailVerification?.sendVerificationEmail) {
			context.logger.error(
				"Verification email isn't enabled. Pass `emailVerification.sendVerificationEmail` to enable it.",
			);
			throw new APIError("BAD_REQUEST", {
				message: "Verification email isn't enabled",
				code: "VERIFICATION_EMAIL_NOT_ENABLED",
			});
		}
		const found = await context.internalAdapter.findUserByEmail(ctx.body.email);
		if (found && !found.user.emailVerified)
			await sendVerificationEmail(context, found.user, ctx.body.callbackURL, ctx.request);
		return ctx.json({ status: true });
	},
);

/** `GET /verify-email?token=&callbackURL=`: marks the email verified; JSON, or a redirect to `callbackURL`. */
export const verifyEmail = createAuthEndpoint(
	"/verify-email",
	{ method: "GET", query: z.object({ token: z.string(), callbackURL: z.string().optional() }), use: [originCheck()] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { token, callbackURL } = ctx.query;
		const fail = (code: "INVALID_TOKEN" | "TOKEN_EXPIRED" | "USER_NOT_FOUND") => {
			if (callbackURL) {
				const separator = callbackURL.includes("?") ? "&" : "?";
				throw ctx.redirect(`${callbackURL}${separator}error=${code}`);
			}
			throw new APIError("UNAUTHORIZED", BASE_ERROR_CODES[code]);
		};
		let payload: { email?: unknown; userId?: unknown; updateTo?: unknown; requestType?: unknown };
		try {
			payload = (await jwtVerify(token, key(context.secret), { algorithms: ["HS256"] })).payload as typeof payload;
		} catch (error) {
			return fail((error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "TOKEN_EXPIRED" : "INVALID_TOKEN");
		}
		if (typeof payload.email !== "string") return fail("INVALID_TOKEN");
		const found = await context.internalAdapter.findUserByEmail(payload.email);
		if (!found) return fail("USER_NOT_FOUND");
		let user = found.user;
		if (payload.requestType === "change-email-verification" && typeof payload.updateTo === "string") {
			// The link reached the new address: that proves it, so it becomes the verified email.
			if (await context.internalAdapter.findUserByEmail(payload.updateTo)) return fail("INVALID_TOKEN");
			user =
				(await context.internalAdapter.updateUser(user.id, { email: payload.updateTo, emailVerified: true })) ?? user;
			await context.options.emailVerification?.afterEmailVerification?.(user, ctx.request);
			if (callbackURL) throw ctx.redirect(callbackURL);
			return ctx.json({ status: true, user: (await getSessionFromCtx(ctx)) ? userOutput(context, user) : null });
		} else if (!user.emailVerified) {
			await context.options.emailVerification?.onEmailVerification?.(user, ctx.request);
			user = (await context.internalAdapter.updateUser(user.id, { emailVerified: true })) ?? user;
			await context.options.emailVerification?.afterEmailVerification?.(user, ctx.request);
			if (context.options.emailVerification?.autoSignInAfterVerification && !(await getSessionFromCtx(ctx))) {
				const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
				if (session) await setSessionCookie(ctx, { session, user });
			}
		}
		if (callbackURL) throw ctx.redirect(callbackURL);
		return ctx.json({ status: true, user: null });
	},
);
