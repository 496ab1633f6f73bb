/**
 * Dynamic access control (with `dynamicAccessControl.enabled`): roles stored per organization in
 * `organizationRole`. `POST /organization/create-role`, `/update-role`, `/delete-role`; `GET
 * /organization/list-roles`, `/get-role`. Writing roles needs the server's `ac` (501 without);
 * a role may only grant what its creator holds (403 with `missingPermissions`).
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { type OrganizationConfig, type Permissions, roleNames } from "../config";
import { findMember, memberCan } from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { type OrgSession, orgSession } from "../session";
import type { Member } from "../types";

const permissionSchema = z.record(z.string(), z.array(z.string()));

const createRoleBody = z.object({
	organizationId: z.string().optional(),
	role: z.string().min(1),
	permission: permissionSchema,
	additionalFields: z.record(z.string(), z.unknown()).optional(),
});

const oneOf = (value: { roleName?: string; roleId?: string }) =>
	value.roleName !== undefined || value.roleId !== undefined;

const updateRoleBody = z
	.object({
		roleName: z.string().optional(),
		roleId: z.string().optional(),
		organizationId: z.string().optional(),
		data: z.object({ permission: permissionSchema.optional(), roleName: z.string().min(1).optional() }),
	})
	.refine(oneOf);

const deleteRoleBody = z
	.object({ roleName: z.string().optional(), roleId: z.string().optional(), organizationId: z.string().optional() })
	.refine(oneOf);

const listRolesQuery = z.object({ organizationId: z.string().optional() });

const getRoleQuery = z
	.object({ roleName: z.string().optional(), roleId: z.string().optional(), organizationId: z.string().optional() })
	.refine(oneOf);

type RoleRow = {
	id: string;
	organizationId: string;
	role: string;
	permission: string;
	createdAt: Date;
	updatedAt?: Date | null;
	[key: string]: unknown;
};

/** A stored role as answered: `permission` parsed, `updatedAt` always present. */
function publicRole(row: RoleRow) {
	let permission: unknown = row.permission;
	try {
		permission = JSON.parse(row.permission);
	} catch {
		// left as stored
	}
	return { ...row, permission, updatedAt: row.updatedAt ?? null };
}

function requireAc(config: OrganizationConfig) {
	if (!config.options.ac) throw new APIError("NOT_IMPLEMENTED", CODES.MISSING_AC_INSTANCE);
	return config.options.ac;
}

/** The caller's membership of the organization the call is about, with `permissions` or 403 `denied`. */
async function callerWith(
	context: FullAuthContext,
	config: OrganizationConfig,
	session: OrgSession,
	organizationId: string | undefined,
	permissions: Permissions,
	denied: { message: string; code: string },
	noOrganization: { message: string; code: string } = CODES.NO_ACTIVE_ORGANIZATION,
): Promise<Member> {
	const id = organizationId ?? session.session.activeOrganizationId;
	if (!id) throw new APIError("BAD_REQUEST", noOrganization);
	const member = await findMember(context, id, session.user.id);
	if (!member) throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION);
	if (!(await memberCan(context, config, member, permissions))) throw new APIError("FORBIDDEN", denied);
	return member;
}

function findRole(context: FullAuthContext, organizationId: string, by: { roleName?: string; roleId?: string }) {
	const where = [{ field: "organizationId", value: organizationId }];
	if (by.roleId !== undefined) where.push({ field: "id", value: by.roleId });
	else where.push({ field: "role", value: by.roleName ?? "" });
	return context.adapter.findOne<RoleRow>({ model: "organizationRole", where });
}

/** Refuses resources the access controller does not define (400 `INVALID_RESOURCE`). */
function checkResources(statements: Record<string, readonly string[]>, permission: Permissions) {
	for (const resource of Object.keys(permission)) {
		if (!Object.hasOwn(statements, resource)) throw new APIError("BAD_REQUEST", CODES.INVALID_RESOURCE);
	}
}

/** Refuses granting what the caller does not hold (403 with `missingPermissions`). */
async function checkEscalation(
	context: FullAuthContext,
	config: OrganizationConfig,
	member: Member,
	permission: Permissions,
	denied: { message: string; code: string },
) {
	const missing: string[] = [];
	for (const [resource, actions] of Object.entries(permission)) {
		for (const action of actions) {
			if (!(await memberCan(context, config, member, { [resource]: [action] }))) missing.push(`${resource}:${action}`);
		}
	}
	if (missing.length > 0) throw new APIError("FORBIDDEN", { ...denied, missingPermissions: missing });
}

async function nameTaken(context: FullAuthContext, config: OrganizationConfig, organizationId: string, name: string) {
	if (Object.hasOwn(config.roles, name)) return true;
	return Boolean(await findRole(context, organizationId, { roleName: name }));
}

export function createOrgRole(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/create-role",
		{ method: "POST", body: createRoleBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const ac = requireAc(config);
			const { role, permission, additionalFields } = ctx.body;
			const member = await callerWith(
				context,
				config,
				session,
				ctx.body.organizationId,
				{ ac: ["create"] },
				CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_A_ROLE,
				CODES.YOU_MUST_BE_IN_AN_ORGANIZATION_TO_CREATE_A_ROLE,
			);
			const organizationId = member.organizationId;
			if (await nameTaken(context, config, organizationId, role)) {
				throw new APIError("BAD_REQUEST", CODES.ROLE_NAME_IS_ALREADY_TAKEN);
			}
			checkResources(ac.statements, permission);
			await checkEscalation(context, config, member, permission, CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_A_ROLE);
			const maximum = config.options.dynamicAccessControl?.maximumRolesPerOrganization;
			if (maximum !== undefined) {
				const limit = typeof maximum === "function" ? await maximum(organizationId) : maximum;
				const count = await context.adapter.count({
					model: "organizationRole",
					where: [{ field: "organizationId", value: organizationId }],
				});
				if (count >= limit) throw new APIError("BAD_REQUEST", CODES.TOO_MANY_ROLES);
			}
			const row = await context.adapter.create<Record<string, unknown>, RoleRow>({
				model: "organizationRole",
				data: {
					...(additionalFields ?? {}),
					organizationId,
					role,
					permission: JSON.stringify(permission),
					createdAt: new Date(),
					updatedAt: null,
				},
			});
			return ctx.json({ success: true, roleData: publicRole(row), statements: permission });
		},
	);
}

export function listOrgRoles(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/list-roles",
		{ method: "GET", query: listRolesQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const member = await callerWith(
				context,
				config,
				orgSession(ctx),
				ctx.query?.organizationId,
				{ ac: ["read"] },
				CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_A_ROLE,
			);
			const rows = await context.adapter.findMany<RoleRow>({
				model: "organizationRole",
				where: [{ field: "organizationId", value: member.organizationId }],
			});
			return ctx.json(rows.map(publicRole));
		},
	);
}

export function getOrgRole(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/get-role",
		{ method: "GET", query: getRoleQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const member = await callerWith(
				context,
				config,
				orgSession(ctx),
				ctx.query.organizationId,
				{ ac: ["read"] },
				CODES.YOU_ARE_NOT_ALLOWED_TO_READ_A_ROLE,
			);
			const row = await findRole(context, member.organizationId, ctx.query);
			if (!row) throw new APIError("BAD_REQUEST", CODES.ROLE_NOT_FOUND);
			return ctx.json(publicRole(row));
		},
	);
}

export function updateOrgRole(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/update-role",
		{ method: "POST", body: updateRoleBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const ac = requireAc(config);
			const member = await callerWith(
				context,
				config,
				session,
				ctx.body.organizationId,
				{ ac: ["update"] },
				CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_A_ROLE,
			);
			const organizationId = member.organizationId;
			const row = await findRole(context, organizationId, ctx.body);
			if (!row) throw new APIError("BAD_REQUEST", CODES.ROLE_NOT_FOUND);
			const { permission, roleName } = ctx.body.data;
			const update: Record<string, unknown> = {};
			if (roleName !== undefined && roleName !== row.role) {
				if (await nameTaken(context, config, organizationId, roleName)) {
					throw new APIError("BAD_REQUEST", CODES.ROLE_NAME_IS_ALREADY_TAKEN);
				}
				update.role = roleName;
			}
			if (permission !== undefined) {
				checkResources(ac.statements, permission);
				await checkEscalation(context, config, member, permission, CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_A_ROLE);
				update.permission = JSON.stringify(permission);
			}
			await context.adapter.update({
				model: "organizationRole",
				where: [{ field: "id", value: row.id }],
				update: { ...update, updatedAt: new Date() },
			});
			// 1.7 answers the role as it was read, with the changes applied (its `updatedAt` is the previous one).
			return ctx.json({ success: true, roleData: publicRole({ ...row, ...update } as RoleRow) });
		},
	);
}

export function deleteOrgRole(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/delete-role",
		{ method: "POST", body: deleteRoleBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const member = await callerWith(
				context,
				config,
				orgSession(ctx),
				ctx.body.organizationId,
				{ ac: ["delete"] },
				CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_A_ROLE,
			);
			if (ctx.body.roleName !== undefined && Object.hasOwn(config.roles, ctx.body.roleName)) {
				throw new APIError("BAD_REQUEST", CODES.CANNOT_DELETE_A_PRE_DEFINED_ROLE);
			}
			const row = await findRole(context, member.organizationId, ctx.body);
			if (!row) throw new APIError("BAD_REQUEST", CODES.ROLE_NOT_FOUND);
			const members = await context.adapter.findMany<Member>({
				model: "member",
				where: [{ field: "organizationId", value: member.organizationId }],
			});
			if (members.some((holder) => roleNames(holder.role).includes(row.role))) {
				throw new APIError("BAD_REQUEST", CODES.ROLE_IS_ASSIGNED_TO_MEMBERS);
			}
			await context.adapter.delete({ model: "organizationRole", where: [{ field: "id", value: row.id }] });
			return ctx.json({ success: true });
		},
	);
}
