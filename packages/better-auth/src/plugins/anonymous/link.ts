/**
 * Linking: when a request made with an anonymous session signs someone in (a new session cookie
 * in the response), `onLinkAccount` runs and the anonymous user is deleted.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { getSessionFromCtx } from "../../api/middlewares/session";
import { fullContext } from "../../context/full-context";
import { verifySignedValue } from "../../crypto/hmac";
import { parseSetCookies } from "../../integrations/set-cookie";
import type { AnonymousOptions, AnonymousSession } from "./types";

/**
 * The endpoints that sign someone in, by path prefix: better-auth 1.7's list, plus generic OAuth's
 * callback. A list rather than "any new session cookie": switching accounts with multi-session,
 * or an admin impersonating, must not delete the anonymous user.
 */
const SIGN_IN_PREFIXES = [
	"/sign-in",
	"/sign-up",
	"/callback",
	"/oauth2/callback",
	"/magic-link/verify",
	"/email-otp/verify-email",
	"/one-tap/callback",
	"/passkey/verify-authentication",
	"/phone-number/verify",
	"/verify-email",
];

export function linkHook(options: AnonymousOptions): AuthHook {
	return {
		// Anonymous sign-in itself never links (it refuses an anonymous caller).
		matcher: (ctx) =>
			ctx.path !== "/sign-in/anonymous" && SIGN_IN_PREFIXES.some((prefix) => ctx.path.startsWith(prefix)),
		handler: createAuthMiddleware(async (ctx) => {
			const context = fullContext(ctx);
			const name = context.authCookies.sessionToken.name;
			const issued = parseSetCookies(ctx.context.responseHeaders)
				.filter((cookie) => cookie.name === name)
				.at(-1);
			if (!issued || issued.value === "" || issued.options.maxAge === 0) return;

			// The request's own session: who was signed in before this call.
			const previous = (await getSessionFromCtx(ctx)) as AnonymousSession | null;
			if (!previous?.user.isAnonymous) return;
			const token = await verifySignedValue(issued.value, context.secret);
			if (!token || token === previous.session.token) return;
			const next = (await context.internalAdapter.findSession(token)) as AnonymousSession | null;
			if (!next || next.user.id === previous.user.id) return;

			await options.onLinkAccount?.({ anonymousUser: previous, newUser: next, ctx });
			if (!options.disableDeleteAnonymousUser) await context.internalAdapter.deleteUser(previous.user.id);
		}),
	};
}
