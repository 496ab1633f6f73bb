/**
 * The endpoint context of the call in progress, for code that runs below the endpoint without a
 * ctx parameter (database hooks receive it as their second argument).
 */
import { AsyncLocalStorage } from "node:async_hooks";

const current = new AsyncLocalStorage<unknown>();

export function runWithEndpointContext<T>(ctx: unknown, fn: () => Promise<T>): Promise<T> {
	return current.run(ctx, fn);
}

/** The endpoint context, or null outside any endpoint call (e.g. `$context` used directly). */
export function currentEndpointContext(): unknown {
	return current.getStore() ?? null;
}
