/**
 * What the admin plugin adds to flows it does not own:
 * - no session for a banned user, whatever creates it (any sign-in, OAuth callback,
 *   impersonation); a ban whose time is up is lifted instead;
 * - impersonation sessions keep their short expiry through session refreshes;
 * - `/list-sessions` leaves impersonation sessions out, so users do not see an admin's visits.
 */
import type { AuthContext, AuthHook, Session } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import type { FullAuthContext } from "../../context/full-context";
import { currentEndpointContext } from "../../context/request-state";
import { ADMIN_ERROR_CODES } from "./error-codes";
import type { AdminConfig } from "./permissions";

type BanFields = { banned?: boolean | null; banExpires?: Date | string | null };

const OAUTH_CALLBACK = /^\/(oauth2\/)?callback(\/|$)/;

/** Throws unless the user may get a session; lifts a ban that has run out. */
async function refuseBanned(context: FullAuthContext, config: AdminConfig, userId: string) {
	const user = (await context.internalAdapter.findUserById(userId)) as (BanFields & { id: string }) | null;
	if (!user?.banned) return;
	const expires = user.banExpires ? new Date(user.banExpires).getTime() : null;
	if (expires !== null && expires < Date.now()) {
		await context.internalAdapter.updateUser(user.id, { banned: false, banReason: null, banExpires: null });
		return;
	}
	const path = (currentEndpointContext() as { path?: string } | null)?.path ?? "";
	if (OAUTH_CALLBACK.test(path)) {
		// A browser is being redirected through a callback: send it to the error page, not a JSON 403.
		const base = context.options.onAPIError?.errorURL ?? `${context.baseURL}/error`;
		const query = new URLSearchParams({ error: "BANNED_USER", error_description: config.bannedUserMessage });
		throw new APIError("FOUND", undefined, { location: `${base}${base.includes("?") ? "&" : "?"}${query}` });
	}
	throw new APIError("FORBIDDEN", { ...ADMIN_ERROR_CODES.BANNED_USER, message: config.bannedUserMessage });
}

/**
 * The `init` step: wraps `internalAdapter.createSession` with the ban check, so every way into a
 * session (core routes and other plugins alike) goes through it.
 */
export function guardSessions(config: AdminConfig) {
	return (authContext: AuthContext) => {
		const context = authContext as FullAuthContext;
		const internalAdapter = context.internalAdapter;
		const guarded: FullAuthContext["internalAdapter"] = {
			...internalAdapter,
			createSession: async (...args) => {
				await refuseBanned(context, config, args[0]);
				return internalAdapter.createSession(...args);
			},
			// An impersonation session ends when `impersonationSessionDuration` says: session refreshes
			// (get-session's sliding expiry) must not stretch it to a full session lifetime.
			updateSession: async (token, data) => {
				if (data.expiresAt === undefined) return internalAdapter.updateSession(token, data);
				const found = await internalAdapter.findSession(token);
				if (!(found?.session as { impersonatedBy?: string | null } | undefined)?.impersonatedBy) {
					return internalAdapter.updateSession(token, data);
				}
				const { expiresAt: _kept, ...rest } = data;
				return internalAdapter.updateSession(token, rest);
			},
		};
		// The default role is given at creation rather than declared as the column's default, so that
		// sign-up refuses a client's `role` with FIELD_NOT_ALLOWED as better-auth 1.7 does.
		const databaseHooks = {
			user: {
				create: {
					before: async (user: Record<string, unknown>) =>
						user.role === undefined || user.role === null ? { data: { role: config.defaultRole } } : undefined,
				},
			},
		};
		return {
			context: { internalAdapter: guarded } as Partial<AuthContext>,
			options: { databaseHooks } as AuthContext["options"],
		};
	};
}

/** After `/list-sessions`: drop the sessions admins opened by impersonating the user. */
export const hideImpersonationSessions: AuthHook = {
	matcher: (ctx) => ctx.path === "/list-sessions",
	handler: createAuthMiddleware(async (ctx) => {
		const returned = ctx.context.returned;
		if (!Array.isArray(returned)) return;
		return ctx.json(
			returned.filter((session: Session & { impersonatedBy?: string | null }) => !session.impersonatedBy),
		);
	}),
};
