/**
 * Type-check cost is a feature: a generated app with 25 server plugins and their client plugins
 * must compile, and its check time and instantiation count are printed (better-auth 1.7 is known
 * to give up past about 25 plugins).
 */
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const PLUGINS = 25;
const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
// Inside the package, so the fixture resolves its dependencies like the sources do.
const fixtureDir = join(packageRoot, "node_modules", ".cache", "client-type-cost");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function serverPlugin(index: number): string {
	const id = `plugin-${index}`;
	const key = `plugin${index}`;
	return `
export const ${key} = () =>
	({
		id: "${id}",
		endpoints: {
			${key}Create: createAuthEndpoint(
				"/${id}/create",
				{ method: "POST", body: z.object({ name: z.string(), count: z.number().optional() }) },
				async (ctx) => ctx.json({ id: "${index}", name: ctx.body.name, createdAt: new Date() }),
			),
			${key}Get: createAuthEndpoint(
				"/${id}/get",
				{ method: "GET", query: z.object({ id: z.string() }) },
				async (ctx) => ctx.json({ id: ctx.query.id, tags: ["a"] as string[] }),
			),
			${key}List: createAuthEndpoint("/${id}/list", { method: "GET" }, async (ctx) => ctx.json([{ id: "${index}" }])),
			${key}Reset: createAuthEndpoint("/${id}/reset", { method: "POST" }, async (ctx) => ctx.json({ reset: true })),
		},
		schema: { user: { fields: { ${key}Field: { type: "string", required: false } } } },
		$ERROR_CODES: ${key.toUpperCase()}_ERRORS,
	}) satisfies BetterAuthPlugin;
const ${key.toUpperCase()}_ERRORS = defineErrorCodes({ ${key.toUpperCase()}_FAILED: "Plugin ${index} failed" });
export const ${key}Client = () =>
	({
		id: "${id}",
		$InferServerPlugin: {} as ReturnType<typeof ${key}>,
		pathMethods: { "/${id}/reset": "POST" },
		$ERROR_CODES: ${key.toUpperCase()}_ERRORS,
	}) satisfies BetterAuthClientPlugin;
`;
}

function usage(index: number): string {
	const key = `plugin${index}`;
	return `
	const created${index} = await client.${key}.create({ name: "n", count: ${index} });
	const name${index}: string | undefined = created${index}.data?.name;
	const got${index} = await client.${key}.get({ query: { id: "${index}" } });
	const tags${index}: string[] | undefined = got${index}.data?.tags;
	await client.${key}.list();
	await client.${key}.reset();
	const field${index}: string | null | undefined = session.user.${key}Field;
	const code${index}: "${key.toUpperCase()}_FAILED" = client.$ERROR_CODES.${key.toUpperCase()}_FAILED.code;
	void [name${index}, tags${index}, field${index}, code${index}];`;
}

function fixture(): Record<string, string> {
	const indexes = Array.from({ length: PLUGINS }, (_, index) => index);
	const src = "../../../src";
	return {
		"tsconfig.json": JSON.stringify({
			extends: "../../../tsconfig.json",
			compilerOptions: { noEmit: true },
			include: [],
			files: ["plugins.ts", "app.ts"],
		}),
		"plugins.ts": `import type { BetterAuthClientPlugin, BetterAuthPlugin } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { defineErrorCodes } from "@better-auth/core/error";
import * as z from "zod";
${indexes.map(serverPlugin).join("")}`,
		"app.ts": `import { betterAuth } from "${src}/auth";
import { createAuthClient } from "${src}/client/react";
import { inferAdditionalFields } from "${src}/client/plugins";
import { ${indexes.map((index) => `plugin${index}, plugin${index}Client`).join(", ")} } from "./plugins";

export const auth = betterAuth({
	secret: "x".repeat(32),
	user: { additionalFields: { role: { type: "string", required: true } } },
	plugins: [${indexes.map((index) => `plugin${index}()`).join(", ")}],
});

export const client = createAuthClient({
	plugins: [inferAdditionalFields<typeof auth>(), ${indexes.map((index) => `plugin${index}Client()`).join(", ")}],
});

export async function use(session: typeof client.$Infer.Session) {
	const role: string = session.user.role;
	await client.signUp.email({ email: "a@example.com", password: "p", name: "A", role });
	${indexes.map(usage).join("")}
	const server = await auth.api.plugin${PLUGINS - 1}Create({ body: { name: "n" } });
	return server.name;
}
`,
	};
}

describe("client type-check cost", () => {
	it(`compiles an app with ${PLUGINS} server plugins and their clients`, async () => {
		await rm(fixtureDir, { recursive: true, force: true });
		await mkdir(fixtureDir, { recursive: true });
		for (const [name, contents] of Object.entries(fixture())) await writeFile(join(fixtureDir, name), contents);
		const { stdout } = await promisify(execFile)(process.execPath, [tsc, "-p", fixtureDir, "--extendedDiagnostics"], {
			cwd: fixtureDir,
		}).catch((error: { stdout?: string; stderr?: string }) => {
			throw new Error(`the fixture does not compile:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
		});
		const metric = (name: string) => stdout.match(new RegExp(`^${name}:\\s+(.+)$`, "m"))?.[1].trim();
		const instantiations = Number(metric("Instantiations"));
		console.log(
			`${PLUGINS} plugins: check time ${metric("Check time")}, total ${metric("Total time")}, ` +
				`${instantiations} instantiations, ${metric("Types")} types, memory ${metric("Memory used")}`,
		);
		expect(instantiations).toBeGreaterThan(0);
	}, 120_000);
});
