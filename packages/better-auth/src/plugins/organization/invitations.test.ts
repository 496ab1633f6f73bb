import { describe, expect, it, vi } from "vitest";
import { expectError, setupOrganization } from "./test-helpers";
import type { InvitationEmailData } from "./types";

describe("organization invitations", () => {
	it("invites, emails, and lets the recipient accept", async () => {
		const sendInvitationEmail = vi.fn(async (_data: InvitationEmailData) => {});
		const { user, call, createOrg, rows } = await setupOrganization({ sendInvitationEmail, invitationExpiresIn: 3600 });
		const a = await user("a");
		const b = await user("b");
		const org = await createOrg(a, "one");
		const invited = await call("/organization/invite-member", a, { email: "B@X.com", role: "admin" });
		expect(invited.body).toMatchObject({ email: "b@x.com", role: "admin", status: "pending", inviterId: a.id });
		const expiresIn = new Date(invited.body.expiresAt).getTime() - Date.now();
		expect(expiresIn).toBeGreaterThan(3500_000);
		expect(expiresIn).toBeLessThanOrEqual(3600_000);
		const email = sendInvitationEmail.mock.calls[0][0];
		expect(email).toMatchObject({
			id: invited.body.id,
			email: "b@x.com",
			role: "admin",
			organization: { id: org.id },
			inviter: { userId: a.id, user: { email: "a@x.com" } },
		});

		const got = await call(`/organization/get-invitation?id=${invited.body.id}`, b);
		expect(got.body).toMatchObject({ organizationName: "ONE", organizationSlug: "one", inviterEmail: "a@x.com" });
		const accepted = await call("/organization/accept-invitation", b, { invitationId: invited.body.id });
		expect(accepted.body).toMatchObject({
			invitation: { status: "accepted" },
			member: { userId: b.id, role: "admin" },
		});
		expect((await call("/get-session", b)).body.session.activeOrganizationId).toBe(org.id);
		expect(rows("select role from member where userId = ?", b.id)).toEqual([{ role: "admin" }]);
		expectError(
			await call("/organization/accept-invitation", b, { invitationId: invited.body.id }),
			400,
			"INVITATION_NOT_FOUND",
		);
	});

	it("refuses what an inviter may not do", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		await join(a, b, org.id);
		await join(a, c, org.id, "admin");
		const invite = (who: { cookie: string }, body: Record<string, unknown>) =>
			call("/organization/invite-member", who, { organizationId: org.id, ...body });
		expectError(
			await invite(b, { email: "x@x.com", role: "member" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION",
		);
		expectError(
			await invite(c, { email: "x@x.com", role: "owner" }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE",
		);
		expect((await invite(c, { email: "x@x.com", role: "admin" })).status).toBe(200);
		expect((await invite(a, { email: "y@x.com", role: "owner" })).status).toBe(200);
		expectError(
			await invite(a, { email: "b@x.com", role: "member" }),
			400,
			"USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION",
		);
		expectError(
			await invite(a, { email: "x@x.com", role: "member" }),
			400,
			"USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION",
		);
		expectError(await invite(a, { email: "not-an-email", role: "member" }), 400, "INVALID_EMAIL");
		expectError(await invite(a, { email: 5, role: "member" }), 400, "VALIDATION_ERROR");
		expectError(await invite(a, { email: "z@x.com" }), 400, "VALIDATION_ERROR");
		const outsider = await user("d");
		expectError(await invite(outsider, { email: "x@x.com", role: "member" }), 400, "MEMBER_NOT_FOUND");
		expectError(
			await call("/organization/invite-member", outsider, { email: "x@x.com", role: "member" }),
			400,
			"ORGANIZATION_NOT_FOUND",
		);
		const ghost = await invite(a, { email: "z@x.com", role: "ghost" });
		expect(ghost).toMatchObject({ status: 400, body: { message: "ROLE_NOT_FOUND: ghost" } });
	});

	it("resends, or cancels pending invitations on re-invite, within the invitation limit", async () => {
		const sendInvitationEmail = vi.fn();
		const resend = await setupOrganization({ sendInvitationEmail });
		const a = await resend.user("a");
		await resend.createOrg(a, "one");
		const first = await resend.call("/organization/invite-member", a, { email: "x@x.com", role: "member" });
		const again = await resend.call("/organization/invite-member", a, {
			email: "x@x.com",
			role: "admin",
			resend: true,
		});
		expect(again.body).toMatchObject({ id: first.body.id, role: "member" });
		expect(sendInvitationEmail).toHaveBeenCalledTimes(2);

		const cancel = await setupOrganization({ cancelPendingInvitationsOnReInvite: true, invitationLimit: 2 });
		const o = await cancel.user("o");
		await cancel.createOrg(o, "two");
		const old = await cancel.call("/organization/invite-member", o, { email: "x@x.com", role: "member" });
		const fresh = await cancel.call("/organization/invite-member", o, { email: "x@x.com", role: "admin" });
		expect(fresh.body.id).not.toBe(old.body.id);
		const list = await cancel.call("/organization/list-invitations", o);
		expect(list.body.map((i: { status: string }) => i.status).sort()).toEqual(["canceled", "pending"]);
		await cancel.call("/organization/invite-member", o, { email: "y@x.com", role: "member" });
		expectError(
			await cancel.call("/organization/invite-member", o, { email: "z@x.com", role: "member" }),
			403,
			"INVITATION_LIMIT_REACHED",
		);
	});

	it("rejects and cancels", async () => {
		const { user, call, createOrg, join } = await setupOrganization();
		const a = await user("a");
		const b = await user("b");
		const c = await user("c");
		const org = await createOrg(a, "one");
		await join(a, c, org.id);
		const invited = await call("/organization/invite-member", a, { email: "b@x.com", role: "member" });
		const id = invited.body.id as string;
		expectError(
			await call("/organization/reject-invitation", c, { invitationId: id }),
			403,
			"YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION",
		);
		expectError(
			await call("/organization/accept-invitation", c, { invitationId: id }),
			403,
			"YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION",
		);
		expectError(
			await call(`/organization/get-invitation?id=${id}`, c),
			403,
			"YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION",
		);
		expect((await call(`/organization/get-invitation?id=${id}`)).status).toBe(401);
		expectError(
			await call("/organization/cancel-invitation", c, { invitationId: id }),
			403,
			"YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION",
		);
		expectError(await call("/organization/cancel-invitation", b, { invitationId: id }), 400, "MEMBER_NOT_FOUND");
		expectError(
			await call("/organization/cancel-invitation", a, { invitationId: "nope" }),
			400,
			"INVITATION_NOT_FOUND",
		);
		const rejected = await call("/organization/reject-invitation", b, { invitationId: id });
		expect(rejected.body).toMatchObject({ invitation: { status: "rejected" }, member: null });
		expect(await call("/organization/reject-invitation", b, { invitationId: id })).toMatchObject({
			status: 400,
			body: { code: "INVITATION_NOT_FOUND", message: "Invitation not found!" },
		});
		const second = await call("/organization/invite-member", a, { email: "b@x.com", role: "member" });
		const canceled = await call("/organization/cancel-invitation", a, { invitationId: second.body.id });
		expect(canceled.body).toMatchObject({ status: "canceled" });
		expectError(
			await call("/organization/accept-invitation", b, { invitationId: second.body.id }),
			400,
			"INVITATION_NOT_FOUND",
		);
		expectError(await call("/organization/accept-invitation", b, {}), 400, "VALIDATION_ERROR");
	});

	it("requires verified emails when configured, and for listing one's own invitations", async () => {
		const { auth, user, call, createOrg, database } = await setupOrganization({
			requireEmailVerificationOnInvitation: true,
		});
		const a = await user("a");
		const b = await user("b");
		await createOrg(a, "one");
		const invited = await call("/organization/invite-member", a, { email: "b@x.com", role: "member" });
		expectError(
			await call("/organization/accept-invitation", b, { invitationId: invited.body.id }),
			403,
			"EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION",
		);
		expectError(
			await call("/organization/list-user-invitations", b),
			403,
			"EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION",
		);
		expect((await call("/organization/list-user-invitations")).status).toBe(400);
		database.prepare("update user set emailVerified = 1 where id = ?").run(b.id);
		const mine = await call("/organization/list-user-invitations", b);
		expect(mine.body).toEqual([expect.objectContaining({ id: invited.body.id, organizationName: "ONE" })]);
		const fromServer = await auth.api.listUserInvitations({ query: { email: "b@x.com" } });
		expect(fromServer).toHaveLength(1);
		expect((await call("/organization/accept-invitation", b, { invitationId: invited.body.id })).status).toBe(200);
	});

	it("refuses accepting past the membership limit", async () => {
		const { user, call, createOrg } = await setupOrganization({ membershipLimit: 1 });
		const a = await user("a");
		const b = await user("b");
		await createOrg(a, "one");
		const invited = await call("/organization/invite-member", a, { email: "b@x.com", role: "member" });
		expectError(
			await call("/organization/accept-invitation", b, { invitationId: invited.body.id }),
			403,
			"ORGANIZATION_MEMBERSHIP_LIMIT_REACHED",
		);
	});
});
