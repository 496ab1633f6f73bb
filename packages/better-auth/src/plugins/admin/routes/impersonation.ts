/**
 * `POST /admin/impersonate-user` and `POST /admin/stop-impersonating`.
 *
 * Impersonating creates a short session for the target (`impersonatedBy` = the admin) and parks
 * the admin's own session token in the signed `admin_session` cookie; stopping deletes the
 * impersonation session and puts the admin's session back.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { deleteSessionCookie, requestMeta, setSessionCookie } from "../../../api/session-cookie";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { createCookieGetter, parseCookies } from "../../../cookies";
import { signValue, verifySignedValue } from "../../../crypto/hmac";
import { ADMIN_ERROR_CODES } from "../error-codes";
import { adminSession, adminSessionMiddleware } from "../middleware";
import { type AdminConfig, hasPermission, isAdmin, requirePermission } from "../permissions";
import { userIdSchema } from "./shared";
import { findUserOr404 } from "./users";

const impersonateUserBody = z.object({ userId: userIdSchema });

/** The `admin_session` cookie: named and scoped like the session cookie. */
function adminCookie(context: FullAuthContext) {
	return createCookieGetter(context.options)("admin_session", {
		maxAge: context.authCookies.sessionToken.attributes.maxAge,
	});
}

/** A cookie of the request, its signature checked: the value, or null (absent or forged). */
async function signedCookie(ctx: { headers?: Headers; request?: Request }, name: string, secret: string) {
	const raw = parseCookies(ctx.headers?.get("cookie") ?? ctx.request?.headers.get("cookie")).get(name);
	return raw ? verifySignedValue(raw, secret) : null;
}

function expire(
	ctx: { setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown },
	cookie: ReturnType<typeof adminCookie>,
) {
	ctx.setCookie(cookie.name, "", { ...cookie.attributes, maxAge: 0 } as Record<string, unknown>);
}

export function impersonateUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/impersonate-user",
		{ method: "POST", body: impersonateUserBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { session: current, user: actor } = adminSession(ctx);
			requirePermission(
				config,
				actor,
				{ user: ["impersonate"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS,
			);
			const target = await findUserOr404(context, ctx.body.userId);
			const actorRole = typeof actor.role === "string" ? actor.role : null;
			if (
				isAdmin(config, target) &&
				!hasPermission(config, { userId: actor.id, role: actorRole }, { user: ["impersonate-admins"] })
			) {
				throw new APIError("FORBIDDEN", ADMIN_ERROR_CODES.YOU_CANNOT_IMPERSONATE_ADMINS);
			}
			const session = await context.internalAdapter.createSession(target.id, requestMeta(ctx), true, {
				impersonatedBy: actor.id,
				expiresAt: new Date(Date.now() + config.impersonationSessionDuration * 1000),
			});
			if (!session) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			// The admin's "don't remember me" choice travels with the token, to be restored on stop.
			const dontRemember = await signedCookie(ctx, context.authCookies.dontRememberToken.name, context.secret);
			const cookie = adminCookie(context);
			deleteSessionCookie(ctx);
			ctx.setCookie(
				cookie.name,
				await signValue(`${current.token}:${dontRemember ?? ""}`, context.secret),
				cookie.attributes as Record<string, unknown>,
			);
			await setSessionCookie(ctx, { session, user: target }, true);
			return ctx.json({ session, user: userOutput(context, target) });
		},
	);
}

export function stopImpersonating() {
	return createAuthEndpoint(
		"/admin/stop-impersonating",
		{ method: "POST", use: [originCheck(), adminSessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const { session: current } = adminSession(ctx);
			if (!current.impersonatedBy) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.NOT_IMPERSONATING);
			const cookie = adminCookie(context);
			const value = await signedCookie(ctx, cookie.name, context.secret);
			const separator = value?.lastIndexOf(":") ?? -1;
			const admin =
				value && separator > 0 ? await context.internalAdapter.findSession(value.slice(0, separator)) : null;
			// Missing, forged or stale: better-auth 1.7 answers 500 here. The parked session must also be
			// the impersonator's own: a cookie from another impersonation must not sign anyone else in.
			if (!admin || admin.session.expiresAt.getTime() <= Date.now() || admin.user.id !== current.impersonatedBy) {
				throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.FAILED_TO_FIND_ADMIN_SESSION);
			}
			const dontRemember = Boolean(value?.slice(separator + 1));
			await context.internalAdapter.deleteSession(current.token);
			await setSessionCookie(ctx, admin, dontRemember);
			if (!dontRemember) expire(ctx, context.authCookies.dontRememberToken);
			expire(ctx, cookie);
			return ctx.json({ session: admin.session, user: userOutput(context, admin.user) });
		},
	);
}
