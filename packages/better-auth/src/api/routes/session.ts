import type { Session, User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { readCookieCache, setCookieCache } from "../cookie-cache";
import { assertRequestOrigin, originCheck } from "../middlewares/origin-check";
import { deleteSessionCookie, isDontRemember, readSessionToken, setSessionCookie } from "../session-cookie";
import { userOutput } from "./shared";

/** `?flag=true` → true; anything else (absent, "false") → false. */
const queryBoolean = z.preprocess((value) => value === true || value === "true", z.boolean()).optional();

/**
 * `GET /get-session`: `{ session, user }` or null. One database round trip (session joined
 * with its user); an expired or revoked session clears the cookies.
 *
 * With `session.deferSessionRefresh`, GET never writes: it answers `needsRefresh` instead, and
 * `POST /get-session` (a state-changing request, Origin-checked) does the sliding refresh. Without
 * the option POST answers 405, as better-auth 1.7.
 */
export const getSession = createAuthEndpoint(
	"/get-session",
	{
		method: ["GET", "POST"],
		query: z.optional(
			z.object({
				disableCookieCache: queryBoolean,
				disableRefresh: queryBoolean,
			}),
		),
		requireHeaders: true,
	},
	async (ctx) => {
		const defer = fullContext(ctx).options.session?.deferSessionRefresh === true;
		if (ctx.request?.method === "POST") {
			if (!defer) {
				throw new APIError("METHOD_NOT_ALLOWED", {
					message: "POST method requires deferSessionRefresh to be enabled in session config",
					code: "METHOD_NOT_ALLOWED_DEFER_SESSION_REQUIRED",
				});
			}
			assertRequestOrigin(ctx);
			return ctx.json(await resolveSession(ctx));
		}
		if (!defer) return ctx.json(await resolveSession(ctx));
		const deferred = { needsRefresh: false };
		const found = await resolveSession(ctx, deferred);
		return ctx.json(found ? { ...found, needsRefresh: deferred.needsRefresh } : null);
	},
);

type SessionCtx = Parameters<typeof readSessionToken>[0] & {
	query?: { disableCookieCache?: boolean; disableRefresh?: boolean };
};

/**
 * What get-session answers, for endpoints that build on it (customSession): `{ session, user }`
 * or null, with the same cookie handling (refresh, cache, clearing an ended session's cookies).
 */
export async function resolveSession(
	ctx: SessionCtx,
	/** Given: the refresh is not made, only reported here (`session.deferSessionRefresh`). */
	deferred?: { needsRefresh: boolean },
): Promise<{ session: Session; user: User } | null> {
	const context = fullContext(ctx);
	const { token, present } = await readSessionToken(ctx);
	if (!token) return null;
	if (!ctx.query?.disableCookieCache) {
		const cached = await readCookieCache(ctx, token);
		if (cached) return { session: cached.session, user: userOutput(context, cached.user) as User };
	}
	const found = await context.internalAdapter.findSession(token);
	if (!found || found.session.expiresAt.getTime() <= Date.now()) {
		if (found) await context.internalAdapter.deleteSession(token);
		if (present) deleteSessionCookie(ctx);
		return null;
	}
	let session = found.session;
	const { expiresIn, updateAge } = context.sessionConfig;
	// Sliding expiry: write only once `updateAge` has passed since the last refresh.
	const refreshDue = session.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= Date.now();
	let reissued = false;
	// A "don't remember me" session (and an admin's impersonation, which uses the same cookie) keeps
	// its expiry, as in better-auth 1.7: sliding it would outlive the browser session it stands for.
	const refreshAllowed =
		refreshDue && !context.options.session?.disableSessionRefresh && !ctx.query?.disableRefresh && !isDontRemember(ctx);
	if (deferred) deferred.needsRefresh = refreshAllowed;
	if (refreshAllowed && !deferred) {
		const refreshed = await context.internalAdapter.updateSession(token, {
			expiresAt: new Date(Date.now() + expiresIn * 1000),
		});
		if (refreshed) {
			session = refreshed;
			await setSessionCookie(ctx, { session, user: found.user });
			reissued = true;
		}
	}
	// A database read refills the cache (a no-op when the cache is off).
	if (!reissued) await setCookieCache(ctx, { session, user: found.user });
	return { session, user: userOutput(context, found.user) as User };
}

/** `POST /sign-out`: ends the current session and clears the session cookies. */
export const signOut = createAuthEndpoint(
	"/sign-out",
	{ method: "POST", use: [originCheck()], requireHeaders: true },
	async (ctx) => {
		const context = fullContext(ctx);
		const { token } = await readSessionToken(ctx);
		if (token) await context.internalAdapter.deleteSession(token);
		deleteSessionCookie(ctx);
		return ctx.json({ success: true });
	},
);
