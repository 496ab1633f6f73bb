/**
 * The secondary storage contract, as a vitest suite any implementation runs.
 * `advance(ms)` moves the storage's clock (or sleeps, for a real server) for the TTL tests.
 */
import type { SecondaryStorage } from "@better-auth/core/db";
import { beforeAll, describe, expect, it } from "vitest";

export interface SecondaryStorageTestOptions {
	getStorage: () => Promise<SecondaryStorage> | SecondaryStorage;
	advance: (ms: number) => Promise<void>;
	/** Prefix for keys, so runs on a shared server never collide. */
	keyPrefix?: string;
}

export function runSecondaryStorageTest({ getStorage, advance, keyPrefix = "" }: SecondaryStorageTestOptions): void {
	let storage: SecondaryStorage;
	const key = (name: string) => `${keyPrefix}${name}`;
	const read = async (name: string) => (await storage.get(key(name))) ?? null;
	beforeAll(async () => {
		storage = await getStorage();
	});

	describe("secondary storage contract", () => {
		it("round-trips values, unicode and large JSON included", async () => {
			await storage.set(key("plain"), "value");
			expect(await read("plain")).toBe("value");
			await storage.set(key("unicode"), "žluťoučký kůň 🐎 \u0000 end");
			expect(await read("unicode")).toBe("žluťoučký kůň 🐎 \u0000 end");
			const large = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ i, text: "x".repeat(40) })) });
			expect(large.length).toBeGreaterThan(100_000);
			await storage.set(key("large"), large);
			expect(await read("large")).toBe(large);
		});

		it("reads a missing key as null", async () => {
			expect(await read("never-set")).toBeNull();
		});

		it("overwrites and deletes", async () => {
			await storage.set(key("over"), "one");
			await storage.set(key("over"), "two");
			expect(await read("over")).toBe("two");
			await storage.delete(key("over"));
			expect(await read("over")).toBeNull();
			await storage.delete(key("never-set-either"));
		});

		it("expires values after their ttl, and keeps values without one", async () => {
			await storage.set(key("ttl"), "short", 1);
			await storage.set(key("forever"), "long");
			await storage.set(key("zero"), "no expiry", 0);
			expect(await read("ttl")).toBe("short");
			await advance(1500);
			expect(await read("ttl")).toBeNull();
			expect(await read("forever")).toBe("long");
			expect(await read("zero")).toBe("no expiry");
		});

		it("getAndDelete, when offered, returns a value to exactly one of 20 parallel callers", async () => {
			if (!storage.getAndDelete) return;
			await storage.set(`${keyPrefix}once`, "value", 60);
			const results = await Promise.all(Array.from({ length: 20 }, () => storage.getAndDelete!(`${keyPrefix}once`)));
			expect(results.filter((value) => value === "value")).toHaveLength(1);
			expect(await storage.get(`${keyPrefix}once`)).toBeFalsy();
		});

		it("stays consistent under 50 parallel writes and reads", async () => {
			await Promise.all(Array.from({ length: 50 }, (_, i) => storage.set(key(`parallel-${i}`), String(i), 60)));
			const values = await Promise.all(Array.from({ length: 50 }, (_, i) => read(`parallel-${i}`)));
			expect(values).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
		});
	});
}
