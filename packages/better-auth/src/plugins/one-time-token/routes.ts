/** `GET /one-time-token/generate` and `POST /one-time-token/verify`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../api/middlewares/session";
import { userOutput } from "../../api/routes/shared";
import { setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import { ONE_TIME_TOKEN_ERROR_CODES } from "./error-codes";
import { IDENTIFIER_PREFIX, issueToken, storedForm } from "./tokens";
import type { OneTimeTokenOptions, OneTimeTokenSession } from "./types";

const verifyBody = z.object({ token: z.string() });

export function generateOneTimeToken(options: OneTimeTokenOptions) {
	return createAuthEndpoint("/one-time-token/generate", { method: "GET", use: [sessionMiddleware] }, async (ctx) => {
		// `auth.api` calls carry no request: only those may generate when client requests are off.
		if (options.disableClientRequest && ctx.request) {
			throw new APIError("BAD_REQUEST", ONE_TIME_TOKEN_ERROR_CODES.CLIENT_REQUESTS_DISABLED);
		}
		const token = await issueToken(ctx, currentSession(ctx) as OneTimeTokenSession, options);
		return ctx.json({ token });
	});
}

export function verifyOneTimeToken(options: OneTimeTokenOptions) {
	return createAuthEndpoint(
		"/one-time-token/verify",
		{ method: "POST", body: verifyBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			// Taken with a delete, so of parallel verifications of one token exactly one wins; an
			// expired token is deleted too and counts as invalid.
			const identifier = `${IDENTIFIER_PREFIX}${await storedForm(ctx.body.token, options)}`;
			const verification = ctx.body.token ? await context.internalAdapter.consumeVerificationValue(identifier) : null;
			if (!verification) throw new APIError("BAD_REQUEST", ONE_TIME_TOKEN_ERROR_CODES.INVALID_TOKEN);
			const found = await context.internalAdapter.findSession(verification.value);
			if (!found) throw new APIError("BAD_REQUEST", ONE_TIME_TOKEN_ERROR_CODES.SESSION_NOT_FOUND);
			if (found.session.expiresAt.getTime() <= Date.now()) {
				throw new APIError("BAD_REQUEST", ONE_TIME_TOKEN_ERROR_CODES.SESSION_EXPIRED);
			}
			if (!options.disableSetSessionCookie) await setSessionCookie(ctx, found);
			return ctx.json({ session: found.session, user: userOutput(context, found.user) });
		},
	);
}
