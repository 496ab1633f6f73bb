/**
 * `POST /admin/create-user`, `GET /admin/get-user`, `POST /admin/update-user`,
 * `POST /admin/remove-user` and `POST /admin/set-user-password`.
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { checkPasswordLength, userOutput } from "../../../api/routes/shared";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { ADMIN_ERROR_CODES } from "../error-codes";
import {
	adminSession,
	adminSessionMiddleware,
	optionalAdminSession,
	optionalAdminSessionMiddleware,
} from "../middleware";
import { type AdminConfig, requirePermission, roleValue } from "../permissions";
import { userFields } from "../user-data";
import { userIdSchema } from "./shared";

const createUserBody = z.object({
	email: z.string(),
	password: z.string().optional(),
	name: z.string(),
	role: z.union([z.string(), z.array(z.string())]).optional(),
	data: z.record(z.string(), z.unknown()).optional(),
});

const updateUserBody = z.object({ userId: userIdSchema, data: z.record(z.string(), z.unknown()) });

const userIdBody = z.object({ userId: userIdSchema });

const setUserPasswordBody = z.object({
	userId: userIdSchema,
	newPassword: z.string().min(1, "newPassword cannot be empty"),
});

const isEmail = (value: unknown) => typeof value === "string" && z.email().safeParse(value).success;

/** Finds a user or answers 404 `USER_NOT_FOUND`. */
export async function findUserOr404(context: FullAuthContext, userId: string): Promise<User> {
	const user = await context.internalAdapter.findUserById(userId);
	if (!user) throw new APIError("NOT_FOUND", BASE_ERROR_CODES.USER_NOT_FOUND);
	return user;
}

export function createUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/create-user",
		{ method: "POST", body: createUserBody, use: [originCheck(), optionalAdminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = optionalAdminSession(ctx);
			if (session) {
				requirePermission(
					config,
					session.user,
					{ user: ["create"] },
					ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS,
				);
			}
			const { email, password, name, role, data = {} } = ctx.body;
			const requestedRole = role ?? data.role;
			const roleToStore = requestedRole === undefined ? config.defaultRole : roleValue(config, requestedRole);
			if (!isEmail(email)) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
			if (await context.internalAdapter.findUserByEmail(email)) {
				throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
			}
			// better-auth 1.7 skips the minimum length here (and takes "" as no password); we apply the
			// same policy as sign-up and set-user-password.
			if (password !== undefined) checkPasswordLength(password, context.password.config);
			const { id, role: _dataRole, ...rest } = data;
			if (id !== undefined && (typeof id !== "string" || id === "")) {
				throw new APIError("BAD_REQUEST", {
					message: "[body.data.id] Invalid input: expected string",
					code: "VALIDATION_ERROR",
				});
			}
			const fields = { ...userFields(context, rest), email, name, role: roleToStore, ...(id ? { id } : {}) };
			const hash = password !== undefined ? await context.password.hash(password) : null;
			const user = await context.adapter.transaction(async () => {
				const created = await context.internalAdapter.createUser(fields);
				if (!created) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.FAILED_TO_CREATE_USER);
				if (hash) {
					await context.internalAdapter.createAccount({
						userId: created.id,
						accountId: created.id,
						providerId: "credential",
						password: hash,
					});
				}
				return created;
			});
			return ctx.json({ user: userOutput(context, user) });
		},
	);
}

export function getUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/get-user",
		{ method: "GET", query: z.object({ id: z.string() }), use: [adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			requirePermission(
				config,
				adminSession(ctx).user,
				{ user: ["get"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_GET_USER,
			);
			return ctx.json(userOutput(context, await findUserOr404(context, ctx.query.id)));
		},
	);
}

/** Fields whose change needs a permission beyond `user: ["update"]`, and the error without it. */
const GUARDED_FIELDS = [
	{ fields: ["role"], action: "set-role", error: ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE },
	{
		fields: ["banned", "banReason", "banExpires"],
		action: "ban",
		error: ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS,
	},
	{
		fields: ["email", "emailVerified"],
		action: "set-email",
		error: ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL,
	},
	{
		fields: ["phoneNumber", "phoneNumberVerified"],
		action: "set-phone",
		error: ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER,
	},
] as const;

export function adminUpdateUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/update-user",
		{ method: "POST", body: updateUserBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user: actor } = adminSession(ctx);
			requirePermission(config, actor, { user: ["update"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS);
			const data = Object.fromEntries(Object.entries(ctx.body.data).filter(([, value]) => value !== undefined));
			if (Object.keys(data).length === 0) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.NO_DATA_TO_UPDATE);
			if ("password" in data) {
				throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER);
			}
			if ("id" in data) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ID_CANNOT_BE_UPDATED);
			for (const guard of GUARDED_FIELDS) {
				if (guard.fields.some((field) => field in data)) {
					requirePermission(config, actor, { user: [guard.action] }, guard.error);
				}
			}
			const { role, email, ...rest } = data;
			const update = userFields(context, rest);
			if (role !== undefined) update.role = roleValue(config, role);
			if (email !== undefined) {
				if (!isEmail(email)) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
				update.email = (email as string).toLowerCase();
			}
			const target = await findUserOr404(context, ctx.body.userId);
			if (update.email !== undefined && update.email !== target.email) {
				const holder = await context.internalAdapter.findUserByEmail(update.email as string);
				if (holder) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
			}
			// Only unknown keys: 1.7 answers 200 with the user (touching updatedAt), and so do we.
			const updated = await context.internalAdapter.updateUser(target.id, update);
			if (!updated) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UPDATE_USER);
			return ctx.json(userOutput(context, updated));
		},
	);
}

export function removeUser(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/remove-user",
		{ method: "POST", body: userIdBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { user: actor } = adminSession(ctx);
			requirePermission(config, actor, { user: ["delete"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS);
			if (ctx.body.userId === actor.id) throw new APIError("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_REMOVE_YOURSELF);
			const target = await findUserOr404(context, ctx.body.userId);
			await context.internalAdapter.deleteUser(target.id);
			return ctx.json({ success: true });
		},
	);
}

export function setUserPassword(config: AdminConfig) {
	return createAuthEndpoint(
		"/admin/set-user-password",
		{ method: "POST", body: setUserPasswordBody, use: [originCheck(), adminSessionMiddleware] },
		async (ctx) => {
			const context = fullContext(ctx);
			requirePermission(
				config,
				adminSession(ctx).user,
				{ user: ["set-password"] },
				ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD,
			);
			const { userId, newPassword } = ctx.body;
			checkPasswordLength(newPassword, context.password.config);
			const target = await findUserOr404(context, userId);
			const hash = await context.password.hash(newPassword);
			const credential = (await context.internalAdapter.findAccounts(target.id)).find(
				(account) => account.providerId === "credential",
			);
			// A user who signed up another way gets a credential account, so the password works.
			if (credential) await context.internalAdapter.updatePassword(target.id, hash);
			else {
				await context.internalAdapter.createAccount({
					userId: target.id,
					accountId: target.id,
					providerId: "credential",
					password: hash,
				});
			}
			return ctx.json({ status: true });
		},
	);
}
