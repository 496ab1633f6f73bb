/**
 * Better Auth 1.7's core tables as they exist in a database it migrated (observed on SQLite,
 * PostgreSQL and MySQL), written as data: the migration tests compare introspected databases to it.
 */
type Kind = "id" | "ref" | "string" | "keyed" | "boolean" | "date" | "integer" | "bigint";

/** column → [kind, nullable] */
export const CORE_COLUMNS: Record<string, Record<string, [Kind, boolean]>> = {
	user: {
		id: ["id", false],
		name: ["keyed", false],
		email: ["keyed", false],
		emailVerified: ["boolean", false],
		image: ["string", true],
		createdAt: ["date", false],
		updatedAt: ["date", false],
	},
	session: {
		id: ["id", false],
		expiresAt: ["date", false],
		token: ["keyed", false],
		createdAt: ["date", false],
		updatedAt: ["date", false],
		ipAddress: ["string", true],
		userAgent: ["string", true],
		userId: ["ref", false],
	},
	account: {
		id: ["id", false],
		accountId: ["string", false],
		providerId: ["string", false],
		userId: ["ref", false],
		accessToken: ["string", true],
		refreshToken: ["string", true],
		idToken: ["string", true],
		accessTokenExpiresAt: ["date", true],
		refreshTokenExpiresAt: ["date", true],
		scope: ["string", true],
		password: ["string", true],
		createdAt: ["date", false],
		updatedAt: ["date", false],
	},
	verification: {
		id: ["id", false],
		identifier: ["keyed", false],
		value: ["string", false],
		expiresAt: ["date", false],
		createdAt: ["date", false],
		updatedAt: ["date", false],
	},
	rateLimit: {
		id: ["id", false],
		key: ["keyed", false],
		count: ["integer", false],
		lastRequest: ["bigint", false],
	},
};

/** Column type names as each database's catalog reports them (MySQL integer display widths dropped). */
export const TYPE_NAMES: Record<"sqlite" | "postgres" | "mysql", Record<Kind, string>> = {
	sqlite: {
		id: "text",
		ref: "text",
		string: "text",
		keyed: "text",
		boolean: "integer",
		date: "date",
		integer: "integer",
		bigint: "bigint",
	},
	postgres: {
		id: "text",
		ref: "text",
		string: "text",
		keyed: "text",
		boolean: "boolean",
		date: "timestamp with time zone",
		integer: "integer",
		bigint: "bigint",
	},
	mysql: {
		id: "varchar(36)",
		ref: "varchar(36)",
		string: "text",
		keyed: "varchar(255)",
		boolean: "tinyint(1)",
		date: "timestamp(3)",
		integer: "int",
		bigint: "bigint",
	},
};

/** Unique columns and named indexes every migrated database has. */
export const CORE_UNIQUE = { user: ["email"], session: ["token"], rateLimit: ["key"] };
export const CORE_INDEXES = {
	session_userId_idx: ["session", "userId"],
	account_userId_idx: ["account", "userId"],
	verification_identifier_idx: ["verification", "identifier"],
};

/** Foreign keys of the core tables: "table.column" → "target.column on delete rule". */
export const CORE_FOREIGN_KEYS = {
	"session.userId": "user.id on delete cascade",
	"account.userId": "user.id on delete cascade",
};
