/**
 * A key-value store placed in front of the database for sessions and rate-limit counters
 * (Redis, a Map, ...). Methods may be synchronous or asynchronous.
 */
export interface SecondaryStorage {
	get: (key: string) => Promise<string | null | undefined> | string | null | undefined;
	/** `ttl` is in seconds; absent means the value does not expire. */
	set: (key: string, value: string, ttl?: number) => Promise<void | null | unknown> | void;
	delete: (key: string) => Promise<void | null | unknown> | void;
	/**
	 * Optional: reads and removes a key in one atomic step (Redis GETDEL). When present, single-use
	 * values (verification tokens) are handed out once across every process sharing the storage;
	 * without it, only within one process.
	 */
	getAndDelete?: (key: string) => Promise<string | null | undefined> | string | null | undefined;
}
