/** `POST /one-tap/callback`: sign in (or up) with a Google ID token from One Tap. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { userOutput } from "../../api/routes/shared";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import type { FullAuthContext } from "../../context/full-context";
import { fullContext } from "../../context/full-context";
import { type OAuthSignInError, signInWithOAuthUser } from "../../oauth2/link-account";
import { ONE_TAP_ERROR_CODES } from "./error-codes";
import type { OneTapOptions } from "./types";
import { googleIdTokenVerifier } from "./verify";

const callbackBody = z.object({ idToken: z.string() });

const SIGN_IN_ERRORS: Record<OAuthSignInError, { code: string; message: string }> = {
	signup_disabled: ONE_TAP_ERROR_CODES.SIGNUP_DISABLED,
	account_not_linked: ONE_TAP_ERROR_CODES.ACCOUNT_NOT_LINKED,
	unable_to_create_user: ONE_TAP_ERROR_CODES.UNABLE_TO_CREATE_USER,
	unable_to_link_account: ONE_TAP_ERROR_CODES.UNABLE_TO_LINK_ACCOUNT,
};

function audienceOf(context: FullAuthContext, options: OneTapOptions): string | string[] {
	const google = context.options.socialProviders?.google as { clientId?: string | string[] } | undefined;
	const clientId = options.clientId ?? google?.clientId;
	if (!clientId || (Array.isArray(clientId) && clientId.length === 0)) {
		throw new APIError("BAD_REQUEST", ONE_TAP_ERROR_CODES.GOOGLE_CLIENT_ID_REQUIRED);
	}
	return clientId;
}

export function oneTapCallback(options: OneTapOptions) {
	const verify = googleIdTokenVerifier(options.jwksURL);
	return createAuthEndpoint(
		"/one-tap/callback",
		{ method: "POST", body: callbackBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const claims = await verify(ctx.body.idToken, audienceOf(context, options));
			if (!claims) throw new APIError("BAD_REQUEST", ONE_TAP_ERROR_CODES.INVALID_ID_TOKEN);
			if (!claims.email) throw new APIError("BAD_REQUEST", ONE_TAP_ERROR_CODES.EMAIL_NOT_AVAILABLE_IN_TOKEN);
			const result = await signInWithOAuthUser(context, {
				providerId: "google",
				userInfo: {
					id: claims.sub,
					email: claims.email,
					emailVerified: claims.email_verified === true,
					name: claims.name,
					image: claims.picture,
				},
				tokens: { idToken: ctx.body.idToken, scopes: ["openid", "profile", "email"] },
				disableSignUp: options.disableSignup,
				request: ctx.request,
			});
			if ("error" in result) throw new APIError("UNAUTHORIZED", SIGN_IN_ERRORS[result.error]);
			const session = await context.internalAdapter.createSession(result.user.id, requestMeta(ctx));
			if (!session) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			await setSessionCookie(ctx, { session, user: result.user });
			return ctx.json({ token: session.token, user: userOutput(context, result.user) });
		},
	);
}
