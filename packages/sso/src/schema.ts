/**
 * The `ssoProvider` table: one row per identity provider. `oidcConfig` and `samlConfig` hold the
 * protocol settings as JSON text; `providerId` names the provider in URLs and in `account.providerId`.
 */
export const ssoSchema = {
	ssoProvider: {
		modelName: "ssoProvider",
		fields: {
			issuer: { type: "string" as const, required: true },
			domain: { type: "string" as const, required: true },
			oidcConfig: { type: "string" as const, required: false as const },
			samlConfig: { type: "string" as const, required: false as const },
			userId: {
				type: "string" as const,
				required: true,
				references: { model: "user", field: "id", onDelete: "cascade" as const },
			},
			providerId: { type: "string" as const, required: true, unique: true },
			organizationId: { type: "string" as const, required: false as const },
		},
	},
};
