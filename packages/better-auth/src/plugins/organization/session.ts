/** The signed-in session as the organization endpoints use it, and its active organization/team. */
import type { Session, User } from "@better-auth/core";
import { currentSession } from "../../api/middlewares/session";
import { setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";

export type OrgSession = {
	session: Session & { activeOrganizationId?: string | null; activeTeamId?: string | null };
	user: User;
};

/** `ctx.context.session` as `sessionMiddleware` set it. */
export function orgSession(ctx: { context: unknown }): OrgSession {
	return currentSession(ctx) as OrgSession;
}

/** The active organization of a session, or null. */
export function activeOrganizationId(session: OrgSession | null | undefined): string | null {
	return session?.session.activeOrganizationId ?? null;
}

type Ctx = Parameters<typeof setSessionCookie>[0];

/**
 * Writes session fields (the active organization or team); with `refreshCookie` the session
 * cookie is sent again, as better-auth 1.7 does on set-active.
 */
export async function updateActive(
	ctx: Ctx,
	session: OrgSession,
	data: { activeOrganizationId?: string | null; activeTeamId?: string | null },
	refreshCookie = false,
): Promise<OrgSession> {
	const context = fullContext(ctx);
	const updated = await context.internalAdapter.updateSession(session.session.token, data);
	const next = { session: { ...session.session, ...data, ...(updated ?? {}) }, user: session.user } as OrgSession;
	if (refreshCookie) await setSessionCookie(ctx, next);
	return next;
}
