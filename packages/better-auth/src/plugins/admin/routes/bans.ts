/** `POST /admin/ban-user` and `POST /admin/unban-user`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { fullContext } from "../../../context/full-context";
import { ADMIN_ERROR_CODES } from "../error-codes";
import { adminSession, adminSessionMiddleware } from "../middleware";
import { type AdminConfig, requirePermission } from "../permissions";
import { userIdSchema } from "./shared";
import { findUserOr404 } from "./users";

const banUserBody = z.object({
	userId: userIdSchema,
	banReason: z.string().optional(),
	/** Seconds; 0 or absent: the default (`defaultBanExpiresIn`, else never). */
	banExpiresIn: z.number().optional(),
});

const unbanUserBody = z.object({ userId: userIdSchema });

export function banUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/ban-user",
		{ method: "POST", body: banUserBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user: actor } = adminSession(ctx);
			requirePermission(config, actor, { user: ["ban"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
			const { userId, banReason, banExpiresIn } = ctx.body;
			if (userId === actor.id) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_BAN_YOURSELF);
			const target = await findUserOr404(context, userId);
			const expiresIn = banExpiresIn || config.defaultBanExpiresIn;
			const updated = await context.internalAdapter.updateUser(target.id, {
				banned: true,
				banReason: banReason || config.defaultBanReason,
				banExpires: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
			});
			if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
			// A ban ends every session the user has, not only future sign-ins.
			await context.internalAdapter.deleteUserSessions(target.id);
			return ctx.json({ user: userOutput(context, updated) });
		},
	);
}

export function unbanUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/unban-user",
		{ method: "POST", body: unbanUserBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			requirePermission(
				config,
				adminSession(ctx).user,
				{ user: ["ban"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS,
			);
			const target = await findUserOr404(context, ctx.body.userId);
			const updated = await context.internalAdapter.updateUser(target.id, {
				banned: false,
				banReason: null,
				banExpires: null,
			});
			if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
			return ctx.json({ user: userOutput(context, updated) });
		},
	);
}
