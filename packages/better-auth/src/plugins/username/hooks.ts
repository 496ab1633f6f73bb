/**
 * Before-hooks on `/sign-up/email` and `/update-user`: validate `username` and `displayUsername`,
 * refuse a username someone else holds, and on sign-up fill in whichever of the two is missing.
 * Errors are 400s, as better-auth 1.7 answers on these two endpoints.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { getSessionFromCtx } from "../../api/middlewares/session";
import { fullContext } from "../../context/full-context";
import { USERNAME_ERROR_CODES } from "./error-codes";
import type { UsernameRules } from "./rules";

type Body = Record<string, unknown>;

export function usernameHooks(rules: UsernameRules): AuthHook[] {
	return [
		{
			matcher: (ctx) => ctx.path === "/sign-up/email" || ctx.path === "/update-user",
			handler: createAuthMiddleware(async (ctx) => {
				if (!ctx.body || typeof ctx.body !== "object") return;
				const signUp = ctx.path === "/sign-up/email";
				const body = { ...(ctx.body as Body) };
				const context = fullContext(ctx);

				// A sign-up with only a display username takes it as username too, when it is a valid one.
				if (signUp && body.username === undefined && typeof body.displayUsername === "string") {
					if (!(await rules.usernameError(body.displayUsername))) body.username = body.displayUsername;
				}

				const { username } = body;
				if (username !== undefined && username !== null) {
					if (typeof username !== "string") throw new APIError("BAD_REQUEST", USERNAME_ERROR_CODES.INVALID_USERNAME);
					const error = await rules.usernameError(username);
					if (error) throw new APIError("BAD_REQUEST", error);
					const holder = await rules.findByUsername(context, username);
					if (holder) {
						// Keeping one's own username is not a conflict.
						const own = signUp ? null : await getSessionFromCtx(ctx);
						if (own?.user.id !== holder.id) {
							throw new APIError("BAD_REQUEST", USERNAME_ERROR_CODES.USERNAME_IS_ALREADY_TAKEN);
						}
					}
					if (signUp && body.displayUsername === undefined) body.displayUsername = username;
				}

				const { displayUsername } = body;
				if (displayUsername !== undefined && displayUsername !== null) {
					if (typeof displayUsername !== "string" || !(await rules.displayUsernameValid(displayUsername))) {
						throw new APIError("BAD_REQUEST", USERNAME_ERROR_CODES.INVALID_DISPLAY_USERNAME);
					}
				}
				return { context: { body } };
			}),
		},
	];
}
