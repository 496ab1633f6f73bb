/**
 * `better-auth/svelte`: the client with `use<Atom>()` returning the atom, which is a Svelte store
 * (`subscribe` calls back at once and returns the unsubscribe function).
 *
 * @example
 * const session = client.useSession(); // {$session.data?.user.name} in a component
 */
import { type BetterAuthClientOptions, createClientCore } from "../config";
import type { AuthClientBase, HookName, InferClientAtoms } from "../types";

/** The Svelte client: `use<Atom>()` returns a readable store. */
export type SvelteAuthClient<O extends BetterAuthClientOptions = BetterAuthClientOptions> = AuthClientBase<O> & {
	[K in keyof InferClientAtoms<O> as HookName<K>]: () => InferClientAtoms<O>[K];
};

/** Creates a client for Svelte. */
export function createAuthClient<O extends BetterAuthClientOptions>(options?: O): SvelteAuthClient<O> {
	return createClientCore(options, (atom) => () => atom) as SvelteAuthClient<O>;
}

// The rest of the vanilla entry (types, createAuthQuery); the local createAuthClient takes precedence.
export * from "../index";
