/**
 * `POST /organization/invite-member`, `/organization/accept-invitation`,
 * `/organization/reject-invitation`, `/organization/cancel-invitation`;
 * `GET /organization/get-invitation`, `/organization/list-invitations` and
 * `/organization/list-user-invitations`.
 */
import type { User } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES } from "@better-auth/core/error";
import * as z from "zod";
import { originCheck } from "../../../api/middlewares/origin-check";
import { getSessionFromCtx, sessionMiddleware } from "../../../api/middlewares/session";
import { type FullAuthContext, fullContext } from "../../../context/full-context";
import { limitOf, type OrganizationConfig, roleNames } from "../config";
import {
	countMembers,
	findInvitation,
	findMember,
	findOrganization,
	listInvitations,
	memberCan,
	pendingInvitations,
	requireOrganization,
	roleExists,
} from "../data";
import { ORGANIZATION_ERROR_CODES as CODES } from "../error-codes";
import { type OrgSession, orgSession, updateActive } from "../session";
import { addTeamMemberRow } from "../teams";
import type { Invitation, Member, Organization, Team } from "../types";
import { isCreator } from "./members";

const inviteBody = z.object({
	email: z.string(),
	role: z.union([z.string(), z.array(z.string())]),
	organizationId: z.string().optional(),
	resend: z.boolean().optional(),
	teamId: z.union([z.string(), z.array(z.string())]).optional(),
});

const invitationIdBody = z.object({ invitationId: z.string() });

const isEmail = (value: string) => z.email().safeParse(value).success;

const isPending = (invitation: Invitation) =>
	invitation.status === "pending" && new Date(invitation.expiresAt).getTime() > Date.now();

/** The invitation when it is still pending and unexpired. */
async function findPending(context: FullAuthContext, id: string) {
	const invitation = await findInvitation(context, id);
	return invitation && isPending(invitation) ? invitation : null;
}

/** Teams named by an invitation, each in the organization (400 `TEAM_NOT_FOUND`). */
async function checkTeams(context: FullAuthContext, organizationId: string, teamId: string | string[] | undefined) {
	const ids =
		teamId === undefined
			? []
			: [teamId]
					.flat()
					.map((id) => id.trim())
					.filter(Boolean);
	for (const id of ids) {
		const team = await context.adapter.findOne<Team>({
			model: "team",
			where: [
				{ field: "id", value: id },
				{ field: "organizationId", value: organizationId },
			],
		});
		if (!team) throw new APIError("BAD_REQUEST", CODES.TEAM_NOT_FOUND);
	}
	return ids;
}

export function createInvitation(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/invite-member",
		{ method: "POST", body: inviteBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = ctx.body.organizationId ?? session.session.activeOrganizationId;
			if (!organizationId) throw new APIError("BAD_REQUEST", CODES.ORGANIZATION_NOT_FOUND);
			const email = ctx.body.email.toLowerCase();
			if (!isEmail(email)) throw new APIError("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
			const inviter = await findMember(context, organizationId, session.user.id);
			if (!inviter) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			if (!(await memberCan(context, config, inviter, { invitation: ["create"] }))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION);
			}
			const names = roleNames(ctx.body.role);
			for (const name of names) {
				if (!(await roleExists(context, config, organizationId, name))) {
					// better-auth 1.7 sends this one without a `code`.
					throw new APIError("BAD_REQUEST", { message: `ROLE_NOT_FOUND: ${name}` });
				}
			}
			if (names.includes(config.creatorRole) && !isCreator(config, inviter)) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE);
			}
			const organization = await requireOrganization(context, organizationId);
			const invitee = await context.internalAdapter.findUserByEmail(email);
			if (invitee && (await findMember(context, organizationId, invitee.user.id))) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION);
			}
			const send = (invitation: Invitation) =>
				config.options.sendInvitationEmail?.(
					{
						id: invitation.id,
						role: invitation.role,
						email: invitation.email,
						organization,
						invitation,
						inviter: { ...inviter, user: session.user },
					},
					ctx.request,
				);
			const expiresAt = new Date(Date.now() + config.invitationExpiresIn * 1000);
			const pending = await pendingInvitations(context, organizationId, email);
			if (pending.length > 0) {
				if (ctx.body.resend) {
					const [existing] = pending;
					const updated =
						(await context.adapter.update<Invitation>({
							model: "invitation",
							where: [{ field: "id", value: existing.id }],
							update: { expiresAt },
						})) ?? existing;
					await send(updated);
					return ctx.json(updated);
				}
				if (!config.options.cancelPendingInvitationsOnReInvite) {
					throw new APIError("BAD_REQUEST", CODES.USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION);
				}
				await context.adapter.updateMany({
					model: "invitation",
					where: [{ field: "id", value: pending.map((invitation) => invitation.id), operator: "in" }],
					update: { status: "canceled" },
				});
			}
			const limit = await limitOf(config.options.invitationLimit, 100, {
				user: session.user,
				organization,
				member: inviter,
			});
			const open = await context.adapter.count({
				model: "invitation",
				where: [
					{ field: "organizationId", value: organizationId },
					{ field: "status", value: "pending" },
				],
			});
			if (open >= limit) throw new APIError("FORBIDDEN", CODES.INVITATION_LIMIT_REACHED);
			const teamIds = config.teams ? await checkTeams(context, organizationId, ctx.body.teamId) : [];
			let data: Record<string, unknown> = {
				organizationId,
				email,
				role: names.join(","),
				status: "pending",
				expiresAt,
				createdAt: new Date(),
				inviterId: session.user.id,
				...(teamIds.length > 0 ? { teamId: teamIds.join(",") } : {}),
			};
			const changed = await config.hooks.beforeCreateInvitation?.({
				invitation: data,
				inviter: session.user,
				organization,
			});
			if (changed?.data) data = { ...data, ...changed.data };
			const invitation = await context.adapter.create<Record<string, unknown>, Invitation>({
				model: "invitation",
				data,
			});
			await send(invitation);
			await config.hooks.afterCreateInvitation?.({ invitation, inviter: session.user, organization });
			return ctx.json(invitation);
		},
	);
}

/** Refuses someone other than the recipient, and (when required) an unverified recipient. */
function assertRecipient(config: OrganizationConfig, invitation: Invitation, user: User) {
	if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
		throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION);
	}
	if (config.options.requireEmailVerificationOnInvitation && !user.emailVerified) {
		throw new APIError("FORBIDDEN", CODES.EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION);
	}
}

const setStatus = (context: FullAuthContext, id: string, status: Invitation["status"]) =>
	context.adapter.update<Invitation>({ model: "invitation", where: [{ field: "id", value: id }], update: { status } });

export function acceptInvitation(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/accept-invitation",
		{ method: "POST", body: invitationIdBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const invitation = await findPending(context, ctx.body.invitationId);
			if (!invitation) throw new APIError("BAD_REQUEST", CODES.INVITATION_NOT_FOUND);
			assertRecipient(config, invitation, session.user);
			const organization = await requireOrganization(context, invitation.organizationId);
			// Stricter than better-auth 1.7, which adds a second membership: one per user and organization.
			if (await findMember(context, organization.id, session.user.id)) {
				throw new APIError("BAD_REQUEST", CODES.USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION);
			}
			const limit = await limitOf(config.options.membershipLimit, 100, session.user, organization);
			if ((await countMembers(context, organization.id)) >= limit) {
				throw new APIError("FORBIDDEN", CODES.ORGANIZATION_MEMBERSHIP_LIMIT_REACHED);
			}
			await config.hooks.beforeAcceptInvitation?.({ invitation, user: session.user, organization });
			const accepted = (await setStatus(context, invitation.id, "accepted")) ?? invitation;
			const member = await context.adapter.create<Record<string, unknown>, Member>({
				model: "member",
				data: {
					organizationId: organization.id,
					userId: session.user.id,
					role: invitation.role ?? "member",
					createdAt: new Date(),
				},
			});
			if (config.teams && invitation.teamId) {
				for (const teamId of String(invitation.teamId).split(",")) {
					const team = await context.adapter.findOne<Team>({ model: "team", where: [{ field: "id", value: teamId }] });
					if (team) await addTeamMemberRow(context, team, session.user.id);
				}
			}
			await updateActive(ctx, session, { activeOrganizationId: organization.id });
			await config.hooks.afterAcceptInvitation?.({ invitation: accepted, member, user: session.user, organization });
			return ctx.json({ invitation: accepted, member });
		},
	);
}

export function rejectInvitation(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/reject-invitation",
		{ method: "POST", body: invitationIdBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const invitation = await findPending(context, ctx.body.invitationId);
			// better-auth 1.7's message carries a "!" here.
			if (!invitation) {
				throw new APIError("BAD_REQUEST", { message: "Invitation not found!", code: "INVITATION_NOT_FOUND" });
			}
			assertRecipient(config, invitation, session.user);
			const organization = (await findOrganization(context, { id: invitation.organizationId })) as Organization;
			await config.hooks.beforeRejectInvitation?.({ invitation, user: session.user, organization });
			const rejected = (await setStatus(context, invitation.id, "rejected")) ?? invitation;
			await config.hooks.afterRejectInvitation?.({ invitation: rejected, user: session.user, organization });
			return ctx.json({ invitation: rejected, member: null });
		},
	);
}

export function cancelInvitation(config: OrganizationConfig) {
	return createAuthEndpoint(
		"/organization/cancel-invitation",
		{ method: "POST", body: invitationIdBody, use: [originCheck(), sessionMiddleware], requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const invitation = await findInvitation(context, ctx.body.invitationId);
			if (!invitation) throw new APIError("BAD_REQUEST", CODES.INVITATION_NOT_FOUND);
			const member = await findMember(context, invitation.organizationId, session.user.id);
			if (!member) throw new APIError("BAD_REQUEST", CODES.MEMBER_NOT_FOUND);
			if (!(await memberCan(context, config, member, { invitation: ["cancel"] }))) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION);
			}
			const organization = (await findOrganization(context, { id: invitation.organizationId })) as Organization;
			await config.hooks.beforeCancelInvitation?.({ invitation, cancelledBy: session.user, organization });
			const canceled = (await setStatus(context, invitation.id, "canceled")) ?? invitation;
			await config.hooks.afterCancelInvitation?.({ invitation: canceled, cancelledBy: session.user, organization });
			return ctx.json(canceled);
		},
	);
}

export function getInvitation() {
	return createAuthEndpoint(
		"/organization/get-invitation",
		{ method: "GET", query: z.object({ id: z.string() }), requireHeaders: true },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = (await getSessionFromCtx(ctx)) as OrgSession | null;
			if (!session) throw new APIError("UNAUTHORIZED", { message: "Not authenticated" });
			const invitation = await findPending(context, ctx.query.id);
			if (!invitation) throw new APIError("BAD_REQUEST", CODES.INVITATION_NOT_FOUND);
			if (invitation.email.toLowerCase() !== session.user.email.toLowerCase()) {
				throw new APIError("FORBIDDEN", CODES.YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION);
			}
			const organization = await requireOrganization(context, invitation.organizationId);
			const inviter = await findMember(context, organization.id, invitation.inviterId);
			const inviterUser = inviter ? await context.internalAdapter.findUserById(inviter.userId) : null;
			if (!inviterUser) throw new APIError("BAD_REQUEST", CODES.INVITER_IS_NO_LONGER_A_MEMBER_OF_THE_ORGANIZATION);
			return ctx.json({
				...invitation,
				organizationName: organization.name,
				organizationSlug: organization.slug,
				inviterEmail: inviterUser.email,
			});
		},
	);
}

export function listOrganizationInvitations() {
	return createAuthEndpoint(
		"/organization/list-invitations",
		{
			method: "GET",
			query: z.object({ organizationId: z.string().optional() }).optional(),
			use: [sessionMiddleware],
			requireHeaders: true,
		},
		async (ctx) => {
			const context = fullContext(ctx);
			const session = orgSession(ctx);
			const organizationId = ctx.query?.organizationId ?? session.session.activeOrganizationId;
			// better-auth 1.7 answers these two without a `code`.
			if (!organizationId) throw new APIError("BAD_REQUEST", { message: "Organization ID is required" });
			if (!(await findMember(context, organizationId, session.user.id))) {
				throw new APIError("FORBIDDEN", { message: "You are not a member of this organization" });
			}
			return ctx.json(await listInvitations(context, organizationId));
		},
	);
}

export function listUserInvitations() {
	return createAuthEndpoint(
		"/organization/list-user-invitations",
		{ method: "GET", query: z.object({ email: z.string().optional() }).optional() },
		async (ctx) => {
			const context = fullContext(ctx);
			const session = (await getSessionFromCtx(ctx)) as OrgSession | null;
			const serverCall = !ctx.request && [...(ctx.headers?.keys() ?? [])].length === 0;
			let email: string;
			if (session) {
				if (!session.user.emailVerified) {
					throw new APIError("FORBIDDEN", CODES.EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION);
				}
				email = session.user.email;
			} else if (serverCall && ctx.query?.email) {
				email = ctx.query.email;
			} else {
				throw new APIError("BAD_REQUEST", { message: "Missing session headers, or email query parameter." });
			}
			const invitations = await context.adapter.findMany<Invitation>({
				model: "invitation",
				where: [
					{ field: "email", value: email.toLowerCase() },
					{ field: "status", value: "pending" },
				],
			});
			const open = invitations.filter(isPending);
			const ids = [...new Set(open.map((invitation) => invitation.organizationId))];
			const organizations = ids.length
				? await context.adapter.findMany<Organization>({
						model: "organization",
						where: [{ field: "id", value: ids, operator: "in" }],
					})
				: [];
			const names = new Map(organizations.map((organization) => [organization.id, organization.name]));
			return ctx.json(
				open.map((invitation) => ({ ...invitation, organizationName: names.get(invitation.organizationId) })),
			);
		},
	);
}
