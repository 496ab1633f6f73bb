/**
 * The Next app's auth options without the database, shared with the e2e global setup, which
 * migrates the database file before `next start`.
 */
import { nextCookies } from "better-auth/next-js";

export const NEXT_E2E_SECRET = "e2e-next-secret-0123456789-0123456789";

export function nextAuthOptions() {
	return {
		// Read when the server starts (`next start`), not when the app is built.
		baseURL: process.env.BETTER_AUTH_URL,
		secret: NEXT_E2E_SECRET,
		emailAndPassword: { enabled: true },
		plugins: [nextCookies()],
	};
}
