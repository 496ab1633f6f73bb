/**
 * The auth instance every framework server mounts: in-memory SQLite, migrated, email and
 * password on, `baseURL` the server's own URL.
 */
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import Database from "better-sqlite3";

export const E2E_SECRET = "e2e-secret-0123456789-0123456789-abcdef";

export function authOptions(baseURL: string, database: InstanceType<typeof Database>) {
	return {
		baseURL,
		secret: E2E_SECRET,
		database,
		emailAndPassword: { enabled: true },
		logger: { disabled: true },
	};
}

/** A migrated auth instance for a server on `baseURL`, and a way to close its database. */
export async function createE2EAuth(baseURL: string) {
	const database = new Database(":memory:");
	const options = authOptions(baseURL, database);
	await (await getMigrations(options)).runMigrations();
	return { auth: betterAuth(options), close: () => database.close() };
}

export type E2EAuth = Awaited<ReturnType<typeof createE2EAuth>>["auth"];
