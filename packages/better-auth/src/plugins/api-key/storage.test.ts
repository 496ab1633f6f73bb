import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getTestInstance } from "../../test";
import { apiKey } from "./index";
import { type Json, setup } from "./test-setup";
import type { ApiKeyOptions } from "./types";

/** A Map-backed secondary storage that remembers each key's TTL. */
function memoryStorage() {
	const values = new Map<string, string>();
	const ttls = new Map<string, number | undefined>();
	return {
		values,
		ttls,
		storage: {
			get: (key: string) => values.get(key) ?? null,
			set: (key: string, value: string, ttl?: number) => {
				values.set(key, value);
				ttls.set(key, ttl);
			},
			delete: (key: string) => {
				values.delete(key);
			},
		},
		apiKeyEntries: () => [...values.keys()].filter((key) => key.startsWith("api-key:")).sort(),
	};
}

async function storageSetup(options: ApiKeyOptions = {}) {
	const memory = memoryStorage();
	const instance = await setup({ storage: "secondary-storage", ...options }, { secondaryStorage: memory.storage });
	const user = await instance.signUpUser();
	const rows = () => (instance.database.prepare("select count(*) as n from apikey").get() as { n: number }).n;
	return { ...instance, ...memory, user, rows };
}

describe("api-key: secondary storage", () => {
	it("keeps keys out of the table, in 1.7's layout", async () => {
		const { serverCreate, user, rows, values, ttls, apiKeyEntries } = await storageSetup({ enableMetadata: true });
		const created = await serverCreate({
			userId: user.id,
			metadata: { a: 1 },
			permissions: { p: ["r"] },
			expiresIn: 86_400,
		});
		expect(rows()).toBe(0);
		const hash = createHash("sha256").update(created.key).digest("base64url");
		expect(apiKeyEntries()).toEqual(
			[`api-key:${hash}`, `api-key:by-id:${created.id}`, `api-key:by-ref:${user.id}`].sort(),
		);
		const record = JSON.parse(values.get(`api-key:by-id:${created.id}`) as string) as Json;
		expect(record).toMatchObject({ id: created.id, key: hash, referenceId: user.id, metadata: { a: 1 } });
		expect(record.permissions).toBe('{"p":["r"]}');
		expect(values.get(`api-key:${hash}`)).toBe(values.get(`api-key:by-id:${created.id}`));
		expect(ttls.get(`api-key:by-id:${created.id}`)).toBe(86_400);
		expect(JSON.parse(values.get(`api-key:by-ref:${user.id}`) as string)).toEqual([created.id]);
	});

	it("verifies, reads, lists, updates and deletes from the storage", async () => {
		const { serverCreate, verify, call, user, values, apiKeyEntries } = await storageSetup();
		const first = await serverCreate({ userId: user.id, name: "b", remaining: 2 });
		const second = await serverCreate({ userId: user.id, name: "a" });
		expect(await verify(first.key)).toMatchObject({ valid: true, key: { remaining: 1, requestCount: 1 } });
		expect(JSON.parse(values.get(`api-key:by-id:${first.id}`) as string)).toMatchObject({ remaining: 1 });
		expect((await call(`/api-key/get?id=${first.id}`, { cookie: user.cookie })).body).toMatchObject({ name: "b" });
		const listed = await call("/api-key/list?sortBy=name&limit=1", { cookie: user.cookie });
		expect(listed.body).toMatchObject({ total: 2, limit: 1 });
		expect((listed.body.apiKeys as Json[]).map((key) => key.name)).toEqual(["a"]);
		const updated = await call("/api-key/update", { body: { keyId: second.id, name: "renamed" }, cookie: user.cookie });
		expect(updated.body).toMatchObject({ name: "renamed" });
		expect(await call("/api-key/delete", { body: { keyId: first.id }, cookie: user.cookie })).toMatchObject({
			status: 200,
		});
		expect(apiKeyEntries()).toHaveLength(3);
		expect(JSON.parse(values.get(`api-key:by-ref:${user.id}`) as string)).toEqual([second.id]);
		expect((await verify(first.key)).error?.code).toBe("INVALID_API_KEY");
	});

	it("drops keys the storage expired from the user's index", async () => {
		const { serverCreate, call, user, values } = await storageSetup();
		const gone = await serverCreate({ userId: user.id });
		const kept = await serverCreate({ userId: user.id });
		values.delete(`api-key:by-id:${gone.id}`);
		expect((await call("/api-key/list", { cookie: user.cookie })).body).toMatchObject({ total: 1 });
		expect(JSON.parse(values.get(`api-key:by-ref:${user.id}`) as string)).toEqual([kept.id]);
	});

	it("with fallbackToDatabase, writes both, refills the storage from the table, and lists from the table", async () => {
		const { serverCreate, verify, call, user, values, rows, apiKeyEntries } = await storageSetup({
			fallbackToDatabase: true,
		});
		const created = await serverCreate({ userId: user.id });
		expect(rows()).toBe(1);
		expect(apiKeyEntries()).toHaveLength(2);
		for (const key of apiKeyEntries()) values.delete(key);
		expect((await verify(created.key)).valid).toBe(true);
		expect(apiKeyEntries()).toHaveLength(2);
		expect((await call("/api-key/list", { cookie: user.cookie })).body).toMatchObject({ total: 1 });
	});

	it("refuses to start without a secondaryStorage", async () => {
		const instance = await getTestInstance({ plugins: [apiKey({ storage: "secondary-storage" })] });
		await expect(instance.auth.$context).rejects.toThrow(/secondaryStorage/);
	});
});
