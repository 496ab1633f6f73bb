import type { OrganizationOptions } from "./types";

/**
 * The plugin's tables, column for column as better-auth 1.7 migrates them: `organization`,
 * `member`, `invitation` and `session.activeOrganizationId`; with teams `team`, `teamMember`,
 * `invitation.teamId` and `session.activeTeamId`; with dynamic access control `organizationRole`.
 */
export function organizationSchema(options: OrganizationOptions) {
	const s = options.schema ?? {};
	const name = (fields: Record<string, string | undefined> | undefined, key: string) => ({
		fieldName: fields?.[key] ?? key,
	});
	const org = s.organization?.fields;
	const mem = s.member?.fields;
	const inv = s.invitation?.fields;
	const team = s.team?.fields;
	const tm = s.teamMember?.fields;
	const role = s.organizationRole?.fields;
	const teams = options.teams?.enabled === true;
	const dynamic = options.dynamicAccessControl?.enabled === true;
	const ref = (model: string) => ({ references: { model, field: "id" }, index: true });
	return {
		organization: {
			modelName: s.organization?.modelName ?? "organization",
			fields: {
				name: { type: "string" as const, required: true, sortable: true, ...name(org, "name") },
				slug: {
					type: "string" as const,
					required: true,
					unique: true,
					sortable: true,
					index: true,
					...name(org, "slug"),
				},
				logo: { type: "string" as const, required: false, ...name(org, "logo") },
				createdAt: { type: "date" as const, required: true, ...name(org, "createdAt") },
				metadata: { type: "string" as const, required: false, ...name(org, "metadata") },
			},
		},
		...(dynamic
			? {
					organizationRole: {
						modelName: s.organizationRole?.modelName ?? "organizationRole",
						fields: {
							organizationId: {
								type: "string" as const,
								required: true,
								...ref("organization"),
								...name(role, "organizationId"),
							},
							role: { type: "string" as const, required: true, index: true, ...name(role, "role") },
							permission: { type: "string" as const, required: true, ...name(role, "permission") },
							createdAt: { type: "date" as const, required: true, ...name(role, "createdAt") },
							updatedAt: { type: "date" as const, required: false, ...name(role, "updatedAt") },
						},
					},
				}
			: {}),
		...(teams
			? {
					team: {
						modelName: s.team?.modelName ?? "team",
						fields: {
							name: { type: "string" as const, required: true, ...name(team, "name") },
							memberCount: { type: "number" as const, required: true, defaultValue: 0, ...name(team, "memberCount") },
							organizationId: {
								type: "string" as const,
								required: true,
								...ref("organization"),
								...name(team, "organizationId"),
							},
							createdAt: { type: "date" as const, required: true, ...name(team, "createdAt") },
							updatedAt: { type: "date" as const, required: false, ...name(team, "updatedAt") },
						},
					},
					teamMember: {
						modelName: s.teamMember?.modelName ?? "teamMember",
						fields: {
							teamId: { type: "string" as const, required: true, ...ref("team"), ...name(tm, "teamId") },
							userId: { type: "string" as const, required: true, ...ref("user"), ...name(tm, "userId") },
							membershipKey: { type: "string" as const, required: false, unique: true, ...name(tm, "membershipKey") },
							createdAt: { type: "date" as const, required: false, ...name(tm, "createdAt") },
						},
					},
				}
			: {}),
		member: {
			modelName: s.member?.modelName ?? "member",
			fields: {
				organizationId: {
					type: "string" as const,
					required: true,
					...ref("organization"),
					...name(mem, "organizationId"),
				},
				userId: { type: "string" as const, required: true, ...ref("user"), ...name(mem, "userId") },
				role: { type: "string" as const, required: true, sortable: true, defaultValue: "member", ...name(mem, "role") },
				createdAt: { type: "date" as const, required: true, ...name(mem, "createdAt") },
			},
		},
		invitation: {
			modelName: s.invitation?.modelName ?? "invitation",
			fields: {
				organizationId: {
					type: "string" as const,
					required: true,
					...ref("organization"),
					...name(inv, "organizationId"),
				},
				email: { type: "string" as const, required: true, sortable: true, index: true, ...name(inv, "email") },
				role: { type: "string" as const, required: false, sortable: true, ...name(inv, "role") },
				...(teams ? { teamId: { type: "string" as const, required: false, ...name(inv, "teamId") } } : {}),
				status: {
					type: "string" as const,
					required: true,
					sortable: true,
					defaultValue: "pending",
					...name(inv, "status"),
				},
				expiresAt: { type: "date" as const, required: true, ...name(inv, "expiresAt") },
				createdAt: { type: "date" as const, required: true, defaultValue: () => new Date(), ...name(inv, "createdAt") },
				inviterId: {
					type: "string" as const,
					required: true,
					references: { model: "user", field: "id" },
					...name(inv, "inviterId"),
				},
			},
		},
		session: {
			fields: {
				activeOrganizationId: {
					type: "string" as const,
					required: false,
					input: false,
					...name(s.session?.fields, "activeOrganizationId"),
				},
				...(teams
					? {
							activeTeamId: {
								type: "string" as const,
								required: false,
								input: false,
								...name(s.session?.fields, "activeTeamId"),
							},
						}
					: {}),
			},
		},
	};
}
