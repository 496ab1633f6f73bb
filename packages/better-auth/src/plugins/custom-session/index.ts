/**
 * `customSession`: get-session (and `useSession`) answer with what your function returns for the
 * signed-in `{ user, session }`, instead of the pair itself. Signed-out stays null.
 *
 * @example
 * customSession(async ({ user, session }) => ({ user: { ...user, roles: await rolesOf(user.id) }, session }))
 */
import type { BetterAuthOptions, BetterAuthPlugin, Session, User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { resolveSession } from "../../api/routes/session";
import type { InferSession, InferUser } from "../../infer";

const queryBoolean = z.preprocess((value) => value === true || value === "true", z.boolean()).optional();

/** The endpoint context your function receives (headers, request, `context`...). */
export type CustomSessionContext = { headers?: Headers; request?: Request; context: unknown };

export function customSession<
	Returns extends Record<string, unknown>,
	Options extends BetterAuthOptions = BetterAuthOptions,
>(
	fn: (
		session: { user: InferUser<Options>; session: InferSession<Options> },
		ctx: CustomSessionContext,
	) => Promise<Returns> | Returns,
	/** Your auth options, so the function's argument includes additional fields. Type only. */
	_options?: Options,
) {
	return {
		id: "custom-session" as const,
		endpoints: {
			getSession: createAuthEndpoint(
				"/get-session",
				{
					method: "GET",
					query: z.optional(z.object({ disableCookieCache: queryBoolean, disableRefresh: queryBoolean })),
					requireHeaders: true,
				},
				async (ctx): Promise<Returns | null> => {
					const found = await resolveSession(ctx);
					if (!found) return ctx.json(null);
					const custom = await fn(
						found as { user: User & InferUser<Options>; session: Session & InferSession<Options> },
						ctx,
					);
					return ctx.json(custom);
				},
			),
		},
	} satisfies BetterAuthPlugin;
}
