/**
 * A phone number is set only by verifying a code sent to it: sign-up and update-user refuse a
 * `phoneNumber`, for server calls too, as better-auth 1.7 does. `phoneNumber: null` passes; on
 * update-user it removes the number, which then no longer counts as verified.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { getSessionFromCtx } from "../../api/middlewares/session";
import { fullContext } from "../../context/full-context";
import { PHONE_NUMBER_ERROR_CODES } from "./error-codes";

export function phoneNumberHooks(): AuthHook[] {
	return [
		{
			matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
			handler: createAuthMiddleware(async (ctx) => {
				const body = ctx.body as Record<string, unknown> | undefined;
				if (!body || typeof body !== "object" || body.phoneNumber === undefined) return;
				const signUp = ctx.path === "/sign-up/email";
				if (body.phoneNumber !== null) {
					throw new APIError(
						"BAD_REQUEST",
						signUp
							? PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_CANNOT_BE_SET
							: PHONE_NUMBER_ERROR_CODES.PHONE_NUMBER_CANNOT_BE_UPDATED,
					);
				}
				if (signUp) return;
				// Done before update-user runs, so the session it re-issues already carries the change.
				const session = await getSessionFromCtx(ctx);
				if (session) {
					await fullContext(ctx).internalAdapter.updateUser(session.user.id, { phoneNumberVerified: false });
				}
			}),
		},
	];
}
