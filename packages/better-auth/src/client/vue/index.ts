/**
 * `better-auth/vue`: the client with `use<Atom>()` composables returning a read-only ref.
 *
 * @example
 * const session = client.useSession(); // session.value.data, or session.data in a template
 */
import type { ReadableAtom } from "nanostores";
import { type DeepReadonly, getCurrentScope, onScopeDispose, readonly, type ShallowRef, shallowRef } from "vue";
import { type BetterAuthClientOptions, createClientCore } from "../config";
import type { AtomValue, AuthClientBase, HookName, InferClientAtoms } from "../types";

/** The Vue client: `use<Atom>()` returns a read-only ref that follows the atom. */
export type VueAuthClient<O extends BetterAuthClientOptions = BetterAuthClientOptions> = AuthClientBase<O> & {
	[K in keyof InferClientAtoms<O> as HookName<K>]: () => DeepReadonly<ShallowRef<AtomValue<InferClientAtoms<O>[K]>>>;
};

/** A ref following an atom; the subscription ends with the component (or effect scope). */
export function useStore<T>(store: ReadableAtom<T>): DeepReadonly<ShallowRef<T>> {
	const state = shallowRef(store.get());
	const unsubscribe = store.subscribe((value) => {
		state.value = value;
	});
	if (getCurrentScope()) onScopeDispose(unsubscribe);
	return readonly(state) as DeepReadonly<ShallowRef<T>>;
}

/** Creates a client for Vue. */
export function createAuthClient<O extends BetterAuthClientOptions>(options?: O): VueAuthClient<O> {
	return createClientCore(options, (atom) => () => useStore(atom)) as VueAuthClient<O>;
}

// The rest of the vanilla entry (types, createAuthQuery); the local createAuthClient takes precedence.
export * from "../index";
