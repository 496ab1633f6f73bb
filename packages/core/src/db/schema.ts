import { BetterAuthError } from "../error";
import type { BetterAuthOptions, ModelOptions } from "../types/options";
import type { BetterAuthDBSchema, BetterAuthPluginDBSchema, DBFieldAttribute } from "./field";

const now = () => new Date();

/**
 * The core tables, in the column order Better Auth creates them, with the same
 * nullability, uniqueness, references and indexes, so an existing database fits as is.
 */
function coreTables(options: BetterAuthOptions): BetterAuthDBSchema {
	const user = options.user;
	const session = options.session;
	const account = options.account;
	const verification = options.verification;
	const rateLimit = options.rateLimit;
	const name = (model: ModelOptions | undefined, fallback: string) => model?.modelName ?? fallback;
	const col = (model: ModelOptions | undefined, field: string) =>
		(model?.fields as Record<string, string> | undefined)?.[field] ?? field;

	const tables: BetterAuthDBSchema = {
		user: {
			modelName: name(user, "user"),
			order: 1,
			fields: {
				name: {
					type: "string",
					required: true,
					sortable: true,
					fieldName: col(user, "name"),
				},
				email: {
					type: "string",
					required: true,
					unique: true,
					sortable: true,
					fieldName: col(user, "email"),
				},
				emailVerified: {
					type: "boolean",
					required: true,
					defaultValue: false,
					input: false,
					fieldName: col(user, "emailVerified"),
				},
				image: {
					type: "string",
					required: false,
					fieldName: col(user, "image"),
				},
				createdAt: {
					type: "date",
					required: true,
					defaultValue: now,
					input: false,
					fieldName: col(user, "createdAt"),
				},
				updatedAt: {
					type: "date",
					required: true,
					defaultValue: now,
					onUpdate: now,
					input: false,
					fieldName: col(user, "updatedAt"),
				},
				...user?.additionalFields,
			},
		},
		session: {
			modelName: name(session, "session"),
			order: 2,
			fields: {
				expiresAt: {
					type: "date",
					required: true,
					fieldName: col(session, "expiresAt"),
				},
				token: {
					type: "string",
					required: true,
					unique: true,
					fieldName: col(session, "token"),
				},
				createdAt: {
					type: "date",
					required: true,
					defaultValue: now,
					fieldName: col(session, "createdAt"),
				},
				updatedAt: {
					type: "date",
					required: true,
					onUpdate: now,
					fieldName: col(session, "updatedAt"),
				},
				ipAddress: {
					type: "string",
					required: false,
					fieldName: col(session, "ipAddress"),
				},
				userAgent: {
					type: "string",
					required: false,
					fieldName: col(session, "userAgent"),
				},
				userId: {
					type: "string",
					required: true,
					references: { model: "user", field: "id", onDelete: "cascade" },
					index: true,
					fieldName: col(session, "userId"),
				},
				...session?.additionalFields,
			},
		},
		account: {
			modelName: name(account, "account"),
			order: 3,
			fields: {
				accountId: {
					type: "string",
					required: true,
					fieldName: col(account, "accountId"),
				},
				providerId: {
					type: "string",
					required: true,
					fieldName: col(account, "providerId"),
				},
				userId: {
					type: "string",
					required: true,
					references: { model: "user", field: "id", onDelete: "cascade" },
					index: true,
					fieldName: col(account, "userId"),
				},
				accessToken: {
					type: "string",
					required: false,
					returned: false,
					fieldName: col(account, "accessToken"),
				},
				refreshToken: {
					type: "string",
					required: false,
					returned: false,
					fieldName: col(account, "refreshToken"),
				},
				idToken: {
					type: "string",
					required: false,
					returned: false,
					fieldName: col(account, "idToken"),
				},
				accessTokenExpiresAt: {
					type: "date",
					required: false,
					returned: false,
					fieldName: col(account, "accessTokenExpiresAt"),
				},
				refreshTokenExpiresAt: {
					type: "date",
					required: false,
					returned: false,
					fieldName: col(account, "refreshTokenExpiresAt"),
				},
				scope: {
					type: "string",
					required: false,
					fieldName: col(account, "scope"),
				},
				password: {
					type: "string",
					required: false,
					returned: false,
					fieldName: col(account, "password"),
				},
				createdAt: {
					type: "date",
					required: true,
					defaultValue: now,
					fieldName: col(account, "createdAt"),
				},
				updatedAt: {
					type: "date",
					required: true,
					onUpdate: now,
					fieldName: col(account, "updatedAt"),
				},
				...account?.additionalFields,
			},
		},
		verification: {
			modelName: name(verification, "verification"),
			order: 4,
			fields: {
				identifier: {
					type: "string",
					required: true,
					index: true,
					fieldName: col(verification, "identifier"),
				},
				value: {
					type: "string",
					required: true,
					fieldName: col(verification, "value"),
				},
				expiresAt: {
					type: "date",
					required: true,
					fieldName: col(verification, "expiresAt"),
				},
				createdAt: {
					type: "date",
					required: true,
					defaultValue: now,
					fieldName: col(verification, "createdAt"),
				},
				updatedAt: {
					type: "date",
					required: true,
					defaultValue: now,
					onUpdate: now,
					fieldName: col(verification, "updatedAt"),
				},
				...verification?.additionalFields,
			},
		},
	};

	// With secondary storage, verification values live there, and sessions too unless asked to be
	// kept in the database as well (the tables better-auth 1.7 creates in that setup).
	if (options.secondaryStorage) {
		delete tables.verification;
		if (!options.session?.storeSessionInDatabase) delete tables.session;
	}

	if (rateLimit?.storage === "database") {
		const rl = { fields: rateLimit.fields } as ModelOptions;
		tables.rateLimit = {
			modelName: rateLimit.modelName ?? "rateLimit",
			order: 5,
			fields: {
				key: {
					type: "string",
					required: true,
					unique: true,
					fieldName: col(rl, "key"),
				},
				count: { type: "number", required: true, fieldName: col(rl, "count") },
				lastRequest: {
					type: "number",
					required: true,
					bigint: true,
					fieldName: col(rl, "lastRequest"),
				},
			},
		};
	}
	return tables;
}

/** Reads a plugin's `schema` from a plugin object without depending on the plugin type. */
function pluginSchema(plugin: unknown): BetterAuthPluginDBSchema | undefined {
	return (plugin as { schema?: BetterAuthPluginDBSchema }).schema;
}

/**
 * The whole schema for a configuration: core tables, renames and additional fields applied,
 * every plugin's tables added and every plugin's extra fields merged into existing tables.
 * Fields carry their physical column in `fieldName`; tables their physical name in `modelName`.
 */
export function getAuthTables(options: BetterAuthOptions): BetterAuthDBSchema {
	const tables = coreTables(options);
	let nextOrder = 100;
	for (const plugin of options.plugins ?? []) {
		const schema = pluginSchema(plugin);
		if (!schema) continue;
		for (const [key, table] of Object.entries(schema)) {
			const fields: Record<string, DBFieldAttribute> = {};
			for (const [fieldKey, attribute] of Object.entries(table.fields ?? {})) {
				fields[fieldKey] = {
					...attribute,
					fieldName: attribute.fieldName ?? fieldKey,
				};
			}
			const existing = tables[key];
			if (existing) {
				existing.fields = { ...existing.fields, ...fields };
				if (table.modelName) existing.modelName = table.modelName;
				continue;
			}
			tables[key] = {
				modelName: table.modelName ?? key,
				fields,
				disableMigrations: table.disableMigration,
				order: nextOrder++,
			};
		}
	}
	for (const [tableKey, table] of Object.entries(tables)) {
		for (const [fieldKey, attribute] of Object.entries(table.fields)) {
			if (!attribute.fieldName) table.fields[fieldKey] = { ...attribute, fieldName: fieldKey };
			const target = attribute.references?.model;
			if (target && !tables[target] && !Object.values(tables).some((t) => t.modelName === target)) {
				throw new BetterAuthError(
					`${tableKey}.${fieldKey} references model "${target}", which is not in the schema. ` +
						`Known models: ${Object.keys(tables).join(", ")}. Add the plugin that defines "${target}" to \`plugins\`.`,
				);
			}
		}
	}
	return tables;
}

/**
 * Finds a table by its logical key or its physical name.
 * An unknown model is a configuration mistake, reported with the models that do exist.
 */
export function getModelKey(schema: BetterAuthDBSchema, model: string): string {
	if (schema[model]) return model;
	for (const [key, table] of Object.entries(schema)) {
		if (table.modelName === model) return key;
	}
	throw new BetterAuthError(
		`Model "${model}" is not in the schema. Known models: ${Object.keys(schema).join(", ")}. ` +
			"If a plugin declares it, add the plugin to `plugins`; if it is a renamed table, use its logical name.",
	);
}
