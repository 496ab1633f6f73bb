import type { AdminOptions } from "./types";

/**
 * `user.role` (comma-joined when a user has several), `user.banned`, `user.banReason`,
 * `user.banExpires`, and `session.impersonatedBy` (the admin behind an impersonation session).
 * None can be set through sign-up or update-user: only the admin endpoints write them.
 */
export function adminSchema(options: AdminOptions) {
	const user = options.schema?.user?.fields;
	const session = options.schema?.session?.fields;
	return {
		user: {
			fields: {
				role: {
					type: "string" as const,
					required: false as const,
					input: false as const,
					fieldName: user?.role ?? "role",
				},
				banned: {
					type: "boolean" as const,
					required: false as const,
					input: false as const,
					defaultValue: false,
					fieldName: user?.banned ?? "banned",
				},
				banReason: {
					type: "string" as const,
					required: false as const,
					input: false as const,
					fieldName: user?.banReason ?? "banReason",
				},
				banExpires: {
					type: "date" as const,
					required: false as const,
					input: false as const,
					fieldName: user?.banExpires ?? "banExpires",
				},
			},
		},
		session: {
			fields: {
				impersonatedBy: {
					type: "string" as const,
					required: false as const,
					fieldName: session?.impersonatedBy ?? "impersonatedBy",
				},
			},
		},
	};
}
