import type { BetterAuthOptions } from "@better-auth/core";
import { describe, expect, it } from "vitest";
import { getSchema } from "..";

const options = {
	user: {
		modelName: "users",
		fields: { email: "email_address" },
		additionalFields: { nick: { type: "string", required: false, index: true, fieldName: "nick_name" } },
	},
	session: { modelName: "sessions", fields: { userId: "user_id" } },
	rateLimit: { storage: "database", modelName: "rate_limits" },
	plugins: [
		{
			id: "things",
			schema: {
				thing: {
					modelName: "things",
					fields: {
						owner: { type: "string", fieldName: "owner_id", references: { model: "user", field: "id" } },
						mail: { type: "string", required: false, references: { model: "user", field: "email" } },
					},
				},
				ghost: { disableMigration: true, fields: { name: { type: "string" } } },
			},
		},
	],
} satisfies BetterAuthOptions;

describe("getSchema", () => {
	const schema = getSchema(options);

	it("lists tables by physical name: core tables, plugin tables, then rateLimit", () => {
		expect(Object.keys(schema)).toEqual([
			"users",
			"sessions",
			"account",
			"verification",
			"things",
			"ghost",
			"rate_limits",
		]);
		expect(Object.values(schema).map((table) => table.order)).toEqual([1, 2, 3, 4, null, null, null]);
		expect(schema.ghost.disableMigrations).toBe(true);
		expect(schema.users.disableMigrations).toBeUndefined();
		expect(schema.users.indexes).toEqual([]);
	});

	it("keys fields by column and points references at physical tables", () => {
		expect(Object.keys(schema.users.fields)).toEqual([
			"name",
			"email_address",
			"emailVerified",
			"image",
			"createdAt",
			"updatedAt",
			"nick_name",
		]);
		expect(schema.users.fields.email_address).toMatchObject({
			type: "string",
			unique: true,
			required: true,
			fieldName: "email_address",
		});
		expect(schema.sessions.fields.user_id.references).toEqual({ model: "users", field: "id", onDelete: "cascade" });
		// The referenced field stays the logical name, as in Better Auth 1.7.
		expect(schema.things.fields.mail.references).toEqual({ model: "users", field: "email" });
		expect(schema.things.fields.owner_id.fieldName).toBe("owner_id");
		expect(Object.keys(schema.rate_limits.fields)).toEqual(["key", "count", "lastRequest"]);
	});

	it("leaves the schema it reads unchanged", () => {
		const again = getSchema(options);
		expect(again.sessions.fields.user_id.references?.model).toBe("users");
		expect(options.plugins[0].schema.thing.fields.mail.references.model).toBe("user");
	});
});
