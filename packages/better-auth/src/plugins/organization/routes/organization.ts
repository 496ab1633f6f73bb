/**
 * `POST /organization/create`, `/organization/check-slug`, `/organization/update`,
 * `/organization/delete`, `/organization/set-active`; `GET /organization/get-full-organization`
 * and `/organization/list`.
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx, sessionMiddleware } from "../../../api/middlewares/session";
import { fullContext } from "../../../context/full-context";
import { limitOf, mayCreateOrganization, type OrganizationConfig } from "../config";
import {
	findMember,
	findOrganization,
	listInvitations,
	listTeams,
	listUserOrganizations,
	memberCan,
	requireOrganization,
	withUsers,
} from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { type OrgSession, orgSession, updateActive } from "../session";
import { createTeamRow } from "../teams";
import type { Member, Organization } from "../types";

const metadataSchema = z.record(z.string(), z.unknown());

const createBody = z.object({
	name: z.string().min(1),
	slug: z.string().min(1),
	userId: z.string().optional(),
	logo: z.string().optional(),
	metadata: metadataSchema.optional(),
	keepCurrentActiveOrganization: z.boolean().optional(),
});

const slugBody = z.object({ slug: z.string() });

const updateBody = z.object({
	data: z.object({
		name: z.string().min(1).optional(),
		slug: z.string().min(1).optional(),
		logo: z.string().optional(),
		metadata: metadataSchema.optional(),
	}),
	organizationId: z.string().optional(),
});

const deleteBody = z.object({ organizationId: z.string() });

const setActiveBody = z.object({
	organizationId: z.string().nullable().optional(),
	organizationSlug: z.string().optional(),
});

const fullQuery = z.object({
	organizationId: z.string().optional(),
	organizationSlug: z.string().optional(),
	membersLimit: z.coerce.number().int().positive().optional(),
});

const getQuery = z.object({ organizationId: z.string().optional(), organizationSlug: z.string().optional() });

/** Returns the data a `before*` hook gave back, merged over `data`. */
async function applyBefore<T extends Record<string, unknown>>(
	data: T,
	...results: Promise<undefined | { data?: Record<string, unknown> }>[]
): Promise<T> {
	let next = data;
	for (const result of results) {
		const changed = await result;
		if (changed?.data) next = { ...next, ...changed.data };
	}
	return next;
}

const serialize = (metadata: unknown) =>
	metadata === undefined ? undefined : metadata === null ? null : JSON.stringify(metadata);

function parseMetadata(value: unknown): unknown {
	if (typeof value !== "string") return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** The creating user: the session's, or (server calls without one) the `userId` of the body. */
async function creator(ctx: Parameters<typeof getSessionFromCtx>[0], userId: string | undefined) {
	const session = (await getSessionFromCtx(ctx)) as OrgSession | null;
	if (session) return { session, user: session.user };
	const serverCall = !ctx.request && [...(ctx.headers?.keys() ?? [])].length === 0;
	if (!serverCall || !userId) throw new APIError("UNAUTHORIZED", { message: "Unauthorized", code: "UNAUTHORIZED" });
	const user = await fullContext(ctx).internalAdapter.findUserById(userId);
	if (!user) throw new APIError("UNAUTHORIZED", { message: "Unauthorized", code: "UNAUTHORIZED" });
	return { session: null, user };
}

export function createOrganization(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/create",
		{ method: "POST", body: createBody, use: [originCheck()] },
		async (ctx) => {
			const context = fullContext(ctx);
			const { session, user } = await creator(ctx, ctx.body.userId);
			if (!(await mayCreateOrganization(config, user))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_ORGANIZATION);
			}
			await assertUnderOrganizationLimit(config, context, user);
			if (await findOrganization(context, { slug: ctx.body.slug })) {
				throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_ALREADY_EXISTS);
			}
			const { name, slug, logo, metadata } = ctx.body;
			const hooks = config.hooks;
			const data = await applyBefore(
				{ name, slug, logo, metadata } as Record<string, unknown>,
				Promise.resolve(
					config.options.organizationCreation?.beforeCreate?.(
						{ organization: { name, slug, logo, metadata }, user },
						ctx.request,
					),
				),
				Promise.resolve(hooks.beforeCreateOrganization?.({ organization: { name, slug, logo, metadata }, user })),
			);
			const organization = await context.adapter.create<Record<string, unknown>, Organization>({
				model: "organization",
				data: { ...data, metadata: serialize(data.metadata), createdAt: new Date() },
			});
			const member = await context.adapter.create<Record<string, unknown>, Member>({
				model: "member",
				data: { organizationId: organization.id, userId: user.id, role: config.creatorRole, createdAt: new Date() },
			});
			let defaultTeamId: string | undefined;
			if (config.teams && config.options.teams?.defaultTeam?.enabled !== false) {
				const custom = config.options.teams?.defaultTeam?.customCreateDefaultTeam;
				const team = custom
					? await custom(organization, ctx.request)
					: await createTeamRow(context, { name: organization.name, organizationId: organization.id }, user.id);
				defaultTeamId = team?.id;
			}
			await config.options.organizationCreation?.afterCreate?.({ organization, member, user }, ctx.request);
			await hooks.afterCreateOrganization?.({ organization, member, user });
			if (session && !ctx.body.keepCurrentActiveOrganization) {
				// 1.7 also makes the default team the creator's active team.
				await updateActive(ctx, session, {
					activeOrganizationId: organization.id,
					...(defaultTeamId ? { activeTeamId: defaultTeamId } : {}),
				});
			}
			// better-auth 1.7 answers `metadata` as sent here (an object), and leaves it out when none was.
			return ctx.json({ ...organization, metadata: data.metadata ?? undefined, members: [member] });
		},
	);
}

async function assertUnderOrganizationLimit(
	config: OrganizationConfig,
	context: ReturnType<typeof fullContext>,
	user: User,
) {
	const limit = config.options.organizationLimit;
	if (limit === undefined) return;
	const reached =
		typeof limit === "function"
			? await limit(user)
			: (await context.adapter.count({ model: "member", where: [{ field: "userId", value: user.id }] })) >= limit;
	if (reached) throw new APIError("FORBIDDEN", CODES.YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS);
}

export function checkOrganizationSlug() {
	return createAuthEndpoint(
		"/organization/check-slug",
		{ method: "POST", body: slugBody, use: [originCheck(), sessionMiddleware] },
		async (ctx) => {
			if (await findOrganization(fullContext(ctx), { slug: ctx.body.slug })) {
				throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_SLUG_ALREADY_TAKEN);
			}
			return ctx.json({ status: true });
		},
	);
}

export function updateOrganization(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/update",
		{ method: "POST", body: updateBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = ctx.body.organizationId ?? session.session.activeOrganizationId;
			if (!organizationId) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
			const member = await findMember(context, organizationId, session.user.id);
			if (!member) throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			if (!(await memberCan(context, config, member, { organization: ["update"] }))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION);
			}
			const { slug } = ctx.body.data;
			if (slug !== undefined) {
				const holder = await findOrganization(context, { slug });
				if (holder && holder.id !== organizationId) {
					throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_SLUG_ALREADY_TAKEN);
				}
			}
			const data = await applyBefore(
				{ ...ctx.body.data } as Record<string, unknown>,
				Promise.resolve(
					config.hooks.beforeUpdateOrganization?.({ organization: { ...ctx.body.data }, user: session.user, member }),
				),
			);
			const update = { ...data, ...(data.metadata !== undefined ? { metadata: serialize(data.metadata) } : {}) };
			const organization =
				Object.keys(update).length > 0
					? await context.adapter.update<Organization>({
							model: "organization",
							where: [{ field: "id", value: organizationId }],
							update,
						})
					: await findOrganization(context, { id: organizationId });
			await config.hooks.afterUpdateOrganization?.({ organization, user: session.user, member });
			// better-auth 1.7 answers `metadata` parsed here (an object), unlike its other endpoints.
			return ctx.json(organization ? { ...organization, metadata: parseMetadata(organization.metadata) } : null);
		},
	);
}

export function deleteOrganization(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/delete",
		{ method: "POST", body: deleteBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const { organizationId } = ctx.body;
			if (config.options.disableOrganizationDeletion || config.options.organizationDeletion?.disabled) {
				throw new APIError("NOT_FOUND", { message: "Organization deletion is disabled" });
			}
			const member = await findMember(context, organizationId, session.user.id);
			if (!member) throw new APIError("BAD_REQUEST", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			if (!(await memberCan(context, config, member, { organization: ["delete"] }))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION);
			}
			const organization = await requireOrganization(context, organizationId);
			const data = { organization, user: session.user };
			await config.options.organizationDeletion?.beforeDelete?.(data, ctx.request);
			await config.hooks.beforeDeleteOrganization?.(data);
			await removeOrganizationRows(context, config, organizationId);
			if (session.session.activeOrganizationId === organizationId) {
				await updateActive(ctx, session, { activeOrganizationId: null });
			}
			await config.options.organizationDeletion?.afterDelete?.(data, ctx.request);
			await config.hooks.afterDeleteOrganization?.(data);
			return ctx.json(organization);
		},
	);
}

/** Deletes an organization and everything that belongs to it (adapters may lack cascades). */
async function removeOrganizationRows(
	context: ReturnType<typeof fullContext>,
	config: OrganizationConfig,
	organizationId: string,
) {
	const inOrg = [{ field: "organizationId", value: organizationId }];
	if (config.teams) {
		const teams = await listTeams(context, organizationId);
		if (teams.length > 0) {
			await context.adapter.deleteMany({
				model: "teamMember",
				where: [{ field: "teamId", value: teams.map((team) => team.id), operator: "in" }],
			});
		}
		await context.adapter.deleteMany({ model: "team", where: inOrg });
	}
	if (config.dynamicAccessControl) await context.adapter.deleteMany({ model: "organizationRole", where: inOrg });
	await context.adapter.deleteMany({ model: "invitation", where: inOrg });
	await context.adapter.deleteMany({ model: "member", where: inOrg });
	await context.adapter.delete({ model: "organization", where: [{ field: "id", value: organizationId }] });
}

export function setActiveOrganization() {
	return createAuthEndpoint(
		"/organization/set-active",
		{ method: "POST", body: setActiveBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const { organizationId, organizationSlug } = ctx.body;
			if (organizationId === null) {
				await updateActive(ctx, session, { activeOrganizationId: null }, true);
				return ctx.json(null);
			}
			let organization: Organization | null = null;
			if (organizationSlug !== undefined && organizationId === undefined) {
				organization = await findOrganization(context, { slug: organizationSlug });
				if (!organization) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
			}
			const id = organization?.id ?? organizationId ?? session.session.activeOrganizationId;
			if (!id) return ctx.json(null);
			if (!(await findMember(context, id, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			}
			organization ??= await requireOrganization(context, id);
			await updateActive(ctx, session, { activeOrganizationId: organization.id }, true);
			return ctx.json(organization);
		},
	);
}

export function getFullOrganization(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/get-full-organization",
		{ method: "GET", query: fullQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const { organizationId, organizationSlug, membersLimit } = ctx.query ?? {};
			const by =
				organizationSlug !== undefined && organizationId === undefined
					? { slug: organizationSlug }
					: { id: organizationId ?? session.session.activeOrganizationId ?? undefined };
			if (by.id === undefined && by.slug === undefined) return ctx.json(null);
			const organization = await findOrganization(context, by);
			if (!organization) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
			if (!(await findMember(context, organization.id, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			}
			const limit = membersLimit ?? (await limitOf(config.options.membershipLimit, 100, session.user, organization));
			const members = await context.adapter.findMany<Member>({
				model: "member",
				where: [{ field: "organizationId", value: organization.id }],
				limit,
				sortBy: { field: "createdAt", direction: "asc" },
			});
			const [withUser, invitations, teams] = await Promise.all([
				withUsers(context, members),
				listInvitations(context, organization.id),
				config.teams ? listTeams(context, organization.id) : Promise.resolve(undefined),
			]);
			return ctx.json({ ...organization, invitations, members: withUser, ...(teams ? { teams } : {}) });
		},
	);
}

export function getOrganization() {
	return createAuthEndpoint(
		"/organization/get-organization",
		{ method: "GET", query: getQuery, use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const { organizationId, organizationSlug } = ctx.query ?? {};
			const by =
				organizationSlug !== undefined && organizationId === undefined
					? { slug: organizationSlug }
					: { id: organizationId ?? session.session.activeOrganizationId ?? undefined };
			if (by.id === undefined && by.slug === undefined) return ctx.json(null);
			const organization = await findOrganization(context, by);
			if (!organization) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
			if (!(await findMember(context, organization.id, session.user.id))) {
				throw new APIError("FORBIDDEN", CODES.USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION);
			}
			return ctx.json({ ...organization, logo: organization.logo ?? null, metadata: organization.metadata ?? null });
		},
	);
}

export function listOrganizations() {
	return createAuthEndpoint(
		"/organization/list",
		{ method: "GET", use: [sessionMiddleware], requireHeaders: true },
		async (ctx) => ctx.json(await listUserOrganizations(fullContext(ctx), orgSession(ctx).user.id)),
	);
}
