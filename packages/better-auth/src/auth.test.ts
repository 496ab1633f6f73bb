import { createAuthEndpoint, createAuthMiddleware } from "@better-auth/core/api";
import { APIError, BetterAuthError, defineErrorCodes } from "@better-auth/core/error";
import { afterEach, describe, expect, it } from "vitest";
import * as z from "zod";
import { memoryAdapter } from "./adapters/memory";
import { betterAuth } from "./auth";
import { getTestInstance } from "./test";

const base = { baseURL: "http://localhost:3000", secret: "s".repeat(32), database: memoryAdapter({}) };
const req = (path: string, init?: RequestInit) => new Request(`http://localhost:3000/api/auth${path}`, init);
const jsonPost = (body: string) => ({ method: "POST", headers: { "content-type": "application/json" }, body });

const echo = createAuthEndpoint(
	"/echo",
	{ method: "POST", body: z.object({ name: z.string().max(20) }) },
	async (ctx) => {
		ctx.setCookie("echo", "1");
		return ctx.json({ name: ctx.body.name, app: ctx.context.appName });
	},
);
const TEST_ERRORS = defineErrorCodes({ TEST_REFUSED: "Refused by the test plugin" });
const refuse = createAuthEndpoint("/refuse", { method: "GET" }, async () => {
	throw new APIError("FORBIDDEN", TEST_ERRORS.TEST_REFUSED);
});

describe("betterAuth() instance", () => {
	it("answers /ok the same through the handler and the api", async () => {
		const auth = betterAuth(base);
		const response = await auth.handler(req("/ok"));
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
		expect(await auth.api.ok()).toEqual({ ok: true });
		const asResponse = (await auth.api.ok({ asResponse: true })) as Response;
		expect(asResponse.status).toBe(200);
	});

	it("matches paths exactly, like better-auth 1.7", async () => {
		const auth = betterAuth(base);
		for (const path of ["/ok/", "//ok", "/OK", "/%6Fk", "/nope"]) {
			expect((await auth.handler(req(path))).status, path).toBe(404);
		}
		expect((await auth.handler(req("/ok", { method: "POST" }))).status).toBe(404);
		expect((await auth.handler(new Request("http://localhost:3000/ok"))).status).toBe(404);
	});

	it("disabledPaths answer 404 and no path spelling escapes them", async () => {
		const auth = betterAuth({ ...base, disabledPaths: ["/ok"] });
		for (const path of ["/ok", "//ok", "/ok/", "/Ok", "/ok%2F", "/./ok"]) {
			expect((await auth.handler(req(path))).status, path).toBe(404);
		}
	});

	it("uses the request's origin when no baseURL is configured", async () => {
		const auth = betterAuth({ secret: base.secret, database: memoryAdapter({}) });
		const response = await auth.handler(new Request("http://example.test/api/auth/ok"));
		expect(response.status).toBe(200);
	});

	it("serves an HTML error page that escapes the code", async () => {
		const auth = betterAuth(base);
		const response = await auth.handler(req("/error?error=%3Cscript%3Ealert(1)%3C/script%3E"));
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toContain("text/html");
		const html = await response.text();
		expect(html).not.toContain("<script>");
		expect(html).toContain("&#60;script&#62;");
	});
});

describe("request bodies", () => {
	const plugin = { id: "echo", endpoints: { echo } };

	it("validates with the same error body as better-auth", async () => {
		const auth = betterAuth({ ...base, plugins: [plugin] });
		const response = await auth.handler(req("/echo", jsonPost(JSON.stringify({ name: 5 }))));
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			message: "[body.name] Invalid input: expected string, received number",
			code: "VALIDATION_ERROR",
		});
		await expect(auth.api.echo({ body: {} as never })).rejects.toMatchObject({ statusCode: 400 });
	});

	it("answers broken JSON, wrong media types and oversized bodies with 4xx codes", async () => {
		const auth = betterAuth({ ...base, plugins: [plugin] });
		const broken = await auth.handler(req("/echo", jsonPost("{bad")));
		expect(broken.status).toBe(400);
		expect(await broken.json()).toEqual({ message: "Invalid JSON in request body", code: "BAD_REQUEST" });
		const text = await auth.handler(
			req("/echo", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
		);
		expect(text.status).toBe(415);
		expect((await text.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
		const big = await auth.handler(req("/echo", jsonPost(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }))));
		expect(big.status).toBe(413);
		expect((await big.json()).code).toBe("PAYLOAD_TOO_LARGE");
	});

	it("accepts form bodies and keeps endpoint cookies", async () => {
		const auth = betterAuth({ ...base, plugins: [plugin] });
		const response = await auth.handler(
			req("/echo", {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: "name=Ada",
			}),
		);
		expect(await response.json()).toEqual({ name: "Ada", app: "Better Auth" });
		expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^echo=1/)]);
	});
});

describe("plugins and hooks", () => {
	const calls: string[] = [];
	afterEach(() => {
		calls.length = 0;
	});

	const everyHook = {
		id: "every-hook",
		endpoints: { echo, refuse },
		$ERROR_CODES: TEST_ERRORS,
		init: () => ({ context: { appName: "Hooked App" } }),
		onRequest: (request: Request) => {
			calls.push("onRequest");
			if (new URL(request.url).searchParams.has("short")) return { response: new Response("short", { status: 299 }) };
		},
		onResponse: (response: Response) => {
			calls.push("onResponse");
			const headers = new Headers(response.headers);
			headers.set("x-plugin", "1");
			return { response: new Response(response.body, { status: response.status, headers }) };
		},
		middlewares: [
			{
				path: "/echo",
				middleware: createAuthMiddleware(async () => {
					calls.push("middleware");
				}),
			},
		],
		hooks: {
			before: [
				{
					matcher: (ctx: { path: string }) => ctx.path === "/echo",
					handler: createAuthMiddleware(async (ctx) => {
						calls.push("before");
						const body = ctx.body as { name: string };
						return { context: { body: { name: body.name.toUpperCase() } } };
					}),
				},
			],
			after: [
				{
					matcher: (ctx: { path: string }) => ctx.path === "/echo",
					handler: createAuthMiddleware(async (ctx) => {
						calls.push("after");
						const returned = ctx.context.returned as { name: string };
						return ctx.json({ ...returned, after: true });
					}),
				},
			],
		},
	};

	it("runs every hook point in order over HTTP", async () => {
		const auth = betterAuth({ ...base, plugins: [everyHook] });
		const response = await auth.handler(req("/echo", jsonPost(JSON.stringify({ name: "ada" }))));
		expect(await response.json()).toEqual({ name: "ADA", app: "Hooked App", after: true });
		expect(response.headers.get("x-plugin")).toBe("1");
		expect(calls).toEqual(["onRequest", "middleware", "before", "after", "onResponse"]);
	});

	it("runs before and after hooks for api calls too, but not HTTP-only steps", async () => {
		const auth = betterAuth({ ...base, plugins: [everyHook] });
		expect(await auth.api.echo({ body: { name: "bob" } })).toEqual({ name: "BOB", app: "Hooked App", after: true });
		expect(calls).toEqual(["before", "after"]);
	});

	it("lets onRequest answer early", async () => {
		const auth = betterAuth({ ...base, plugins: [everyHook] });
		const response = await auth.handler(req("/ok?short=1"));
		expect(response.status).toBe(299);
	});

	it("merges plugin error codes and turns APIErrors into JSON answers", async () => {
		const auth = betterAuth({ ...base, plugins: [everyHook] });
		expect(auth.$ERROR_CODES.TEST_REFUSED).toEqual({ code: "TEST_REFUSED", message: "Refused by the test plugin" });
		expect(auth.$ERROR_CODES.USER_NOT_FOUND).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
		const response = await auth.handler(req("/refuse"));
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ code: "TEST_REFUSED", message: "Refused by the test plugin" });
		await expect(auth.api.refuse()).rejects.toBeInstanceOf(APIError);
	});

	it("top-level hooks can refuse a call", async () => {
		const auth = betterAuth({
			...base,
			plugins: [{ id: "echo", endpoints: { echo } }],
			hooks: {
				before: createAuthMiddleware(async (ctx) => {
					if (ctx.path === "/echo") throw new APIError("BAD_REQUEST", { code: "NOPE", message: "no" });
				}),
			},
		});
		const response = await auth.handler(req("/echo", jsonPost(JSON.stringify({ name: "x" }))));
		expect(response.status).toBe(400);
		expect((await response.json()).code).toBe("NOPE");
		expect((await auth.handler(req("/ok"))).status).toBe(200);
	});

	it("runs database hooks a plugin's init returns after the app's own", async () => {
		const seen: string[] = [];
		const { signUp, database } = await getTestInstance({
			emailAndPassword: { enabled: true },
			databaseHooks: {
				user: { create: { before: async (user) => ({ data: { name: `${user.name} (app)` } }) } },
			},
			plugins: [
				{
					id: "db-hooks",
					init: () => ({
						options: {
							databaseHooks: {
								user: {
									create: {
										before: async (user: { name: string; email: string }) =>
											user.email.startsWith("blocked") ? false : { data: { name: `${user.name} (plugin)` } },
										after: async (user: { name: string }) => void seen.push(user.name),
									},
								},
							},
						},
					}),
				},
			],
		});
		expect((await signUp({ email: "a@x.com", name: "A" })).response.status).toBe(200);
		expect(database.prepare("select name from user").all()).toEqual([{ name: "A (app) (plugin)" }]);
		expect(seen).toEqual(["A (app) (plugin)"]);
		expect((await signUp({ email: "blocked@x.com", name: "B" })).response.status).toBeGreaterThanOrEqual(400);
		expect(database.prepare("select count(*) as n from user").get()).toEqual({ n: 1 });
	});

	it("answers 500 with an empty body for an unexpected error and reports it", async () => {
		const errors: unknown[] = [];
		const boom = createAuthEndpoint("/boom", { method: "GET" }, async () => {
			throw new Error("unexpected");
		});
		const auth = betterAuth({
			...base,
			logger: { disabled: true },
			plugins: [{ id: "boom", endpoints: { boom } }],
			onAPIError: { onError: (error) => void errors.push(error) },
		});
		const response = await auth.handler(req("/boom"));
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({});
		expect(errors).toHaveLength(1);
	});
});

describe("secret", () => {
	const saved = { ...process.env };
	afterEach(() => {
		process.env = { ...saved };
	});

	it("refuses to start in production without a secret", async () => {
		process.env.NODE_ENV = "production";
		delete process.env.BETTER_AUTH_SECRET;
		delete process.env.AUTH_SECRET;
		expect(() => betterAuth({ database: memoryAdapter({}) })).toThrow(BetterAuthError);
		expect(() => betterAuth({ database: memoryAdapter({}) })).toThrow(/BETTER_AUTH_SECRET/);
		expect(() => betterAuth({ database: memoryAdapter({}), secret: "configured-secret-0123456789" })).not.toThrow();
	});

	it("reads BETTER_AUTH_SECRET", async () => {
		process.env.BETTER_AUTH_SECRET = "from-env-secret-0123456789abcdef";
		const auth = betterAuth({ database: memoryAdapter({}) });
		expect((await auth.$context).secret).toBe("from-env-secret-0123456789abcdef");
	});
});
