import type { Session, User } from "@better-auth/core";
import type { AccessControl, Role } from "../access";
import type { defaultRoles, defaultStatements } from "./access";

/** An organization row (`metadata` parsed from its JSON text). */
export interface Organization {
	id: string;
	name: string;
	slug: string;
	logo?: string | null;
	metadata?: Record<string, unknown> | null;
	createdAt: Date;
	[key: string]: unknown;
}

/** A membership: a user's role(s) in an organization (several roles are comma-joined). */
export interface Member {
	id: string;
	organizationId: string;
	userId: string;
	role: string;
	createdAt: Date;
	[key: string]: unknown;
}

/** An invitation to join an organization. */
export interface Invitation {
	id: string;
	organizationId: string;
	email: string;
	role: string;
	status: "pending" | "accepted" | "rejected" | "canceled";
	inviterId: string;
	expiresAt: Date;
	createdAt: Date;
	teamId?: string | null;
	[key: string]: unknown;
}

/** A team inside an organization. */
export interface Team {
	id: string;
	name: string;
	organizationId: string;
	createdAt: Date;
	updatedAt?: Date | null;
	[key: string]: unknown;
}

/** A user's membership of a team. */
export interface TeamMember {
	id: string;
	teamId: string;
	userId: string;
	createdAt?: Date | null;
	[key: string]: unknown;
}

/** What `sendInvitationEmail` receives. */
export interface InvitationEmailData {
	/** The invitation id: put it in the link the recipient follows to accept. */
	id: string;
	role: string;
	email: string;
	organization: Organization;
	invitation: Invitation;
	inviter: Member & { user: User };
}

type MaybePromise<T> = T | Promise<T>;
type Before<T> = (data: T) => MaybePromise<undefined | { data?: Record<string, unknown> }>;
type After<T> = (data: T) => MaybePromise<void>;

/**
 * Hooks around the plugin's writes. A `before*` hook may return `{ data }` to change what is
 * written; throwing (an `APIError`) refuses the operation.
 */
export interface OrganizationHooks {
	beforeCreateOrganization?: Before<{ organization: Record<string, unknown>; user: User }>;
	afterCreateOrganization?: After<{ organization: Organization; member: Member; user: User }>;
	beforeUpdateOrganization?: Before<{ organization: Record<string, unknown>; user: User; member: Member }>;
	afterUpdateOrganization?: After<{ organization: Organization | null; user: User; member: Member }>;
	beforeDeleteOrganization?: (data: { organization: Organization; user: User }) => MaybePromise<void>;
	afterDeleteOrganization?: After<{ organization: Organization; user: User }>;
	beforeAddMember?: Before<{ member: Record<string, unknown>; user: User; organization: Organization }>;
	afterAddMember?: After<{ member: Member; user: User; organization: Organization }>;
	beforeRemoveMember?: (data: { member: Member; user: User; organization: Organization }) => MaybePromise<void>;
	afterRemoveMember?: After<{ member: Member; user: User; organization: Organization }>;
	beforeUpdateMemberRole?: (data: {
		member: Member;
		newRole: string;
		user: User;
		organization: Organization;
	}) => MaybePromise<undefined | { data?: { role?: string } }>;
	afterUpdateMemberRole?: After<{ member: Member; previousRole: string; user: User; organization: Organization }>;
	beforeCreateInvitation?: Before<{ invitation: Record<string, unknown>; inviter: User; organization: Organization }>;
	afterCreateInvitation?: After<{ invitation: Invitation; inviter: User; organization: Organization }>;
	beforeAcceptInvitation?: (data: {
		invitation: Invitation;
		user: User;
		organization: Organization;
	}) => MaybePromise<void>;
	afterAcceptInvitation?: After<{ invitation: Invitation; member: Member; user: User; organization: Organization }>;
	beforeRejectInvitation?: (data: {
		invitation: Invitation;
		user: User;
		organization: Organization;
	}) => MaybePromise<void>;
	afterRejectInvitation?: After<{ invitation: Invitation; user: User; organization: Organization }>;
	beforeCancelInvitation?: (data: {
		invitation: Invitation;
		cancelledBy: User;
		organization: Organization;
	}) => MaybePromise<void>;
	afterCancelInvitation?: After<{ invitation: Invitation; cancelledBy: User; organization: Organization }>;
	beforeCreateTeam?: Before<{ team: Record<string, unknown>; user?: User | null; organization: Organization }>;
	afterCreateTeam?: After<{ team: Team; user?: User | null; organization: Organization }>;
	beforeUpdateTeam?: Before<{ team: Team; updates: Record<string, unknown>; user: User; organization: Organization }>;
	afterUpdateTeam?: After<{ team: Team | null; user: User; organization: Organization }>;
	beforeDeleteTeam?: (data: { team: Team; user?: User | null; organization: Organization }) => MaybePromise<void>;
	afterDeleteTeam?: After<{ team: Team; user?: User | null; organization: Organization }>;
	beforeAddTeamMember?: Before<{
		teamMember: Record<string, unknown>;
		team: Team;
		user: User;
		organization: Organization;
	}>;
	afterAddTeamMember?: After<{ teamMember: TeamMember; team: Team; user: User; organization: Organization }>;
	beforeRemoveTeamMember?: (data: {
		teamMember: TeamMember;
		team: Team;
		user: User;
		organization: Organization;
	}) => MaybePromise<void>;
	afterRemoveTeamMember?: After<{ teamMember: TeamMember; team: Team; user: User; organization: Organization }>;
}

type TableOptions<F extends string> = { modelName?: string; fields?: { [K in F]?: string } };

/** The organization plugin's options. */
export interface OrganizationOptions {
	/**
	 * Whether a user may create organizations: a boolean or a function of the user.
	 * @default true
	 */
	allowUserToCreateOrganization?: boolean | ((user: User) => MaybePromise<boolean>);
	/**
	 * How many organizations a user may belong to before `create` is refused; a function returns
	 * whether the limit is reached.
	 * @default unlimited
	 */
	organizationLimit?: number | ((user: User) => MaybePromise<boolean>);
	/**
	 * The role the creator of an organization gets; also the role only its holders may invite with.
	 * @default "owner"
	 */
	creatorRole?: string;
	/**
	 * The most members an organization may have (accepting an invitation past it is refused).
	 * @default 100
	 */
	membershipLimit?: number | ((user: User, organization: Organization) => MaybePromise<number>);
	/**
	 * Your access controller, when your roles use statements of their own.
	 * @default the controller of `defaultStatements`
	 */
	ac?: AccessControl;
	/**
	 * Role name → role. Replaces the default roles (spread `defaultRoles` to keep them).
	 * @default { owner: ownerAc, admin: adminAc, member: memberAc }
	 */
	roles?: Record<string, Role>;
	/** Teams inside organizations. */
	teams?: {
		/** @default false */
		enabled?: boolean;
		/** A team named after the organization, created with it. */
		defaultTeam?: {
			/** @default true */
			enabled?: boolean;
			/** Creates the default team yourself. */
			customCreateDefaultTeam?: (organization: Organization, request?: Request) => MaybePromise<Team>;
		};
		/**
		 * The most teams an organization may have.
		 * @default unlimited
		 */
		maximumTeams?:
			| number
			| ((
					data: { organizationId: string; session: { session: Session; user: User } | null },
					request?: Request,
			  ) => MaybePromise<number>);
		/**
		 * The most members a team may have.
		 * @default unlimited
		 */
		maximumMembersPerTeam?:
			| number
			| ((data: {
					teamId: string;
					session: { session: Session; user: User } | null;
					organizationId: string;
			  }) => MaybePromise<number>);
		/**
		 * Whether the last team of an organization may be removed.
		 * @default false
		 */
		allowRemovingAllTeams?: boolean;
	};
	/** Roles created at runtime, per organization (stored in `organizationRole`). */
	dynamicAccessControl?: {
		/** @default false */
		enabled?: boolean;
		/**
		 * The most dynamic roles an organization may have.
		 * @default unlimited
		 */
		maximumRolesPerOrganization?: number | ((organizationId: string) => MaybePromise<number>);
	};
	/**
	 * How long an invitation stays valid, in seconds.
	 * @default 172800 (48 hours)
	 */
	invitationExpiresIn?: number;
	/**
	 * The most pending invitations an organization may have.
	 * @default 100
	 */
	invitationLimit?:
		| number
		| ((data: { user: User; organization: Organization; member: Member }) => MaybePromise<number>);
	/**
	 * Whether inviting someone already invited cancels their pending invitations (instead of
	 * refusing with `USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION`).
	 * @default false
	 */
	cancelPendingInvitationsOnReInvite?: boolean;
	/**
	 * Whether the recipient's email must be verified to accept or reject an invitation.
	 * @default false
	 */
	requireEmailVerificationOnInvitation?: boolean;
	/** Sends the invitation email; called by `invite-member` (and on `resend`). */
	sendInvitationEmail?: (data: InvitationEmailData, request?: Request) => MaybePromise<void>;
	/**
	 * Turns organization deletion off.
	 * @default false
	 */
	disableOrganizationDeletion?: boolean;
	/** @deprecated use `organizationHooks.before/afterDeleteOrganization` and `disableOrganizationDeletion`. */
	organizationDeletion?: {
		disabled?: boolean;
		beforeDelete?: (data: { organization: Organization; user: User }, request?: Request) => MaybePromise<void>;
		afterDelete?: (data: { organization: Organization; user: User }, request?: Request) => MaybePromise<void>;
	};
	/** @deprecated use `organizationHooks.before/afterCreateOrganization` and `allowUserToCreateOrganization`. */
	organizationCreation?: {
		disabled?: boolean;
		beforeCreate?: (
			data: { organization: Record<string, unknown>; user: User },
			request?: Request,
		) => MaybePromise<undefined | { data: Record<string, unknown> }>;
		afterCreate?: (
			data: { organization: Organization; member: Member; user: User },
			request?: Request,
		) => MaybePromise<void>;
	};
	/** Hooks around the plugin's writes. */
	organizationHooks?: OrganizationHooks;
	/** Table and column names. */
	schema?: {
		session?: { fields?: { activeOrganizationId?: string; activeTeamId?: string } };
		organization?: TableOptions<"name" | "slug" | "logo" | "metadata" | "createdAt">;
		member?: TableOptions<"organizationId" | "userId" | "role" | "createdAt">;
		invitation?: TableOptions<
			"organizationId" | "email" | "role" | "status" | "expiresAt" | "createdAt" | "inviterId" | "teamId"
		>;
		team?: TableOptions<"name" | "organizationId" | "createdAt" | "updatedAt" | "memberCount">;
		teamMember?: TableOptions<"teamId" | "userId" | "createdAt" | "membershipKey">;
		organizationRole?: TableOptions<"organizationId" | "role" | "permission" | "createdAt" | "updatedAt">;
	};
}

/** The statements of the options' access controller (the default ones without `ac`). */
export type StatementsOf<O> = O extends { ac: AccessControl<infer S> } ? S : typeof defaultStatements;

/** A permission request over the options' statements: `{ member: ["create"] }`. */
export type PermissionsOf<O> = {
	[R in keyof StatementsOf<O>]?: StatementsOf<O>[R] extends readonly (infer A)[] ? A[] : never;
};

/** The role names of the options (`owner`, `admin`, `member` without `roles`). */
export type RoleNameOf<O> = O extends { roles: infer R } ? keyof R & string : keyof typeof defaultRoles;
