import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { originCheck } from "../middlewares/origin-check";
import { deleteSessionCookie, readSessionToken } from "../session-cookie";
import { userOutput } from "./shared";

/**
 * `GET /get-session`: `{ session, user }` or null. One database round trip (session joined
 * with its user); an expired or revoked session clears the cookies.
 */
export const getSession = createAuthEndpoint(
	"/get-session",
	{
		method: "GET",
		query: z.optional(
			z.object({
				disableCookieCache: z.coerce.boolean().optional(),
				disableRefresh: z.coerce.boolean().optional(),
			}),
		),
		requireHeaders: true,
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { token, present } = await readSessionToken(ctx);
		if (!token) return ctx.json(null);
		const found = await context.internalAdapter.findSession(token);
		if (!found || found.session.expiresAt.getTime() <= Date.now()) {
			if (found) await context.internalAdapter.deleteSession(token);
			if (present) deleteSessionCookie(ctx);
			return ctx.json(null);
		}
		return ctx.json({ session: found.session, user: userOutput(context, found.user) });
	},
);

/** `POST /sign-out`: ends the current session and clears the session cookies. */
export const signOut = createAuthEndpoint("/sign-out", { method: "POST", use: [originCheck()] }, async (ctx) => {
	const context = fullContext(ctx);
	const { token } = await readSessionToken(ctx);
	if (token) await context.internalAdapter.deleteSession(token);
	deleteSessionCookie(ctx);
	return ctx.json({ success: true });
});
