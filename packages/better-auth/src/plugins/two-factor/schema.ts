import type { TwoFactorOptions } from "./types";

/**
 * `user.twoFactorEnabled` and the `twoFactor` table: one row per enrolled user with the TOTP
 * secret and backup codes (both encrypted by default), whether the TOTP secret was confirmed
 * (`verified`), and the failure count and lock that slow down code guessing.
 */
export function twoFactorSchema(options: TwoFactorOptions) {
	const userFields = options.schema?.user?.fields;
	const table = options.schema?.twoFactor;
	const name = (field: keyof NonNullable<NonNullable<typeof table>["fields"]>) => table?.fields?.[field] ?? field;
	return {
		user: {
			fields: {
				twoFactorEnabled: {
					type: "boolean" as const,
					required: false,
					defaultValue: false,
					input: false,
					fieldName: userFields?.twoFactorEnabled ?? "twoFactorEnabled",
				},
			},
		},
		twoFactor: {
			modelName: table?.modelName ?? options.twoFactorTable ?? "twoFactor",
			fields: {
				secret: { type: "string" as const, required: true, returned: false, index: true, fieldName: name("secret") },
				backupCodes: { type: "string" as const, required: true, returned: false, fieldName: name("backupCodes") },
				userId: {
					type: "string" as const,
					required: true,
					returned: false,
					references: { model: "user", field: "id" },
					index: true,
					fieldName: name("userId"),
				},
				verified: {
					type: "boolean" as const,
					required: false,
					defaultValue: true,
					input: false,
					fieldName: name("verified"),
				},
				failedVerificationCount: {
					type: "number" as const,
					required: false,
					defaultValue: 0,
					input: false,
					returned: false,
					fieldName: name("failedVerificationCount"),
				},
				lockedUntil: {
					type: "date" as const,
					required: false,
					input: false,
					returned: false,
					fieldName: name("lockedUntil"),
				},
			},
		},
	};
}
