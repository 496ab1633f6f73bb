import type { SecondaryStorage } from "@better-auth/core/db";

/**
 * A Map-backed secondary storage with TTLs, for tests and single-process apps.
 * Expired keys read as null; they are purged when read and by a sweep every 1000 writes,
 * so the map cannot grow without bound. No timers: it never keeps a process alive.
 */
export function memoryStorage(options: { now?: () => number } = {}): SecondaryStorage & { size: () => number } {
	const now = options.now ?? Date.now;
	const entries = new Map<string, { value: string; expiresAt: number | null }>();
	let writes = 0;
	const sweep = () => {
		const time = now();
		for (const [key, entry] of entries) {
			if (entry.expiresAt !== null && entry.expiresAt <= time) entries.delete(key);
		}
	};
	return {
		get(key) {
			const entry = entries.get(key);
			if (!entry) return null;
			if (entry.expiresAt !== null && entry.expiresAt <= now()) {
				entries.delete(key);
				return null;
			}
			return entry.value;
		},
		set(key, value, ttl) {
			// A missing, zero or negative ttl means "no expiry", like the Redis implementation.
			const expiresAt = ttl && ttl > 0 ? now() + ttl * 1000 : null;
			entries.set(key, { value, expiresAt });
			if (++writes % 1000 === 0) sweep();
		},
		delete(key) {
			entries.delete(key);
		},
		getAndDelete(key) {
			const value = this.get(key);
			entries.delete(key);
			return value;
		},
		size: () => entries.size,
	};
}
