/**
 * `sessionMiddleware`: requires a signed-in user; puts `{ session, user }` on `ctx.context.session`.
 * `freshSessionMiddleware` also requires the session to be younger than `session.freshAge`.
 */
import type { Session, User } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import { serializeCookie } from "better-call";
import { fullContext } from "../../context/full-context";
import { readSessionToken } from "../session-cookie";

export type SessionContext = { session: { session: Session; user: User } };

const UNAUTHORIZED = { message: "Unauthorized", code: "UNAUTHORIZED" };

/**
 * A session a plugin's before hook already put on `ctx.context.session` for this call (a plugin that
 * authenticates by other means than the cookie, API keys for instance), or null. Only hooks set it.
 */
function presetSession(ctx: { context: unknown }): { session: Session; user: User } | null {
	return (ctx.context as Partial<SessionContext>).session ?? null;
}

/**
 * The current session: one a hook established, else the request cookie's, or null (expired sessions
 * count as none).
 */
export async function getSessionFromCtx(ctx: { context: unknown; headers?: Headers; request?: Request }) {
	const preset = presetSession(ctx);
	if (preset) return preset;
	const { token } = await readSessionToken(ctx as never);
	if (!token) return null;
	const found = await fullContext(ctx).internalAdapter.findSession(token);
	if (!found || found.session.expiresAt.getTime() <= Date.now()) return null;
	return found;
}

/**
 * A validly signed session cookie whose session is gone (expired, revoked) is cleared with the
 * 401, as better-auth 1.7 does; an unsigned or forged one is left alone.
 */
async function requireSession(ctx: Parameters<typeof readSessionToken>[0]) {
	const preset = presetSession(ctx);
	if (preset) return preset;
	const { token } = await readSessionToken(ctx);
	const found = token ? await fullContext(ctx).internalAdapter.findSession(token) : null;
	if (!found || found.session.expiresAt.getTime() <= Date.now()) {
		// Headers set on ctx are dropped when a middleware throws: the clearing cookies ride on the error.
		const headers = new Headers();
		if (token) {
			const { sessionToken, sessionData, dontRememberToken } = fullContext(ctx).authCookies;
			for (const cookie of [sessionToken, sessionData, dontRememberToken]) {
				headers.append("set-cookie", serializeCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as never));
			}
		}
		throw new APIError("UNAUTHORIZED", UNAUTHORIZED, headers);
	}
	return found;
}

export const sessionMiddleware = createAuthMiddleware(async (ctx) => {
	const session = await requireSession(ctx);
	return { session };
});

export const freshSessionMiddleware = createAuthMiddleware(async (ctx) => {
	const session = await requireSession(ctx);
	const freshAge = fullContext(ctx).sessionConfig.freshAge;
	if (freshAge !== 0 && Date.now() - session.session.createdAt.getTime() > freshAge * 1000) {
		throw new APIError("FORBIDDEN", BASE_ERROR_CODES.SESSION_NOT_FRESH);
	}
	return { session };
});

/** `ctx.context.session` as set by the middlewares above. */
export function currentSession(ctx: { context: unknown }) {
	return (ctx.context as SessionContext).session;
}
