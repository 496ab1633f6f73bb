/** Reads and writes of the `apikey` table, and the record ↔ row conversions. */
import type { DBAdapter, Where } from "@better-auth/core/db";
import { API_KEY_MODEL } from "./schema";
import type { ApiKey, ApiKeyPermissions } from "./types";

type Row = Record<string, unknown>;

/** JSON text → value; anything unreadable is null (a bad row must not break listing). */
function parseJson(value: unknown): unknown {
	if (typeof value !== "string") return value ?? null;
	try {
		return JSON.parse(value);
	} catch {
		return null;
	}
}

const asDate = (value: unknown): Date | null =>
	value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);
const asNumber = (value: unknown): number | null =>
	value === null || value === undefined ? null : typeof value === "number" ? value : Number(value);

/** A database row as an `ApiKey`, with `metadata` and `permissions` parsed. */
export function fromRow(row: Row): ApiKey {
	return {
		configId: (row.configId as string | null) ?? "default",
		name: (row.name as string | null) ?? null,
		start: (row.start as string | null) ?? null,
		referenceId: row.referenceId as string,
		prefix: (row.prefix as string | null) ?? null,
		key: row.key as string,
		refillInterval: asNumber(row.refillInterval),
		refillAmount: asNumber(row.refillAmount),
		lastRefillAt: asDate(row.lastRefillAt),
		enabled: row.enabled === null || row.enabled === undefined ? true : Boolean(row.enabled),
		rateLimitEnabled:
			row.rateLimitEnabled === null || row.rateLimitEnabled === undefined ? true : Boolean(row.rateLimitEnabled),
		rateLimitTimeWindow: asNumber(row.rateLimitTimeWindow),
		rateLimitMax: asNumber(row.rateLimitMax),
		requestCount: asNumber(row.requestCount),
		remaining: asNumber(row.remaining),
		lastRequest: asDate(row.lastRequest),
		expiresAt: asDate(row.expiresAt),
		createdAt: asDate(row.createdAt) as Date,
		updatedAt: asDate(row.updatedAt) as Date,
		permissions: (parseJson(row.permissions) as ApiKeyPermissions | null) ?? null,
		metadata: (parseJson(row.metadata) as Record<string, unknown> | null) ?? null,
		id: row.id as string,
	};
}

/** Fields of an `ApiKey` as columns: JSON fields serialized (metadata `null` as the text "null", as 1.7 writes it). */
export function toRow(values: Partial<ApiKey>): Row {
	const row: Row = { ...values };
	if ("metadata" in values) row.metadata = JSON.stringify(values.metadata ?? null);
	if ("permissions" in values) row.permissions = values.permissions ? JSON.stringify(values.permissions) : null;
	return row;
}

/** An `ApiKey` as endpoints return it: everything but the (hashed) key. */
export function publicKey(apiKey: ApiKey): Omit<ApiKey, "key"> {
	const { key: _key, ...rest } = apiKey;
	return rest;
}

/** Which keys a list wants, and which page of them. */
export interface ListQuery {
	referenceId: string;
	/** Only this configuration's keys; all of them when absent. */
	configId?: string;
	limit?: number;
	offset?: number;
	sortBy?: { field: keyof ApiKey; direction: "asc" | "desc" };
}

/** Where keys live: the `apikey` table, or secondary storage (see storage-store.ts). */
export interface ApiKeyStore {
	create(values: Omit<ApiKey, "id">): Promise<ApiKey>;
	findById(id: string): Promise<ApiKey | null>;
	findByHash(hash: string): Promise<ApiKey | null>;
	update(id: string, values: Partial<ApiKey>): Promise<ApiKey | null>;
	/** Updates the key only while `expected` still holds (a compare-and-set); null when it no longer does. */
	updateIf(id: string, expected: Partial<ApiKey>, values: Partial<ApiKey>): Promise<ApiKey | null>;
	delete(id: string): Promise<void>;
	list(query: ListQuery): Promise<{ apiKeys: ApiKey[]; total: number }>;
	/** Removes expired keys (secondary storage expires them by itself). */
	deleteExpired(): Promise<void>;
}

export function apiKeyStore(adapter: DBAdapter): ApiKeyStore {
	const findOne = async (where: Where[]) => {
		const row = await adapter.findOne<Row>({ model: API_KEY_MODEL, where });
		return row ? fromRow(row) : null;
	};
	const updateWhere = async (where: Where[], values: Partial<ApiKey>) => {
		const row = await adapter.update<Row>({ model: API_KEY_MODEL, where, update: toRow(values) });
		return row ? fromRow(row) : null;
	};
	return {
		create: async (values) => fromRow(await adapter.create<Row>({ model: API_KEY_MODEL, data: toRow(values) })),
		findById: (id) => findOne([{ field: "id", value: id }]),
		findByHash: (hash) => findOne([{ field: "key", value: hash }]),
		update: (id, values) => updateWhere([{ field: "id", value: id }], values),
		updateIf: (id, expected, values) => {
			const where: Where[] = [{ field: "id", value: id }];
			for (const [field, value] of Object.entries(expected)) {
				where.push({ field, value: (value ?? null) as Where["value"] });
			}
			return updateWhere(where, values);
		},
		delete: (id) => adapter.delete({ model: API_KEY_MODEL, where: [{ field: "id", value: id }] }),
		list: async ({ referenceId, configId, limit, offset, sortBy }) => {
			const where: Where[] = [{ field: "referenceId", value: referenceId }];
			if (configId) where.push({ field: "configId", value: configId });
			const [rows, total] = await Promise.all([
				adapter.findMany<Row>({ model: API_KEY_MODEL, where, limit, offset, sortBy }),
				adapter.count({ model: API_KEY_MODEL, where }),
			]);
			return { apiKeys: rows.map(fromRow), total };
		},
		deleteExpired: async () => {
			await adapter.deleteMany({
				model: API_KEY_MODEL,
				where: [
					{ field: "expiresAt", value: new Date(), operator: "lt" },
					{ field: "expiresAt", value: null, operator: "ne" },
				],
			});
		},
	};
}
