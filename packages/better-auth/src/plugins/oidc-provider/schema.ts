import type { OIDCOptions } from "./types";

/**
 * `oauthApplication` (registered clients), `oauthAccessToken` (issued access/refresh token pairs)
 * and `oauthConsent` (what each user granted each client). `clientId` in the last two carries no
 * foreign key: `trustedClients` are configured in code and have no `oauthApplication` row.
 */
export function oidcSchema(options: OIDCOptions) {
	const name = (model: "oauthApplication" | "oauthAccessToken" | "oauthConsent") =>
		options.schema?.[model]?.modelName ?? model;
	const userRef = { model: "user", field: "id", onDelete: "cascade" as const };
	return {
		oauthApplication: {
			modelName: name("oauthApplication"),
			fields: {
				name: { type: "string" as const },
				icon: { type: "string" as const, required: false },
				metadata: { type: "string" as const, required: false },
				clientId: { type: "string" as const, unique: true },
				clientSecret: { type: "string" as const, required: false },
				redirectURLs: { type: "string" as const },
				type: { type: "string" as const },
				disabled: { type: "boolean" as const, required: false, defaultValue: false },
				userId: { type: "string" as const, required: false, references: userRef },
				createdAt: { type: "date" as const },
				updatedAt: { type: "date" as const },
			},
		},
		oauthAccessToken: {
			modelName: name("oauthAccessToken"),
			fields: {
				accessToken: { type: "string" as const, unique: true },
				refreshToken: { type: "string" as const, unique: true },
				accessTokenExpiresAt: { type: "date" as const },
				refreshTokenExpiresAt: { type: "date" as const },
				clientId: { type: "string" as const, index: true },
				userId: { type: "string" as const, required: false, references: userRef },
				scopes: { type: "string" as const },
				createdAt: { type: "date" as const },
				updatedAt: { type: "date" as const },
			},
		},
		oauthConsent: {
			modelName: name("oauthConsent"),
			fields: {
				clientId: { type: "string" as const, index: true },
				userId: { type: "string" as const, references: userRef },
				scopes: { type: "string" as const },
				createdAt: { type: "date" as const },
				updatedAt: { type: "date" as const },
				consentGiven: { type: "boolean" as const },
			},
		},
	};
}
