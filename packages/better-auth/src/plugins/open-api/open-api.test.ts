import { createAuthEndpoint } from "@better-auth/core/api";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { getTestInstance } from "../../test";
import { twoFactor } from "../two-factor";
import { username } from "../username";
import { type OpenAPIDocument, type OpenAPIOptions, openAPI } from "./index";

async function setup(options: OpenAPIOptions = {}, extra: Record<string, unknown> = {}) {
	return getTestInstance({ emailAndPassword: { enabled: true }, plugins: [openAPI(options)], ...extra });
}

async function schemaOf(instance: Awaited<ReturnType<typeof setup>>): Promise<OpenAPIDocument> {
	const response = await instance.request("/open-api/generate-schema");
	expect(response.status).toBe(200);
	expect(response.headers.get("content-type")).toMatch(/application\/json/);
	return response.json();
}

describe("openAPI: the generated document", () => {
	it("is a valid OpenAPI 3.1 document: paths start with /, every operation has responses", async () => {
		const doc = await schemaOf(await setup());
		expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
		expect(doc.info.title).toBeTypeOf("string");
		expect(doc.servers).toEqual([{ url: "http://localhost:3000/api/auth" }]);
		const paths = Object.keys(doc.paths);
		expect(paths.length).toBeGreaterThan(20);
		for (const path of paths) {
			expect(path.startsWith("/")).toBe(true);
			expect(path).not.toContain(":");
			for (const [method, op] of Object.entries(doc.paths[path])) {
				expect(["get", "post", "put", "patch", "delete"]).toContain(method);
				expect(Object.keys(op.responses).length).toBeGreaterThan(0);
				expect(op.tags.length).toBeGreaterThan(0);
			}
		}
	});

	it("describes POST /sign-in/email with a body requiring email and password", async () => {
		const doc = await schemaOf(await setup());
		const op = doc.paths["/sign-in/email"].post;
		expect(op.tags).toEqual(["Default"]);
		const body = op.requestBody as { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
		expect(body.required).toBe(true);
		const schema = body.content["application/json"].schema as {
			properties: Record<string, unknown>;
			required: string[];
		};
		expect(schema.required).toEqual(expect.arrayContaining(["email", "password"]));
		expect(schema.required).not.toContain("rememberMe");
		expect(schema.properties.email).toEqual({ type: "string" });
		expect(schema).not.toHaveProperty("$schema");
	});

	it("describes GET /get-session with its query parameters", async () => {
		const doc = await schemaOf(await setup());
		const op = doc.paths["/get-session"].get;
		expect(op.requestBody).toBeUndefined();
		expect(op.parameters.map((p) => p.name)).toEqual(["disableCookieCache", "disableRefresh"]);
		expect(op.parameters.every((p) => p.in === "query")).toBe(true);
	});

	it("turns :params into {params} with a required path parameter", async () => {
		const doc = await schemaOf(await setup());
		const op = doc.paths["/reset-password/{token}"].get;
		expect(op.parameters).toContainEqual({ name: "token", in: "path", required: true, schema: { type: "string" } });
		expect(doc.paths["/callback/{id}"]).toHaveProperty("get");
	});

	it("leaves out server-only endpoints and its own endpoints", async () => {
		const doc = await schemaOf(await setup());
		expect(doc.paths).not.toHaveProperty("/set-password");
		expect(doc.paths).not.toHaveProperty("/open-api/generate-schema");
		expect(doc.paths).not.toHaveProperty("/reference");
	});

	it("includes plugin endpoints under the plugin's tag, and its tables as components", async () => {
		const doc = await schemaOf(await setup({}, { plugins: [openAPI(), username(), twoFactor()] }));
		expect(doc.paths["/sign-in/username"].post.tags).toEqual(["Username"]);
		expect(doc.paths["/two-factor/enable"].post.tags).toEqual(["Two-factor"]);
		// Server-only plugin endpoints stay out too.
		expect(doc.paths).not.toHaveProperty("/two-factor/view-backup-codes");
		expect(Object.keys(doc.components.schemas)).toEqual(["User", "Session", "Account", "Verification", "TwoFactor"]);
		expect(doc.components.schemas.User.properties).toHaveProperty("username");
		expect(doc.components.schemas.User.properties).toHaveProperty("twoFactorEnabled");
		expect(doc.tags.map((t) => t.name)).toEqual(expect.arrayContaining(["Default", "Username", "Two-factor"]));
	});

	it("has User/Session/Account/Verification schemas from the schema model", async () => {
		const doc = await schemaOf(await setup());
		const user = doc.components.schemas.User as {
			properties: Record<string, Record<string, unknown>>;
			required: string[];
		};
		expect(user.properties.id).toEqual({ type: "string", readOnly: true });
		expect(user.properties.createdAt).toMatchObject({ type: "string", format: "date-time" });
		expect(user.properties.emailVerified).toMatchObject({ type: "boolean", default: false });
		expect(user.required).toEqual(expect.arrayContaining(["id", "email", "name"]));
		expect(user.required).not.toContain("image");
		expect(doc.components.schemas.Session).toBeDefined();
		expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
	});

	it("uses metadata.openapi (description, operationId, responses) and metadata.hide", async () => {
		const plugin = {
			id: "demo",
			endpoints: {
				demoThing: createAuthEndpoint(
					"/demo/thing",
					{
						method: "POST",
						body: z.object({ count: z.number().int().min(1), note: z.string().optional() }),
						metadata: {
							openapi: {
								description: "Does a thing",
								operationId: "doThing",
								responses: { "200": { description: "The thing" } },
							},
						},
					},
					async (ctx) => ctx.json({ ok: true }),
				),
				demoHidden: createAuthEndpoint("/demo/hidden", { method: "GET", metadata: { hide: true } }, async (ctx) =>
					ctx.json({}),
				),
				demoOptional: createAuthEndpoint(
					"/demo/optional",
					{ method: "POST", body: z.object({ a: z.string() }).optional() },
					async (ctx) => ctx.json({}),
				),
			},
		};
		const doc = await schemaOf(await setup({}, { plugins: [openAPI(), plugin] }));
		const op = doc.paths["/demo/thing"].post;
		expect(op).toMatchObject({ description: "Does a thing", operationId: "doThing", tags: ["Demo"] });
		expect(op.responses["200"]).toEqual({ description: "The thing" });
		expect(op.responses["400"]).toBeDefined();
		const schema = (op.requestBody as { content: { "application/json": { schema: Record<string, unknown> } } }).content[
			"application/json"
		].schema;
		expect(schema).toMatchObject({ properties: { count: { type: "integer", minimum: 1 } }, required: ["count"] });
		expect(doc.paths).not.toHaveProperty("/demo/hidden");
		expect((doc.paths["/demo/optional"].post.requestBody as { required: boolean }).required).toBe(false);
	});

	it("is also auth.api.generateOpenAPISchema(), equal to the HTTP answer", async () => {
		const instance = await setup();
		const fromApi = await instance.auth.api.generateOpenAPISchema();
		expect(fromApi).toEqual(await schemaOf(instance));
	});

	it("follows a custom basePath in servers and the reference page", async () => {
		const instance = await setup({}, { basePath: "/auth" });
		const doc = (await instance.auth.api.generateOpenAPISchema()) as OpenAPIDocument;
		expect(doc.servers[0].url).toBe("http://localhost:3000/auth");
		const page = await instance.auth.handler(new Request("http://localhost:3000/auth/reference"));
		expect(await page.text()).toContain('data-url="/auth/open-api/generate-schema"');
	});
});

describe("openAPI: the reference page", () => {
	it("serves Scalar HTML that loads the schema URL", async () => {
		const response = await (await setup()).request("/reference");
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toMatch(/text\/html/);
		const html = await response.text();
		expect(html).toMatch(/^<!doctype html>/i);
		expect(html).toContain('data-url="/api/auth/open-api/generate-schema"');
		expect(html).toContain("@scalar/api-reference");
		expect(html).toContain("&#34;theme&#34;:&#34;default&#34;");
	});

	it("honours path and theme", async () => {
		const instance = await setup({ path: "/docs", theme: "moon" });
		expect((await instance.request("/reference")).status).toBe(404);
		const response = await instance.request("/docs");
		expect(response.status).toBe(200);
		expect(await response.text()).toContain("&#34;theme&#34;:&#34;moon&#34;");
	});

	it("is gone with disableDefaultReference; the schema stays", async () => {
		const instance = await setup({ disableDefaultReference: true });
		expect((await instance.request("/reference")).status).toBe(404);
		expect((await instance.request("/open-api/generate-schema")).status).toBe(200);
	});
});

describe("openAPI: malformed requests", () => {
	it("answers 4xx to other methods, and ignores stray query parameters", async () => {
		const instance = await setup();
		for (const [path, method] of [
			["/open-api/generate-schema", "POST"],
			["/open-api/generate-schema", "DELETE"],
			["/reference", "POST"],
		]) {
			const response = await instance.request(path, { method, body: method === "POST" ? { x: 1 } : undefined });
			expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
			expect(response.status, `${method} ${path}`).toBeLessThan(500);
		}
		expect((await instance.request("/open-api/generate-schema?foo=bar&x[]=1")).status).toBe(200);
		expect((await instance.request("/open-api/generate-schemas")).status).toBe(404);
	});
});
