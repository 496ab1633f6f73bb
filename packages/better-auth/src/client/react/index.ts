/**
 * `better-auth/react`: the client with `use<Atom>()` hooks over `useSyncExternalStore`.
 *
 * @example
 * const client = createAuthClient();
 * function User() {
 * 	const { data, isPending, error, refetch } = client.useSession();
 * }
 */
import type { ReadableAtom } from "nanostores";
import { useCallback, useSyncExternalStore } from "react";
import { type BetterAuthClientOptions, createClientCore } from "../config";
import type { AtomValue, AuthClientBase, HookName, InferClientAtoms } from "../types";

/** The React client: `use<Atom>()` hooks return the atom's current value and re-render on change. */
export type ReactAuthClient<O extends BetterAuthClientOptions = BetterAuthClientOptions> = AuthClientBase<O> & {
	[K in keyof InferClientAtoms<O> as HookName<K>]: () => AtomValue<InferClientAtoms<O>[K]>;
};

/** Subscribes a component to an atom. The server render sees the atom's initial value. */
export function useStore<T>(store: ReadableAtom<T>): T {
	const subscribe = useCallback((onChange: () => void) => store.listen(onChange), [store]);
	const read = () => store.get();
	return useSyncExternalStore(subscribe, read, read);
}

/** Creates a client for React. */
export function createAuthClient<O extends BetterAuthClientOptions>(options?: O): ReactAuthClient<O> {
	return createClientCore(options, (atom) => () => useStore(atom)) as ReactAuthClient<O>;
}

// The rest of the vanilla entry (types, createAuthQuery); the local createAuthClient takes precedence.
export * from "../index";
