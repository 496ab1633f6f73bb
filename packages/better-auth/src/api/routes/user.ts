import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { fullContext } from "../../context/full-context";
import { originCheck } from "../middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../middlewares/session";
import { isDontRemember, requestMeta, setSessionCookie } from "../session-cookie";
import { CORE_SESSION_FIELDS, CORE_USER_FIELDS, checkPasswordLength, clientFields, userOutput } from "./shared";

const updateUserBody = z.object({ name: z.string().optional(), image: z.string().nullish() }).passthrough();

/** `POST /update-user`: name, image and additional fields the client may set. Email has its own flow. */
export const updateUser = createAuthEndpoint(
	"/update-user",
	{ method: "POST", body: updateUserBody, use: [originCheck(), sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { session, user } = currentSession(ctx);
		const { name, image, ...rest } = ctx.body;
		if ("email" in rest) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_CAN_NOT_BE_UPDATED);
		const update: Record<string, unknown> = {};
		if (name !== undefined) update.name = name;
		if (image !== undefined) update.image = image;
		Object.assign(update, clientFields(context.tables.user.fields, CORE_USER_FIELDS, rest));
		if (Object.keys(update).length === 0)
			throw new APIError("BAD_REQUEST", { message: "No fields to update", code: "NO_FIELDS_TO_UPDATE" });
		const updated = await context.internalAdapter.updateUser(user.id, update);
		if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
		await setSessionCookie(ctx, { session, user: updated });
		return ctx.json({ status: true });
	},
);

const changePasswordBody = z.object({
	newPassword: z.string(),
	currentPassword: z.string(),
	revokeOtherSessions: z.boolean().optional(),
});

/** `POST /change-password`: checks the current password; can end every other session. */
export const changePassword = createAuthEndpoint(
	"/change-password",
	{ method: "POST", body: changePasswordBody, use: [originCheck(), sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const { newPassword, currentPassword, revokeOtherSessions } = ctx.body;
		checkPasswordLength(newPassword, context.password.config);
		const credential = (await context.internalAdapter.findAccounts(user.id)).find(
			(account) => account.providerId === "credential" && account.password,
		);
		if (!credential?.password) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.CREDENTIAL_ACCOUNT_NOT_FOUND);
		if (!(await context.password.verify({ hash: credential.password, password: currentPassword }))) {
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
		}
		await context.internalAdapter.updatePassword(user.id, await context.password.hash(newPassword));
		if (!revokeOtherSessions) return ctx.json({ token: null, user: userOutput(context, user) });
		await context.internalAdapter.deleteUserSessions(user.id);
		const session = await context.internalAdapter.createSession(user.id, requestMeta(ctx));
		if (!session) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		await setSessionCookie(ctx, { session, user });
		return ctx.json({ token: session.token, user: userOutput(context, user) });
	},
);

/** `auth.api.setPassword`: adds a password to a user who signed up another way. Not reachable over HTTP. */
export const setPassword = createAuthEndpoint(
	"/set-password",
	{
		method: "POST",
		body: z.object({ newPassword: z.string() }),
		use: [sessionMiddleware],
		metadata: { SERVER_ONLY: true },
	},
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		checkPasswordLength(ctx.body.newPassword, context.password.config);
		const accounts = await context.internalAdapter.findAccounts(user.id);
		if (accounts.some((account) => account.providerId === "credential" && account.password)) {
			throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_ALREADY_SET);
		}
		await context.internalAdapter.createAccount({
			userId: user.id,
			accountId: user.id,
			providerId: "credential",
			password: await context.password.hash(ctx.body.newPassword),
		});
		return ctx.json({ status: true });
	},
);

/** `GET /list-accounts`: the user's linked accounts, without tokens or password. */
export const listAccounts = createAuthEndpoint(
	"/list-accounts",
	{ method: "GET", use: [sessionMiddleware] },
	async (ctx) => {
		const accounts = await fullContext(ctx).internalAdapter.findAccounts(currentSession(ctx).user.id);
		return ctx.json(
			accounts.map((account) => ({
				id: account.id,
				accountId: account.accountId,
				providerId: account.providerId,
				userId: account.userId,
				createdAt: account.createdAt,
				updatedAt: account.updatedAt,
				scopes: account.scope ? account.scope.split(/[ ,]+/).filter(Boolean) : [],
			})),
		);
	},
);

/** `POST /verify-password`: checks the signed-in user's password (before a sensitive action). */
export const verifyPassword = createAuthEndpoint(
	"/verify-password",
	{ method: "POST", body: z.object({ password: z.string() }), use: [originCheck(), sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { user } = currentSession(ctx);
		const credential = (await context.internalAdapter.findAccounts(user.id)).find(
			(account) => account.providerId === "credential" && account.password,
		);
		const valid = credential?.password
			? await context.password.verify({ hash: credential.password, password: ctx.body.password })
			: false;
		if (!valid) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
		return ctx.json({ status: true });
	},
);

/** `POST /update-session`: sets additional session fields the client may set (`session.additionalFields`). */
export const updateSession = createAuthEndpoint(
	"/update-session",
	{ method: "POST", body: z.record(z.string(), z.unknown()), use: [originCheck(), sessionMiddleware] },
	async (ctx) => {
		const context = fullContext(ctx);
		const { session, user } = currentSession(ctx);
		const update = clientFields(context.tables.session.fields, CORE_SESSION_FIELDS, ctx.body);
		if (Object.keys(update).length === 0)
			throw new APIError("BAD_REQUEST", { message: "No fields to update", code: "NO_FIELDS_TO_UPDATE" });
		const updated = await context.internalAdapter.updateSession(session.token, update);
		if (!updated)
			throw new APIError("BAD_REQUEST", { message: "Failed to update session", code: "FAILED_TO_UPDATE_SESSION" });
		await setSessionCookie(ctx, { session: updated, user }, isDontRemember(ctx));
		return ctx.json({ session: updated });
	},
);
