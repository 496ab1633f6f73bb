/**
 * Keys in secondary storage (`storage: "secondary-storage"`), in better-auth 1.7's layout so a
 * shared Redis works with either implementation:
 *
 * - `api-key:<hash>` and `api-key:by-id:<id>`: the key record as JSON (`metadata` an object,
 *   `permissions` JSON text), expiring with the key;
 * - `api-key:by-ref:<userId>`: the ids of a user's keys, for listing (only without
 *   `fallbackToDatabase`; with it, lists come from the database).
 *
 * With `fallbackToDatabase`, every write also goes to the `apikey` table, and a lookup that misses
 * the storage reads the table and puts the key back in the storage.
 *
 * Storage offers no transactions: the compare-and-set of usage counters and the by-user index are
 * read-then-write here, atomic within one process but not across processes sharing the storage.
 */
import type { SecondaryStorage } from "@better-auth/core/db";
import { type ApiKeyStore, fromRow, type ListQuery } from "./store";
import type { ApiKey } from "./types";

const byHash = (hash: string) => `api-key:${hash}`;
const byId = (id: string) => `api-key:by-id:${id}`;
const byRef = (referenceId: string) => `api-key:by-ref:${referenceId}`;

/** The stored JSON: dates as ISO text, `metadata` as is, `permissions` as JSON text (1.7's format). */
function serialize(apiKey: ApiKey): string {
	return JSON.stringify({ ...apiKey, permissions: apiKey.permissions ? JSON.stringify(apiKey.permissions) : null });
}

function parse(text: string | null | undefined): ApiKey | null {
	if (!text) return null;
	try {
		return fromRow(JSON.parse(text) as Record<string, unknown>);
	} catch {
		return null;
	}
}

/** Seconds until the key expires (at least 1), or undefined for a key that never does. */
function ttlOf(apiKey: ApiKey): number | undefined {
	if (!apiKey.expiresAt) return undefined;
	return Math.max(1, Math.ceil((apiKey.expiresAt.getTime() - Date.now()) / 1000));
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	const [x, y] = [a instanceof Date ? a.getTime() : a, b instanceof Date ? b.getTime() : b];
	return (x as number | string) < (y as number | string) ? -1 : 1;
}

export function storageStore(
	storage: SecondaryStorage,
	options: { database?: ApiKeyStore; generateId: () => string },
): ApiKeyStore {
	const { database } = options;

	const write = async (apiKey: ApiKey) => {
		const value = serialize(apiKey);
		const ttl = ttlOf(apiKey);
		await storage.set(byHash(apiKey.key), value, ttl);
		await storage.set(byId(apiKey.id), value, ttl);
	};
	const readIds = async (referenceId: string): Promise<string[]> => {
		try {
			const ids = JSON.parse((await storage.get(byRef(referenceId))) ?? "[]");
			return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
		} catch {
			return [];
		}
	};
	const writeIds = (referenceId: string, ids: string[]) => storage.set(byRef(referenceId), JSON.stringify(ids));
	/** A storage hit, else (with the fallback) the table's row, put back in the storage. */
	const lookup = async (key: string, fromDatabase: (() => Promise<ApiKey | null>) | undefined) => {
		const found = parse(await storage.get(key));
		if (found || !fromDatabase) return found;
		const row = await fromDatabase();
		if (row) await write(row);
		return row;
	};
	const findById = (id: string) => lookup(byId(id), database && (() => database.findById(id)));

	return {
		async create(values) {
			const created = database ? await database.create(values) : { ...values, id: options.generateId() };
			await write(created);
			if (!database) await writeIds(created.referenceId, [...(await readIds(created.referenceId)), created.id]);
			return created;
		},
		findById,
		findByHash: (hash) => lookup(byHash(hash), database && (() => database.findByHash(hash))),
		async update(id, values) {
			const current = await findById(id);
			if (!current) return null;
			const updated = database ? await database.update(id, values) : { ...current, ...values };
			if (updated) await write(updated);
			return updated;
		},
		async updateIf(id, expected, values) {
			const current = await findById(id);
			if (!current) return null;
			for (const [field, value] of Object.entries(expected)) {
				if ((current[field as keyof ApiKey] ?? null) !== (value ?? null)) return null;
			}
			const updated = database ? await database.updateIf(id, expected, values) : { ...current, ...values };
			if (updated) await write(updated);
			return updated;
		},
		async delete(id) {
			const current = await findById(id);
			if (current) await storage.delete(byHash(current.key));
			await storage.delete(byId(id));
			if (database) return database.delete(id);
			if (current)
				await writeIds(
					current.referenceId,
					(await readIds(current.referenceId)).filter((x) => x !== id),
				);
		},
		async list(query: ListQuery) {
			if (database) return database.list(query);
			const ids = await readIds(query.referenceId);
			const found = await Promise.all(ids.map(async (id) => parse(await storage.get(byId(id)))));
			const live = found.filter((apiKey): apiKey is ApiKey => apiKey !== null);
			// Ids of keys the storage expired are dropped from the index as they are met.
			if (live.length !== ids.length)
				await writeIds(
					query.referenceId,
					live.map((apiKey) => apiKey.id),
				);
			let keys = live.filter((apiKey) => !query.configId || apiKey.configId === query.configId);
			const { sortBy } = query;
			if (sortBy) {
				const sign = sortBy.direction === "desc" ? -1 : 1;
				keys = keys.sort((a, b) => sign * compare(a[sortBy.field], b[sortBy.field]));
			}
			const offset = query.offset ?? 0;
			const page = keys.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
			return { apiKeys: page, total: keys.length };
		},
		deleteExpired: async () => {
			await database?.deleteExpired();
		},
	};
}
