import { betterAuth } from "better-auth";
import Database from "better-sqlite3";
import { nextAuthOptions } from "./options";

/**
 * The app's auth instance on a SQLite file the e2e setup created and migrated. `next build`
 * evaluates this module too, without that file: an empty in-memory database is enough there.
 */
export const auth = betterAuth({
	...nextAuthOptions(),
	database: new Database(process.env.E2E_NEXT_DATABASE ?? ":memory:"),
});
