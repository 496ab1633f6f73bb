/**
 * Sessions from API keys. The tests on core endpoints (list-sessions, update-user) and on this
 * plugin's session-guarded endpoints need the session middlewares to honour a session a hook put
 * on `ctx.context.session` (api/middlewares/session.ts).
 */
import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { apiKey } from "./index";
import type { ApiKeyOptions } from "./types";

type Json = Record<string, unknown>;

async function setup(options: ApiKeyOptions = {}, extra: Json = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [apiKey({ enableSessionForAPIKeys: true, ...options })],
	});
	const api = instance.auth.api as unknown as Record<string, (input?: unknown) => Promise<Json>>;
	const response = await instance.request("/sign-up/email", {
		body: { email: "a@x.com", password: "password123", name: "A" },
	});
	const user = { id: ((await response.json()) as { user: { id: string } }).user.id, cookie: cookieHeader(response) };
	const create = (body: Json = {}) =>
		api.createApiKey({ body: { userId: user.id, ...body } }) as Promise<Json & { key: string; id: string }>;
	const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
		const answer = await instance.request(path, { headers, body });
		const text = await answer.text();
		return { status: answer.status, body: (text ? JSON.parse(text) : null) as Json, response: answer };
	};
	const row = (id: string) =>
		instance.database.prepare("select * from apikey where id = ?").get(id) as Json | undefined;
	return { ...instance, api, user, create, call, row };
}

describe("api-key sessions: get-session", () => {
	it("answers with the owner and a session built from the key", async () => {
		const { create, call, user, row } = await setup();
		const key = await create({ expiresIn: 3 * 86_400 });
		const { status, body } = await call("/get-session", {
			"x-api-key": key.key,
			"user-agent": "UA",
			"x-forwarded-for": "1.2.3.4",
		});
		expect(status).toBe(200);
		expect(body.user).toMatchObject({ id: user.id, email: "a@x.com" });
		expect(body.session).toMatchObject({
			id: key.id,
			token: key.key,
			userId: user.id,
			userAgent: "UA",
			ipAddress: "1.2.3.4",
			expiresAt: (key.expiresAt as Date).toISOString(),
		});
		// Each request is a use of the key.
		expect(row(key.id)?.requestCount).toBe(1);
	});

	it("is off unless enableSessionForAPIKeys is set", async () => {
		const { create, call } = await setup({ enableSessionForAPIKeys: false });
		const key = await create();
		expect(await call("/get-session", { "x-api-key": key.key })).toMatchObject({ status: 200, body: null });
	});

	it("answers each refusal with its status and code", async () => {
		const { create, call, api, user, database } = await setup();
		const refuse = async (headers: Record<string, string>, status: number, code: string) =>
			expect(await call("/get-session", headers), code).toMatchObject({ status, body: { code } });
		await refuse({ "x-api-key": "short" }, 403, "INVALID_API_KEY");
		await refuse({ "x-api-key": "b".repeat(64) }, 401, "INVALID_API_KEY");
		const disabled = await create();
		await api.updateApiKey({ body: { keyId: disabled.id, userId: user.id, enabled: false } });
		await refuse({ "x-api-key": disabled.key }, 401, "KEY_DISABLED");
		await refuse({ "x-api-key": (await create({ remaining: 0 })).key }, 429, "USAGE_EXCEEDED");
		const limited = await create({ rateLimitMax: 1, rateLimitTimeWindow: 60_000 });
		expect((await call("/get-session", { "x-api-key": limited.key })).status).toBe(200);
		const second = await call("/get-session", { "x-api-key": limited.key });
		expect(second).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
		expect((second.body.details as Json).tryAgainIn).toBeGreaterThan(0);
		const expired = await create();
		database
			.prepare("update apikey set expiresAt = ? where id = ?")
			.run(new Date(Date.now() - 1000).toISOString(), expired.id);
		await refuse({ "x-api-key": expired.key }, 401, "KEY_EXPIRED");
		const orphan = (await api.createApiKey({ body: { userId: "ghost" } })) as { key: string };
		await refuse({ "x-api-key": orphan.key }, 401, "INVALID_REFERENCE_ID_FROM_API_KEY");
		// An empty header is no key at all.
		expect(await call("/get-session", { "x-api-key": "" })).toMatchObject({ status: 200, body: null });
	});

	it("refuses keys of users banned by the admin plugin (stricter than 1.7)", async () => {
		const { create, call, database } = await setup(
			{},
			{ user: { additionalFields: { banned: { type: "boolean", required: false } } } },
		);
		const key = await create();
		database.prepare("update user set banned = 1").run();
		expect(await call("/get-session", { "x-api-key": key.key })).toMatchObject({
			status: 401,
			body: { code: "USER_BANNED" },
		});
	});

	it("reads the key from apiKeyHeaders, or only from customAPIKeyGetter when set", async () => {
		const headers = await setup({ apiKeyHeaders: ["x-api-key", "xyz-api-key"] });
		const key = await headers.create();
		expect((await headers.call("/get-session", { "xyz-api-key": key.key })).body?.session).toMatchObject({
			id: key.id,
		});

		const getter = await setup({
			customAPIKeyGetter: (ctx) => ctx.headers?.get("authorization")?.replace("Key ", "") ?? null,
		});
		const other = await getter.create();
		expect((await getter.call("/get-session", { authorization: `Key ${other.key}` })).body?.session).toMatchObject({
			id: other.id,
		});
		expect((await getter.call("/get-session", { "x-api-key": other.key })).body).toBeNull();

		// A getter that returns something else than a string or null breaks every request, loudly.
		const broken = await getTestInstance({
			plugins: [apiKey({ enableSessionForAPIKeys: true, customAPIKeyGetter: () => 5 as unknown as string })],
		});
		for (const path of ["/get-session", "/ok"]) {
			const response = await broken.request(path);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ code: "INVALID_API_KEY_GETTER_RETURN_TYPE" });
		}
	});

	it("runs customAPIKeyValidator before any lookup", async () => {
		const { call } = await setup({ customAPIKeyValidator: ({ key }) => !key.startsWith("deny") });
		expect(await call("/get-session", { "x-api-key": `deny${"x".repeat(70)}` })).toMatchObject({
			status: 403,
			body: { code: "INVALID_API_KEY" },
		});
	});

	it("takes the key's session over the session cookie", async () => {
		const { create, call, user } = await setup();
		const key = await create();
		const { body } = await call("/get-session", { "x-api-key": key.key, cookie: user.cookie });
		expect((body.session as Json).id).toBe(key.id);
	});
});

describe("api-key sessions: other endpoints", () => {
	it("session-guarded endpoints accept the key as their owner's session", async () => {
		const { create, call, user } = await setup();
		const key = await create();
		const sessions = await call("/list-sessions", { "x-api-key": key.key });
		expect(sessions.status).toBe(200);
		expect((sessions.body as unknown as Json[]).map((session) => session.userId)).toEqual([user.id]);
		const listed = await call("/api-key/list", { "x-api-key": key.key });
		expect(listed).toMatchObject({ status: 200, body: { total: 1 } });
		const created = await call("/api-key/create", { "x-api-key": key.key }, { name: "from key" });
		expect(created).toMatchObject({ status: 200, body: { referenceId: user.id, name: "from key" } });
		expect(await call("/update-user", { "x-api-key": key.key }, { name: "Renamed" })).toMatchObject({ status: 200 });
		expect((await call("/get-session", { cookie: user.cookie })).body?.user).toMatchObject({ name: "Renamed" });
	});

	it("without a key, those endpoints still need a signed-in user", async () => {
		const { call } = await setup();
		expect(await call("/list-sessions", {})).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
		expect(await call("/api-key/list", { "x-api-key": "" })).toMatchObject({ status: 401 });
	});
});
