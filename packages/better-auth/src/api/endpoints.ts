import type { BetterAuthOptions, BetterAuthPlugin } from "@better-auth/core";
import type { Endpoint } from "better-call";
import { sendVerificationEmailEndpoint, verifyEmail } from "./routes/email-verification";
import { error } from "./routes/error";
import { ok } from "./routes/ok";
import { requestPasswordReset, requestPasswordResetCallback, resetPassword } from "./routes/password-reset";
import { getSession, signOut } from "./routes/session";
import { listSessions, revokeOtherSessions, revokeSession, revokeSessions } from "./routes/sessions";
import { signInEmail } from "./routes/sign-in";
import { signUpEmail } from "./routes/sign-up";
import {
	accountInfo,
	callbackOAuth,
	getAccessToken,
	linkSocialAccount,
	refreshToken,
	signInSocial,
	unlinkAccount,
} from "./routes/social";
import { changePassword, listAccounts, setPassword, updateSession, updateUser, verifyPassword } from "./routes/user";
import { changeEmail, deleteUser, deleteUserCallback } from "./routes/user-lifecycle";

/** The core endpoints, keyed by their `auth.api` name (camelCase of the path). */
export const coreEndpoints = {
	ok,
	error,
	signUpEmail,
	signInEmail,
	signInSocial,
	callbackOAuth,
	signOut,
	getSession,
	listSessions,
	revokeSession,
	revokeSessions,
	revokeOtherSessions,
	updateUser,
	changePassword,
	setPassword,
	listUserAccounts: listAccounts,
	updateSession,
	verifyPassword,
	linkSocialAccount,
	unlinkAccount,
	getAccessToken,
	refreshToken,
	accountInfo,
	requestPasswordReset,
	requestPasswordResetCallback,
	resetPassword,
	sendVerificationEmail: sendVerificationEmailEndpoint,
	verifyEmail,
	changeEmail,
	deleteUser,
	deleteUserCallback,
} satisfies Record<string, Endpoint>;

/** Core endpoints plus every plugin's; a plugin endpoint with a core key replaces it. */
export function getEndpoints(options: BetterAuthOptions): Record<string, Endpoint> {
	const endpoints: Record<string, Endpoint> = { ...coreEndpoints };
	for (const plugin of (options.plugins ?? []) as unknown as BetterAuthPlugin[]) {
		Object.assign(endpoints, plugin.endpoints);
	}
	return endpoints;
}
