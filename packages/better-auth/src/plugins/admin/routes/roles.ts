/** `POST /admin/set-role` and `POST /admin/has-permission`. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { userOutput } from "../../../api/routes/shared";
import { fullContext } from "../../../context/full-context";
import { ADMIN_ERROR_CODES } from "../error-codes";
import {
	adminSession,
	adminSessionMiddleware,
	optionalAdminSession,
	optionalAdminSessionMiddleware,
} from "../middleware";
import { type AdminConfig, hasPermission, type Permissions, requirePermission, roleValue } from "../permissions";
import type { PermissionsOf, RoleNameOf } from "../types";
import { userIdSchema } from "./shared";
import { findUserOr404 } from "./users";

const setRoleBody = z.object({ userId: userIdSchema, role: z.union([z.string(), z.array(z.string())]) });

const hasPermissionBody = z.object({
	userId: userIdSchema.optional(),
	role: z.string().optional(),
	permissions: z.record(z.string(), z.array(z.string())),
	/** Removed in better-auth 1.7 (it answers 400 for it too): refused so no check passes by accident. */
	permission: z.undefined().optional(),
});

export function setRole(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/set-role",
		{
			method: "POST",
			body: setRoleBody,
			use: [originCheck(), adminSessionMiddleware],
			requireHeaders: true,
		},
		async (ctx) => {
			const context = fullContext(ctx);
			requirePermission(
				config,
				adminSession(ctx).user,
				{ user: ["set-role"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE,
			);
			const role = roleValue(config, ctx.body.role);
			const target = await findUserOr404(context, ctx.body.userId);
			const updated = await context.internalAdapter.updateUser(target.id, { role });
			if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
			return ctx.json({ user: userOutput(context, updated) });
		},
	);
}

/**
 * Over HTTP: whether the signed-in user is granted `permissions` (`userId` and `role` are
 * ignored). From the server without a request: for the user `userId`, or for a bare `role`.
 */
export function userHasPermission<O>(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/has-permission",
		{
			method: "POST",
			body: hasPermissionBody,
			use: [originCheck(), optionalAdminSessionMiddleware],
			metadata: {
				$Infer: {
					body: {} as { permissions: PermissionsOf<O>; userId?: string | number; role?: RoleNameOf<O> | (string & {}) },
				},
			},
		},
		async (ctx) => {
			const permissions = ctx.body.permissions as Permissions;
			const session = optionalAdminSession(ctx);
			let subject: { userId?: string; role?: string | null };
			if (session) {
				const role = typeof session.user.role === "string" ? session.user.role : null;
				subject = { userId: session.user.id, role };
			} else if (ctx.body.userId !== undefined) {
				const user = await fullContext(ctx).internalAdapter.findUserById(String(ctx.body.userId));
				if (!user) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
				const role = (user as { role?: unknown }).role;
				subject = { userId: user.id, role: typeof role === "string" ? role : null };
			} else if (ctx.body.role !== undefined) {
				subject = { role: ctx.body.role };
			} else {
				throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ID_OR_ROLE_REQUIRED);
			}
			return ctx.json({ error: null, success: hasPermission(config, subject, permissions) });
		},
	);
}
