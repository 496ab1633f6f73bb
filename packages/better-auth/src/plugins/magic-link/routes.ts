/** `POST /sign-in/magic-link` sends a link; `GET /magic-link/verify` is the link. */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { callbackTargets, originCheck } from "../../api/middlewares/origin-check";
import { userOutput } from "../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import { decodeValue, encodeValue, newToken, tokenIdentifier } from "./token";
import type { MagicLinkOptions } from "./types";

const signInBody = z.object({
	email: z.email(),
	name: z.string().optional(),
	callbackURL: z.string().optional(),
	newUserCallbackURL: z.string().optional(),
	errorCallbackURL: z.string().optional(),
	metadata: z.record(z.string(), z.unknown()).optional(),
});

const verifyQuery = z.object({
	token: z.string(),
	callbackURL: z.string().optional(),
	newUserCallbackURL: z.string().optional(),
	errorCallbackURL: z.string().optional(),
});

/**
 * The `?error=` values of a failed link, as better-auth 1.7 sends them (an expired link is
 * `INVALID_TOKEN` too: it is gone either way).
 */
export type MagicLinkError =
	| "INVALID_TOKEN"
	| "new_user_signup_disabled"
	| "failed_to_create_user"
	| "failed_to_create_session";

// On the link, a bad URL in any of the three fields is reported as `INVALID_CALLBACK_URL`, as 1.7 does.
const verifyTargets: typeof callbackTargets = (ctx) =>
	callbackTargets(ctx).map(({ url }) => ({ url, label: "callbackURL" }));

export function signInMagicLink(options: MagicLinkOptions) {
	return createAuthEndpoint(
		"/sign-in/magic-link",
		{ method: "POST", body: signInBody, use: [originCheck()], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const { email, name, callbackURL, newUserCallbackURL, errorCallbackURL, metadata } = ctx.body;
			// The answer is the same whether or not the email has an account (even with sign-up off):
			// the link itself says what happened.
			const token = await newToken(options, email);
			await context.internalAdapter.createVerificationValue({
				identifier: await tokenIdentifier(options, token),
				value: encodeValue({ email, ...(name !== undefined ? { name } : {}) }),
				expiresAt: new Date(Date.now() + (options.expiresIn ?? 300) * 1000),
			});
			const params = [
				["token", token],
				["callbackURL", callbackURL || "/"],
				["newUserCallbackURL", newUserCallbackURL],
				["errorCallbackURL", errorCallbackURL],
			]
				.filter((pair): pair is [string, string] => Boolean(pair[1]))
				.map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
			const url = `${context.baseURL}/magic-link/verify?${params.join("&")}`;
			await options.sendMagicLink({ email, url, token, ...(metadata ? { metadata } : {}) }, ctx.request);
			return ctx.json({ status: true });
		},
	);
}

export function magicLinkVerify(options: MagicLinkOptions) {
	return createAuthEndpoint(
		"/magic-link/verify",
		{ method: "GET", query: verifyQuery, use: [originCheck(verifyTargets)], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const { token, callbackURL, newUserCallbackURL, errorCallbackURL } = ctx.query;
			const origin = new URL(context.baseURL).origin;
			const fail = (error: MagicLinkError): never => {
				const target = new URL(errorCallbackURL || callbackURL || "/", origin);
				target.searchParams.set("error", error);
				throw ctx.redirect(target.toString());
			};

			// Taken, not read: of two clicks on the same link only one gets a session.
			const verification = token
				? await context.internalAdapter.consumeVerificationValue(await tokenIdentifier(options, token))
				: null;
			const value = verification && decodeValue(verification.value);
			if (!value) return fail("INVALID_TOKEN");

			let user: User | null = (await context.internalAdapter.findUserByEmail(value.email))?.user ?? null;
			const isNewUser = !user;
			if (!user) {
				if (options.disableSignUp) return fail("new_user_signup_disabled");
				user = await context.internalAdapter.createUser({
					email: value.email,
					emailVerified: true,
					name: value.name ?? "",
				});
				if (!user) return fail("failed_to_create_user");
			} else if (!user.emailVerified) {
				// Following the link proves the inbox.
				user = (await context.internalAdapter.updateUser(user.id, { emailVerified: true })) ?? user;
			}

			const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
			if (!session) return fail("failed_to_create_session");
			await setSessionCookie(ctx, { session, user });
			if (!callbackURL) return ctx.json({ token: session.token, user: userOutput(context, user), session });
			const target = isNewUser && newUserCallbackURL ? newUserCallbackURL : callbackURL;
			throw ctx.redirect(new URL(target, origin).toString());
		},
	);
}
