import { describe, expect, it, vi } from "vitest";
import { apiKey } from "./index";
import { type Json, rejects, setup } from "./test-setup";
import type { ApiKeyOptions } from "./types";

describe("api-key: get, list, update, delete", () => {
	async function twoUsers(options: ApiKeyOptions = {}) {
		const instance = await setup(options);
		const user = await instance.signUpUser("a@x.com");
		const other = await instance.signUpUser("b@x.com");
		const mine = (await instance.call("/api-key/create", { body: { name: "mine" }, cookie: user.cookie })).body;
		const theirs = (await instance.call("/api-key/create", { body: { name: "theirs" }, cookie: other.cookie })).body;
		return { ...instance, user, other, mine: mine.id as string, theirs: theirs.id as string };
	}

	it("get returns the caller's own key without its hash; others' keys are not found", async () => {
		const { call, user, mine, theirs } = await twoUsers();
		const got = await call(`/api-key/get?id=${mine}`, { cookie: user.cookie });
		expect(got).toMatchObject({ status: 200, body: { id: mine, name: "mine" } });
		expect(got.body).not.toHaveProperty("key");
		expect(await call(`/api-key/get?id=${theirs}`, { cookie: user.cookie })).toMatchObject({
			status: 404,
			body: { code: "KEY_NOT_FOUND" },
		});
		expect(await call("/api-key/get?id=nope", { cookie: user.cookie })).toMatchObject({ status: 404 });
		expect(await call("/api-key/get", { cookie: user.cookie })).toMatchObject({
			status: 400,
			body: { code: "VALIDATION_ERROR" },
		});
		expect(await call(`/api-key/get?id=${mine}`)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
	});

	it("list pages and sorts the caller's keys", async () => {
		const { call, user } = await twoUsers();
		await call("/api-key/create", { body: { name: "zeta" }, cookie: user.cookie });
		const all = await call("/api-key/list", { cookie: user.cookie });
		expect(all.body).toMatchObject({ total: 2 });
		expect(all.body).not.toHaveProperty("limit");
		expect((all.body.apiKeys as Json[]).every((key) => !("key" in key))).toBe(true);
		const page = await call("/api-key/list?limit=1&offset=0&sortBy=name&sortDirection=desc", { cookie: user.cookie });
		expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
		expect((page.body.apiKeys as Json[]).map((key) => key.name)).toEqual(["zeta"]);
		const second = await call("/api-key/list?limit=1&offset=1&sortBy=name&sortDirection=desc", { cookie: user.cookie });
		expect((second.body.apiKeys as Json[]).map((key) => key.name)).toEqual(["mine"]);
		for (const query of ["limit=abc", "limit=-1", "limit=1.5", "sortDirection=up", "sortBy=key", "sortBy=nope"]) {
			expect(await call(`/api-key/list?${query}`, { cookie: user.cookie }), query).toMatchObject({
				status: 400,
				body: { code: "VALIDATION_ERROR" },
			});
		}
		expect(await call("/api-key/list?organizationId=org", { cookie: user.cookie })).toMatchObject({
			status: 500,
			body: { code: "ORGANIZATION_PLUGIN_REQUIRED" },
		});
		expect(await call("/api-key/list")).toMatchObject({ status: 401 });
	});

	it("update lets clients change name, enabled, expiry and metadata of their own keys", async () => {
		const { call, user, mine, theirs } = await twoUsers({ enableMetadata: true });
		const update = (body: Json, keyId = mine) =>
			call("/api-key/update", { body: { keyId, ...body }, cookie: user.cookie });
		expect(await update({ name: "renamed", enabled: false, metadata: { m: 1 } })).toMatchObject({
			status: 200,
			body: { name: "renamed", enabled: false, metadata: { m: 1 } },
		});
		const expiring = await update({ expiresIn: 2 * 86_400 });
		expect(expiring.body.expiresAt).not.toBeNull();
		expect((await update({ expiresIn: null })).body.expiresAt).toBeNull();
		const cases: [Json, number, string][] = [
			[{ remaining: 5 }, 400, "SERVER_ONLY_PROPERTY"],
			[{ permissions: { a: ["b"] } }, 400, "SERVER_ONLY_PROPERTY"],
			[{ rateLimitMax: 1 }, 400, "SERVER_ONLY_PROPERTY"],
			[{ userId: "someone" }, 401, "UNAUTHORIZED_SESSION"],
			[{}, 400, "NO_VALUES_TO_UPDATE"],
			[{ name: "" }, 400, "INVALID_NAME_LENGTH"],
			[{ name: "a".repeat(40) }, 400, "INVALID_NAME_LENGTH"],
			[{ metadata: "s" }, 400, "INVALID_METADATA_TYPE"],
			[{ expiresIn: 5 }, 400, "EXPIRES_IN_IS_TOO_SMALL"],
			[{ enabled: "yes" }, 400, "VALIDATION_ERROR"],
		];
		for (const [body, status, code] of cases) {
			expect(await update(body), JSON.stringify(body)).toMatchObject({ status, body: { code } });
		}
		expect(await update({ name: "x" }, theirs)).toMatchObject({ status: 404, body: { code: "KEY_NOT_FOUND" } });
		expect(await call("/api-key/update", { body: { keyId: mine, name: "x" } })).toMatchObject({
			status: 401,
			body: { code: "UNAUTHORIZED_SESSION" },
		});
	});

	it("update from server code changes limits, refills and permissions", async () => {
		const { api, user, other, mine } = await twoUsers();
		const updated = await api.updateApiKey({
			body: {
				keyId: mine,
				userId: user.id,
				remaining: 3,
				refillAmount: 5,
				refillInterval: 1000,
				rateLimitMax: 2,
				rateLimitTimeWindow: 5000,
				rateLimitEnabled: false,
				permissions: { x: ["y"] },
			},
		});
		expect(updated).toMatchObject({
			remaining: 3,
			refillAmount: 5,
			refillInterval: 1000,
			rateLimitMax: 2,
			rateLimitTimeWindow: 5000,
			rateLimitEnabled: false,
			permissions: { x: ["y"] },
		});
		expect(await api.updateApiKey({ body: { keyId: mine, userId: user.id, permissions: null } })).toMatchObject({
			permissions: null,
		});
		expect(await rejects(api.updateApiKey({ body: { keyId: mine, userId: user.id, refillAmount: 5 } }))).toMatchObject({
			body: { code: "REFILL_AMOUNT_AND_INTERVAL_REQUIRED" },
		});
		expect(await rejects(api.updateApiKey({ body: { keyId: mine, userId: other.id, name: "x" } }))).toMatchObject({
			statusCode: 404,
			body: { code: "KEY_NOT_FOUND" },
		});
		expect(await rejects(api.updateApiKey({ body: { keyId: mine, name: "x" } }))).toMatchObject({
			statusCode: 401,
			body: { code: "UNAUTHORIZED_SESSION" },
		});
	});

	it("update ignores metadata while the feature is off", async () => {
		const { call, user, mine } = await twoUsers();
		expect(
			await call("/api-key/update", { body: { keyId: mine, metadata: { a: 1 }, name: "n" }, cookie: user.cookie }),
		).toMatchObject({ status: 200, body: { name: "n", metadata: null } });
		expect(
			await call("/api-key/update", { body: { keyId: mine, metadata: { a: 1 } }, cookie: user.cookie }),
		).toMatchObject({
			status: 400,
			body: { code: "NO_VALUES_TO_UPDATE" },
		});
	});

	it("delete removes only the caller's own keys", async () => {
		const { call, user, mine, theirs, row } = await twoUsers();
		expect(await call("/api-key/delete", { body: { keyId: theirs }, cookie: user.cookie })).toMatchObject({
			status: 404,
			body: { code: "KEY_NOT_FOUND" },
		});
		expect(row(theirs)).toBeDefined();
		expect(await call("/api-key/delete", { body: { keyId: mine } })).toMatchObject({ status: 401 });
		expect(await call("/api-key/delete", { body: {}, cookie: user.cookie })).toMatchObject({ status: 400 });
		expect(await call("/api-key/delete", { body: { keyId: mine }, cookie: user.cookie })).toEqual({
			status: 200,
			body: { success: true },
		});
		expect(row(mine)).toBeUndefined();
		expect(await call("/api-key/delete", { body: { keyId: mine }, cookie: user.cookie })).toMatchObject({
			status: 404,
		});
	});
});

describe("api-key: server-only endpoints and expired keys", () => {
	it("verify and delete-all-expired have no HTTP route", async () => {
		const { call } = await setup();
		expect((await call("/api-key/verify", { body: { key: "x" } })).status).toBe(404);
		expect((await call("/api-key/delete-all-expired-api-keys", { body: {} })).status).toBe(404);
	});

	it("deleteAllExpiredApiKeys removes expired keys only", async () => {
		const { serverCreate, signUpUser, api, row, database } = await setup();
		const user = await signUpUser();
		const expired = await serverCreate({ userId: user.id, expiresIn: 86_400 });
		const live = await serverCreate({ userId: user.id, expiresIn: 86_400 });
		const forever = await serverCreate({ userId: user.id });
		database
			.prepare("update apikey set expiresAt = ? where id = ?")
			.run(new Date(Date.now() - 1000).toISOString(), expired.id);
		expect(await api.deleteAllExpiredApiKeys({})).toEqual({ success: true, error: null });
		expect(row(expired.id)).toBeUndefined();
		expect(row(live.id)).toBeDefined();
		expect(row(forever.id)).toBeDefined();
	});

	it("endpoints sweep expired keys at most once every 10 seconds", async () => {
		const { serverCreate, signUpUser, call, row, database } = await setup();
		const user = await signUpUser();
		// The first create sweeps (nothing yet); the next sweep is due 10 seconds later.
		const created = await serverCreate({ userId: user.id, expiresIn: 86_400 });
		database
			.prepare("update apikey set expiresAt = ? where id = ?")
			.run(new Date(Date.now() - 1000).toISOString(), created.id);
		await call("/api-key/list", { cookie: user.cookie });
		expect(row(created.id)).toBeDefined();
		vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11_000 });
		try {
			await call("/api-key/list", { cookie: user.cookie });
			expect(row(created.id)).toBeUndefined();
		} finally {
			vi.useRealTimers();
		}
	});
});

describe("api-key: several configurations", () => {
	const configs: ApiKeyOptions[] = [
		{ configId: "public", defaultPrefix: "pk_", enableMetadata: true },
		{ configId: "secret", defaultPrefix: "sk_", defaultKeyLength: 10 },
	];

	it("configId picks the configuration and keys stay within theirs", async () => {
		const { signUpUser, call, verify, api } = await setup(configs);
		const user = await signUpUser();
		expect(await call("/api-key/create", { body: {}, cookie: user.cookie })).toMatchObject({
			status: 400,
			body: { code: "NO_DEFAULT_API_KEY_CONFIGURATION_FOUND" },
		});
		const pub = (
			await call("/api-key/create", { body: { configId: "public", metadata: { a: 1 } }, cookie: user.cookie })
		).body;
		expect(pub).toMatchObject({ configId: "public", prefix: "pk_", metadata: { a: 1 } });
		expect(
			await call("/api-key/create", { body: { configId: "secret", metadata: { a: 1 } }, cookie: user.cookie }),
		).toMatchObject({ body: { code: "METADATA_DISABLED" } });
		const secret = (await call("/api-key/create", { body: { configId: "secret" }, cookie: user.cookie })).body;
		expect(secret.key).toMatch(/^sk_[A-Za-z]{10}$/);
		expect(await call(`/api-key/get?id=${pub.id}&configId=secret`, { cookie: user.cookie })).toMatchObject({
			status: 404,
		});
		expect(await call(`/api-key/get?id=${pub.id}&configId=public`, { cookie: user.cookie })).toMatchObject({
			status: 200,
		});
		const listed = await call("/api-key/list?configId=secret", { cookie: user.cookie });
		expect(listed.body).toMatchObject({ total: 1 });
		expect((await call("/api-key/list", { cookie: user.cookie })).body).toMatchObject({ total: 2 });
		expect(await verify(secret.key as string, { configId: "secret" })).toMatchObject({ valid: true });
		expect(await verify(secret.key as string, { configId: "public" })).toMatchObject({
			valid: false,
			error: { code: "INVALID_API_KEY" },
		});
		expect(await rejects(api.verifyApiKey({ body: { key: secret.key } }))).toMatchObject({
			statusCode: 400,
			body: { code: "NO_DEFAULT_API_KEY_CONFIGURATION_FOUND" },
		});
	});

	it("refuses duplicate configIds at start-up", () => {
		expect(() => apiKey([{ configId: "a" }, { configId: "a" }])).toThrow(/configId must be unique/);
	});
});
