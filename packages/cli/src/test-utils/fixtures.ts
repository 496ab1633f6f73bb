/** Configurations the generator tests run through every target. */
import type { BetterAuthOptions, BetterAuthPlugin } from "@better-auth/core";

/** A plugin-like schema: a new table with two references to users, extra user fields of every type. */
export const notesPlugin = {
	id: "notes",
	schema: {
		user: {
			fields: {
				role: { type: ["member", "admin"], defaultValue: "member", required: false },
				credits: { type: "number", defaultValue: 5 },
				banned: { type: "boolean", defaultValue: false, required: false },
				metadata: { type: "json", required: false },
				tags: { type: "string[]", required: false },
				quota: { type: "number", bigint: true, required: false },
				lastSeenAt: { type: "date", defaultValue: () => new Date(), required: false },
				inviteCode: { type: "string", unique: true, required: false },
			},
		},
		note: {
			fields: {
				title: { type: "string", sortable: true },
				body: { type: "string", required: false },
				authorId: { type: "string", references: { model: "user", field: "id" }, index: true },
				reviewerId: {
					type: "string",
					required: false,
					references: { model: "user", field: "id", onDelete: "set null" },
				},
				createdAt: { type: "date", defaultValue: () => new Date() },
				updatedAt: { type: "date", defaultValue: () => new Date(), onUpdate: () => new Date() },
			},
		},
		profile: {
			fields: {
				userId: { type: "string", unique: true, references: { model: "user", field: "id" } },
				bio: { type: "string", required: false },
			},
		},
	},
} satisfies BetterAuthPlugin;

/** Renamed tables and columns, and a reference to a non-id column (user.email). */
const renamingPlugin = {
	id: "invites",
	schema: {
		invite: {
			modelName: "invitations",
			fields: {
				email: { type: "string", fieldName: "invitee_email", references: { model: "user", field: "email" } },
				invitedBy: { type: "string", fieldName: "invited_by", references: { model: "user", field: "id" }, index: true },
				expiresAt: { type: "date", fieldName: "expires_at" },
			},
		},
	},
} satisfies BetterAuthPlugin;

/** Case name → options without `database` (each target supplies its own). */
export const CASES: Record<string, Omit<BetterAuthOptions, "database">> = {
	core: { emailAndPassword: { enabled: true } },
	plugin: { plugins: [notesPlugin], rateLimit: { storage: "database" } },
	serial: { plugins: [notesPlugin], advanced: { database: { generateId: "serial" } } },
	uuid: { plugins: [notesPlugin], advanced: { database: { generateId: "uuid" } } },
	"custom-names": {
		user: { modelName: "users", fields: { email: "email_address", emailVerified: "email_verified" } },
		session: { modelName: "sessions", fields: { userId: "user_id", expiresAt: "expires_at" } },
		account: { modelName: "accounts", fields: { userId: "user_id" } },
		verification: { modelName: "verifications" },
		rateLimit: { storage: "database", modelName: "rate_limits", fields: { lastRequest: "last_request" } },
		plugins: [renamingPlugin],
	},
};

/** A stand-in for an ORM adapter factory (Prisma, Drizzle): the CLI reads only its id and provider. */
export function fakeAdapter(id: string, provider: string) {
	return () => ({
		id,
		create: async () => ({}),
		options: { provider, adapterConfig: { adapterId: id } },
	});
}

/** A table referencing itself (a category tree), and a one-to-one user relation. */
export const treePlugin = {
	id: "tree",
	schema: {
		category: {
			fields: {
				name: { type: "string" },
				parentId: { type: "string", required: false, references: { model: "category", field: "id" } },
				ownerId: { type: "string", references: { model: "user", field: "id" } },
			},
		},
	},
} satisfies BetterAuthPlugin;
