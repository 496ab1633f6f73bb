/** Password checks and session issuing shared by the endpoints. */
import type { Session, User } from "@better-auth/core";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import type { FullAuthContext } from "../../context/full-context";
import { type CookieCtx, dontRemember } from "./cookies";

/**
 * Checks the user's credential password. A user without one (social sign-in only) answers
 * `INVALID_PASSWORD` too, as better-auth 1.7 does: there is no password that could be right.
 */
export async function assertPassword(context: FullAuthContext, userId: string, password: string) {
	const credential = (await context.internalAdapter.findAccounts(userId)).find(
		(account) => account.providerId === "credential" && account.password,
	);
	if (!credential?.password || !(await context.password.verify({ hash: credential.password, password }))) {
		throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
	}
}

/** A new session for `user` with its cookie; "remember me: off" carries over from the request. */
export async function issueSession(
	ctx: CookieCtx,
	context: FullAuthContext,
	user: User,
	browserSession?: boolean,
): Promise<Session> {
	browserSession ??= await dontRemember(ctx, context);
	const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx), browserSession);
	if (!session) throw new APIError("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
	await setSessionCookie(ctx, { session, user }, browserSession);
	return session;
}

/**
 * Replaces the current session with a new one after the user's 2FA status changed, so a session
 * token obtained before the change does not outlive it.
 */
export async function rotateSession(ctx: CookieCtx, context: FullAuthContext, user: User, old: Session) {
	const session = await issueSession(ctx, context, user);
	await context.internalAdapter.deleteSession(old.token);
	return session;
}

/** Sets `user.twoFactorEnabled` and returns the updated user. */
export async function setTwoFactorEnabled(context: FullAuthContext, user: User, enabled: boolean): Promise<User> {
	const updated = await context.internalAdapter.updateUser(user.id, { twoFactorEnabled: enabled });
	return updated ?? ({ ...user, twoFactorEnabled: enabled } as User);
}
