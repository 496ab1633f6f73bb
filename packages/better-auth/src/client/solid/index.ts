/**
 * `better-auth/solid`: the client with `use<Atom>()` returning an accessor.
 *
 * @example
 * const session = client.useSession(); // <Show when={session().data}>...
 */
import type { ReadableAtom } from "nanostores";
import { type Accessor, createSignal, getOwner, onCleanup } from "solid-js";
import { type BetterAuthClientOptions, createClientCore } from "../config";
import type { AtomValue, AuthClientBase, HookName, InferClientAtoms } from "../types";

/** The Solid client: `use<Atom>()` returns an accessor that tracks the atom. */
export type SolidAuthClient<O extends BetterAuthClientOptions = BetterAuthClientOptions> = AuthClientBase<O> & {
	[K in keyof InferClientAtoms<O> as HookName<K>]: () => Accessor<AtomValue<InferClientAtoms<O>[K]>>;
};

/** An accessor following an atom; the subscription ends with the owning component or root. */
export function useStore<T>(store: ReadableAtom<T>): Accessor<T> {
	const [state, setState] = createSignal(store.get(), { equals: false });
	const unsubscribe = store.subscribe((value) => setState(() => value));
	if (getOwner()) onCleanup(unsubscribe);
	return state;
}

/** Creates a client for Solid. */
export function createAuthClient<O extends BetterAuthClientOptions>(options?: O): SolidAuthClient<O> {
	return createClientCore(options, (atom) => () => useStore(atom)) as SolidAuthClient<O>;
}

// The rest of the vanilla entry (types, createAuthQuery); the local createAuthClient takes precedence.
export * from "../index";
