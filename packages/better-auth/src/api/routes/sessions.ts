import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { originCheck } from "../middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../middlewares/session";
import { deleteSessionCookie } from "../session-cookie";

/** `GET /list-sessions`: the signed-in user's active sessions. */
export const listSessions = createAuthEndpoint(
	"/list-sessions",
	{ method: "GET", use: [sessionMiddleware], requireHeaders: true },
	async (ctx) => {
		const { user } = currentSession(ctx);
		const sessions = await fullContext(ctx).internalAdapter.listSessions(user.id);
		const now = Date.now();
		return ctx.json(sessions.filter((session) => session.expiresAt.getTime() > now));
	},
);

/** `POST /revoke-session`: ends one of the user's own sessions by token (others' tokens are ignored). */
export const revokeSession = createAuthEndpoint(
	"/revoke-session",
	{
		method: "POST",
		body: z.object({ token: z.string() }),
		use: [originCheck(), sessionMiddleware],
		requireHeaders: true,
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const target = await context.internalAdapter.findSession(ctx.body.token);
		if (target && target.user.id === user.id) await context.internalAdapter.deleteSession(ctx.body.token);
		return ctx.json({ status: true });
	},
);

/** `POST /revoke-sessions`: ends every session of the user, this one included. */
export const revokeSessions = createAuthEndpoint(
	"/revoke-sessions",
	{ method: "POST", use: [originCheck(), sessionMiddleware], requireHeaders: true },
	async (ctx) => {
		await fullContext(ctx).internalAdapter.deleteUserSessions(currentSession(ctx).user.id);
		deleteSessionCookie(ctx);
		return ctx.json({ status: true });
	},
);

/** `POST /revoke-other-sessions`: ends every session of the user except this one. */
export const revokeOtherSessions = createAuthEndpoint(
	"/revoke-other-sessions",
	{ method: "POST", use: [originCheck(), sessionMiddleware], requireHeaders: true },
	async (ctx) => {
		const context = fullContext(ctx);
		const { session, user } = currentSession(ctx);
		for (const other of await context.internalAdapter.listSessions(user.id)) {
			if (other.token !== session.token) await context.internalAdapter.deleteSession(other.token);
		}
		return ctx.json({ status: true });
	},
);
