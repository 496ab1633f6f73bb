import { describe, expect, it } from "vitest";
import { BetterAuthError } from "../error";
import { getAuthTables, getModelKey } from "./schema";

describe("getAuthTables", () => {
	it("has the core tables with Better Auth's columns", () => {
		const tables = getAuthTables({});
		expect(Object.keys(tables)).toEqual(["user", "session", "account", "verification"]);
		expect(Object.keys(tables.session.fields)).toEqual([
			"expiresAt",
			"token",
			"createdAt",
			"updatedAt",
			"ipAddress",
			"userAgent",
			"userId",
		]);
		expect(tables.session.fields.userId.references).toEqual({
			model: "user",
			field: "id",
			onDelete: "cascade",
		});
	});

	it("applies renames, additional fields and plugin schemas", () => {
		const tables = getAuthTables({
			user: {
				modelName: "users",
				fields: { email: "email_address" },
				additionalFields: { role: { type: "string" } },
			},
			rateLimit: { storage: "database" },
			plugins: [
				{
					id: "p",
					schema: {
						user: {
							fields: {
								twoFactorEnabled: { type: "boolean", required: false },
							},
						},
						twoFactor: { fields: { secret: { type: "string" } } },
					},
				},
			],
		});
		expect(tables.user.modelName).toBe("users");
		expect(tables.user.fields.email.fieldName).toBe("email_address");
		expect(tables.user.fields.role.fieldName).toBe("role");
		expect(tables.user.fields.twoFactorEnabled.type).toBe("boolean");
		expect(tables.twoFactor.modelName).toBe("twoFactor");
		expect(tables.rateLimit.fields.lastRequest.bigint).toBe(true);
	});

	it("drops the session and verification tables when they live in secondary storage", () => {
		const storage = { get: () => null, set: () => {}, delete: () => {} };
		expect(Object.keys(getAuthTables({ secondaryStorage: storage }))).toEqual(["user", "account"]);
		expect(
			getAuthTables({
				secondaryStorage: storage,
				session: { storeSessionInDatabase: true },
			}).session,
		).toBeDefined();
	});

	it("reports an unknown model with the known ones", () => {
		const tables = getAuthTables({ user: { modelName: "users" } });
		expect(getModelKey(tables, "users")).toBe("user");
		expect(() => getModelKey(tables, "nope")).toThrow(BetterAuthError);
		expect(() => getModelKey(tables, "nope")).toThrow(/Known models: user, session/);
	});

	it("refuses a reference to a model that is not in the schema, at start-up", () => {
		const plugin = {
			id: "broken",
			schema: { note: { fields: { teamId: { type: "string", references: { model: "team", field: "id" } } } } },
		};
		expect(() => getAuthTables({ plugins: [plugin] })).toThrow(BetterAuthError);
		expect(() => getAuthTables({ plugins: [plugin] })).toThrow(/note.teamId references model "team"/);
	});
});
