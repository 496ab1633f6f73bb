/**
 * `GET /multi-session/list-device-sessions`, `POST /multi-session/set-active`,
 * `POST /multi-session/revoke`: the sessions this browser holds, by their `_multi-` cookies.
 */
import type { Session, User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { serializeCookie } from "better-call";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../api/middlewares/session";
import { userOutput } from "../../api/routes/shared";
import { deleteSessionCookie, setSessionCookie } from "../../api/session-cookie";
import { type FullAuthContext, fullContext } from "../../context/full-context";
import { deviceCookieName, expiredAttributes, liveSession, readDeviceCookies } from "./cookies";
import { MULTI_SESSION_ERROR_CODES } from "./error-codes";

const sessionTokenBody = z.object({ sessionToken: z.string() });

/** `{ session, user }` as clients see it. */
function output(context: FullAuthContext, found: { session: Session; user: User }) {
	return { session: found.session, user: userOutput(context, found.user) };
}

/** The token of the device cookie for `sessionToken` (case-insensitive, as the cookie name is). */
async function deviceToken(
	ctx: Parameters<typeof readDeviceCookies>[0],
	context: FullAuthContext,
	sessionToken: string,
) {
	const name = deviceCookieName(context, sessionToken);
	const cookie = (await readDeviceCookies(ctx, context)).find((candidate) => candidate.name === name);
	if (!cookie?.token) throw new APIError("UNAUTHORIZED", MULTI_SESSION_ERROR_CODES.INVALID_SESSION_TOKEN);
	return { name, token: cookie.token };
}

export const listDeviceSessions = createAuthEndpoint(
	"/multi-session/list-device-sessions",
	{
		method: "GET",
		requireHeaders: true,
		metadata: { openapi: { description: "The sessions this browser holds, one per account" } },
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const seen = new Set<string>();
		const sessions: ReturnType<typeof output>[] = [];
		for (const { token } of await readDeviceCookies(ctx, context)) {
			if (!token) continue;
			const found = await liveSession(context, token);
			// One entry per account: the first cookie the browser sent for that user.
			if (!found || seen.has(found.user.id)) continue;
			seen.add(found.user.id);
			sessions.push(output(context, found));
		}
		return ctx.json(sessions);
	},
);

export const setActiveSession = createAuthEndpoint(
	"/multi-session/set-active",
	{
		method: "POST",
		body: sessionTokenBody,
		use: [originCheck()],
		requireHeaders: true,
		metadata: { openapi: { description: "Make one of this browser's sessions the active one" } },
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { name, token } = await deviceToken(ctx, context, ctx.body.sessionToken);
		const found = await liveSession(context, token);
		if (!found) {
			// The session ended: drop it from the device's list with the error.
			const headers = new Headers();
			headers.append("set-cookie", serializeCookie(name, "", expiredAttributes(context) as never));
			throw new APIError("UNAUTHORIZED", MULTI_SESSION_ERROR_CODES.INVALID_SESSION_TOKEN, headers);
		}
		await setSessionCookie(ctx, found);
		return ctx.json(output(context, found));
	},
);

export const revokeDeviceSession = createAuthEndpoint(
	"/multi-session/revoke",
	{
		method: "POST",
		body: sessionTokenBody,
		use: [originCheck(), sessionMiddleware],
		requireHeaders: true,
		metadata: { openapi: { description: "End one of this browser's sessions" } },
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { name, token } = await deviceToken(ctx, context, ctx.body.sessionToken);
		await context.internalAdapter.deleteSession(token);
		ctx.setCookie(name, "", expiredAttributes(context));
		if (token !== currentSession(ctx).session.token) return ctx.json({ status: true });

		// The active session was revoked: the next live one on this device takes its place.
		for (const other of await readDeviceCookies(ctx, context)) {
			if (!other.token || other.name === name) continue;
			const next = await liveSession(context, other.token);
			if (next) {
				await setSessionCookie(ctx, next);
				return ctx.json({ status: true });
			}
		}
		deleteSessionCookie(ctx);
		return ctx.json({ status: true });
	},
);
