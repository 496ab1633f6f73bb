/** `POST /organization/has-permission`: whether the signed-in member is granted some actions. */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { sessionMiddleware } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import type { OrganizationConfig, Permissions } from "../config";
import { findMember, memberCan } from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { orgSession } from "../session";
import type { PermissionsOf } from "../types";
import { targetOrganization } from "./members";

const permissionsSchema = z.record(z.string(), z.array(z.string()));

const hasPermissionBody = z.union([
	z.object({ organizationId: z.string().optional(), permissions: permissionsSchema }),
	/** Deprecated in better-auth 1.7, which accepts it and grants nothing: so do we. */
	z.object({ organizationId: z.string().optional(), permission: permissionsSchema }),
]);

export function hasPermission<O>(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/has-permission",
		{
			method: "POST",
			body: hasPermissionBody,
			use: [originCheck(), sessionMiddleware],
			requireHeaders: true,
			metadata: { $Infer: { body: {} as { permissions: PermissionsOf<O>; organizationId?: string } } },
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = targetOrganization(session, ctx.body.organizationId);
			const permissions = "permissions" in ctx.body ? (ctx.body.permissions as Permissions) : null;
			const member = await findMember(context, organizationId, session.user.id);
			if (!member) throw new APIError("UNAUTHORIZED", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			const success = Boolean(permissions && (await memberCan(context, config, member, permissions)));
			return ctx.json({ error: null, success });
		},
	);
}
