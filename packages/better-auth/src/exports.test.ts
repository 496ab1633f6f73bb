/**
 * Every public subpath of package.json resolves to a module with the names apps import from it
 * (the Better Auth docs' paths included), so a renamed file or a dropped export fails here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
	exports: Record<string, { source: string; types: string; default: string }>;
};

/** Names a subpath must export (a few per path; the type tests cover the rest). */
const EXPECTED: Record<string, string[]> = {
	".": ["betterAuth", "APIError"],
	"./minimal": ["betterAuth"],
	"./db/adapter": ["createAdapterFactory"],
	"./react-start": ["reactStartCookies"],
	"./plugins": ["twoFactor", "admin", "organization", "passkey", "jwt", "apiKey", "magicLink", "emailOTP"],
	"./client/plugins": ["twoFactorClient", "adminClient", "organizationClient", "passkeyClient"],
	"./plugins/admin/access": ["adminAc", "defaultStatements"],
	"./plugins/organization/access": ["ownerAc", "defaultStatements"],
	"./plugins/access": ["createAccessControl"],
	"./adapters/drizzle": ["drizzleAdapter"],
	"./adapters/prisma": ["prismaAdapter"],
	"./adapters/memory": ["memoryAdapter"],
	"./adapters/kysely": ["kyselyAdapter"],
};

describe("package exports", () => {
	for (const [subpath, entry] of Object.entries(pkg.exports)) {
		it(`${subpath} resolves and exports its names`, async () => {
			expect(entry.source.startsWith("./src/")).toBe(true);
			expect(entry.default).toBe(entry.source.replace("./src/", "./dist/").replace(/\.ts$/, ".mjs"));
			const module = (await import(`../${entry.source.slice(2)}`)) as Record<string, unknown>;
			if (subpath === "./types") return; // types only
			expect(Object.keys(module).length, subpath).toBeGreaterThan(0);
			for (const name of EXPECTED[subpath] ?? []) expect(module[name], `${subpath} ${name}`).toBeDefined();
		});
	}
});
