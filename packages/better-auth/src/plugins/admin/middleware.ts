/**
 * The session every admin endpoint starts from. A missing or ended session is 401; a validly
 * signed cookie whose session is gone is cleared with it, as better-auth 1.7 does.
 */
import type { Session, User } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { serializeCookie } from "better-call";
import { readSessionToken } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";

export type AdminSession = {
	session: Session & { impersonatedBy?: string | null };
	user: User & { role?: string | null };
};

const UNAUTHORIZED = { message: "Unauthorized", code: "UNAUTHORIZED" };

type Ctx = Parameters<typeof readSessionToken>[0];

/** The signed-in session, or null; `clear` holds the cookies to expire when a signed token led nowhere. */
async function findSession(ctx: Ctx): Promise<{ found: AdminSession | null; clear: Headers }> {
	const clear = new Headers();
	const { token } = await readSessionToken(ctx);
	if (!token) return { found: null, clear };
	const context = fullContext(ctx);
	const found = await context.internalAdapter.findSession(token);
	if (found && found.session.expiresAt.getTime() > Date.now()) return { found: found as AdminSession, clear };
	const { sessionToken, sessionData, dontRememberToken } = context.authCookies;
	for (const cookie of [sessionToken, sessionData, dontRememberToken]) {
		clear.append("set-cookie", serializeCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as never));
	}
	return { found: null, clear };
}

/** Requires a session: `ctx.context.session` is `{ session, user }`. */
export const adminSessionMiddleware = createAuthMiddleware(async (ctx) => {
	const { found, clear } = await findSession(ctx);
	// Headers set on ctx are dropped when a middleware throws: the clearing cookies ride on the error.
	if (!found) throw new APIError("UNAUTHORIZED", UNAUTHORIZED, clear);
	return { session: found };
});

/**
 * For endpoints a server may call without a request (`auth.api.createUser({ body })`): the
 * session when there is one, null for such a call; a request without a session is still 401.
 */
export const optionalAdminSessionMiddleware = createAuthMiddleware(async (ctx) => {
	const { found, clear } = await findSession(ctx);
	if (found) return { session: found };
	const serverCall = !ctx.request && [...(ctx.headers?.keys() ?? [])].length === 0;
	if (!serverCall) throw new APIError("UNAUTHORIZED", UNAUTHORIZED, clear);
	return { session: null };
});

/** `ctx.context.session` as set by the middlewares above. */
export function adminSession(ctx: { context: unknown }): AdminSession {
	return (ctx.context as { session: AdminSession }).session;
}

/** `ctx.context.session` of {@link optionalAdminSessionMiddleware}: null for a server call. */
export function optionalAdminSession(ctx: { context: unknown }): AdminSession | null {
	return (ctx.context as { session: AdminSession | null }).session;
}
