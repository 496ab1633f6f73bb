/**
 * `POST /admin/list-user-sessions`, `POST /admin/revoke-user-session` and
 * `POST /admin/revoke-user-sessions`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { fullContext } from "../../../context/full-context";
import { ADMIN_ERROR_CODES } from "../error-codes";
import { adminSession, adminSessionMiddleware } from "../middleware";
import { type AdminConfig, requirePermission } from "../permissions";
import { userIdSchema } from "./shared";

const userIdBody = z.object({ userId: userIdSchema });
const sessionTokenBody = z.object({ sessionToken: z.string() });

export function listUserSessions(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/list-user-sessions",
		{ method: "POST", body: userIdBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			requirePermission(
				config,
				adminSession(ctx).user,
				{ session: ["list"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS,
			);
			// Every session, impersonations and expired ones included (an unknown user has none).
			const sessions = await fullContext(ctx).internalAdapter.listSessions(ctx.body.userId);
			return ctx.json({ sessions });
		},
	);
}

export function revokeUserSession(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/revoke-user-session",
		{ method: "POST", body: sessionTokenBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			requirePermission(
				config,
				adminSession(ctx).user,
				{ session: ["revoke"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS,
			);
			await fullContext(ctx).internalAdapter.deleteSession(ctx.body.sessionToken);
			return ctx.json({ success: true });
		},
	);
}

export function revokeUserSessions(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/revoke-user-sessions",
		{ method: "POST", body: userIdBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			requirePermission(
				config,
				adminSession(ctx).user,
				{ session: ["revoke"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS,
			);
			await fullContext(ctx).internalAdapter.deleteUserSessions(ctx.body.userId);
			return ctx.json({ success: true });
		},
	);
}
