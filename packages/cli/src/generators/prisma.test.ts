import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { generatorSchema } from "../schema/tables";
import { CASES, fakeAdapter, notesPlugin, treePlugin } from "../test-utils/fixtures";
import { generateSchema } from ".";
import { generatePrismaSchema, type PrismaProvider } from "./prisma";
import { mergePrismaSchema, parsePrismaModels } from "./prisma-merge";

// Prisma's own schema parser and validator (the engine's Wasm build): no engine download needed.
const prismaWasm = createRequire(import.meta.url)("@prisma/prisma-schema-wasm") as {
	validate(params: string): void;
};

/**
 * Throws Prisma's validation errors, if any. The validator is Prisma 7's, which wants the URL in
 * prisma.config.ts: a Prisma 6 `url` line is dropped before validating.
 */
function validatePrisma(schema: string) {
	const modern = schema.replace(/^\s*url\s*=.*\n/m, "");
	prismaWasm.validate(JSON.stringify({ prismaSchema: [["schema.prisma", modern]], noColor: true }));
}

const PROVIDERS: PrismaProvider[] = ["postgresql", "mysql", "sqlite", "sqlserver", "mongodb"];

describe("generate: schema.prisma for the Prisma adapter", () => {
	for (const [name, options] of Object.entries(CASES)) {
		for (const provider of PROVIDERS) {
			// MongoDB has no sequences: numeric ids do not apply there.
			if (provider === "mongodb" && name === "serial") continue;
			it(`${provider}: ${name}`, async () => {
				const file = await generateSchema({
					options: { ...options, database: fakeAdapter("prisma", provider) },
					cwd: "/nonexistent",
				});
				expect(file.path).toBe("/nonexistent/prisma/schema.prisma");
				expect(file.mode).toBe("create");
				const code = file.code as string;
				expect(() => validatePrisma(code)).not.toThrow();
				await expect(code).toMatchFileSnapshot(`./__snapshots__/prisma/${name}.${provider}.prisma`);
			});
		}
	}

	it("names both sides of a self relation, and Prisma accepts it on every provider", () => {
		for (const provider of PROVIDERS) {
			const code = generatePrismaSchema(generatorSchema({ plugins: [treePlugin] }), provider);
			expect(() => validatePrisma(code)).not.toThrow();
			expect(code).toMatch(/parent\s+Category\?\s+@relation\("category_parentId", fields: \[parentId\]/);
			expect(code).toMatch(/categoriesParent\s+Category\[\]\s+@relation\("category_parentId"\)/);
		}
	});

	it("writes url and prisma-client-js for Prisma 6 and older", () => {
		const code = generatePrismaSchema(generatorSchema({}), "postgresql", 6);
		expect(code).toContain('provider = "prisma-client-js"');
		expect(code).toContain('url      = env("DATABASE_URL")');
		expect(() => validatePrisma(code)).not.toThrow();
	});

	it("takes the provider from --provider when the adapter cannot be created", async () => {
		const broken = () => {
			throw new Error("PrismaClient is not generated");
		};
		const options = { database: broken };
		await expect(generateSchema({ options, cwd: "/app" })).rejects.toThrow(/--adapter prisma\|drizzle/);
		const file = await generateSchema({ options, cwd: "/app", hint: { adapter: "prisma", provider: "sqlite" } });
		expect(file.code).toContain('provider = "sqlite"');
	});

	it("refuses an unknown provider, listing the known ones", async () => {
		await expect(
			generateSchema({ options: { database: fakeAdapter("prisma", "oracle") }, cwd: "/app" }),
		).rejects.toThrow(/postgresql, mysql, sqlite/);
	});
});

describe("merging into an existing schema.prisma", () => {
	const existing = `// The app's own schema.
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id       String    @id
  name     String
  email    String    @unique
  posts    Post[]
  sessions Session[]

  @@map("user")
}

model Session {
  id        String   @id
  token     String   @unique
  expiresAt DateTime
  userId    String
  owner     User     @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@map("session")
}

model Post {
  id       String @id
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
`;

	it("adds missing models and fields, keeps everything else, and validates", () => {
		const schema = generatorSchema({ plugins: [notesPlugin] });
		const merged = mergePrismaSchema(existing, schema, "postgresql");
		expect(merged.models).toEqual(["Account", "Verification", "Note", "Profile"]);
		expect(merged.fields).toContain("User.emailVerified");
		expect(merged.fields).toContain("User.credits");
		expect(merged.fields).toContain("Session.ipAddress");
		// The app's relation over session.userId (named `owner`) and `sessions` are kept, not duplicated.
		expect(merged.fields).not.toContain("Session.user");
		expect(merged.fields).not.toContain("User.sessions");
		expect(merged.code.startsWith(existing.slice(0, existing.indexOf("model User")))).toBe(true);
		expect(merged.code).toContain("model Post {");
		expect(() => validatePrisma(merged.code)).not.toThrow();
		const models = parsePrismaModels(merged.code).map((model) => model.name);
		expect(models).toEqual(["User", "Session", "Post", "Account", "Verification", "Note", "Profile"]);
		expect(merged.code).toMatchSnapshot();
	});

	it("changes nothing the second time", () => {
		const schema = generatorSchema({ plugins: [notesPlugin] });
		const once = mergePrismaSchema(existing, schema, "postgresql");
		const twice = mergePrismaSchema(once.code, schema, "postgresql");
		expect(twice.models).toEqual([]);
		expect(twice.fields).toEqual([]);
		expect(twice.code).toBe(once.code);
	});

	it("finds an existing model by its name when it has no @@map", () => {
		const text = 'datasource db {\n  provider = "sqlite"\n}\n\nmodel User {\n  id String @id\n}\n';
		const merged = mergePrismaSchema(text, generatorSchema({}), "sqlite");
		expect(parsePrismaModels(merged.code).filter((model) => model.name === "User")).toHaveLength(1);
		expect(() => validatePrisma(merged.code)).not.toThrow();
	});
});
