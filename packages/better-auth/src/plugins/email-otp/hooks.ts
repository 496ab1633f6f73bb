/**
 * Wiring into the rest of Better Auth: an `email-verification` code after sign-up
 * (`sendVerificationOnSignUp`), and codes instead of links for core email verification
 * (`overrideDefaultEmailVerification`).
 */
import type { AuthContext, AuthHook, BetterAuthOptions } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { fullContext } from "../../context/full-context";
import type { OTPStore } from "./otp";

/** After a successful `/sign-up/*`: send the new user an `email-verification` code. */
export function sendOnSignUpHook(store: OTPStore): AuthHook {
	return {
		matcher: (ctx) => ctx.path.startsWith("/sign-up"),
		handler: createAuthMiddleware(async (ctx) => {
			const returned = ctx.context.returned as { user?: { email?: unknown } } | undefined;
			const email = returned && typeof returned === "object" ? returned.user?.email : undefined;
			if (typeof email !== "string") return;
			await store.send(fullContext(ctx), { email: email.toLowerCase(), type: "email-verification" }, ctx.request);
		}),
	};
}

/**
 * `emailVerification.sendVerificationEmail` that sends a code instead of a link. One the app
 * configured itself still wins.
 */
export function overrideEmailVerification(context: AuthContext, store: OTPStore): Partial<BetterAuthOptions> {
	const send: NonNullable<BetterAuthOptions["emailVerification"]>["sendVerificationEmail"] = async (
		{ user },
		request,
	) => {
		await store.send(
			fullContext({ context }),
			{ email: user.email.toLowerCase(), type: "email-verification" },
			request,
		);
	};
	return { emailVerification: { sendVerificationEmail: send, ...context.options.emailVerification } };
}
