/**
 * `better-auth/client`: the framework-free client. Hooks are the atoms themselves:
 * `client.useSession.subscribe(state => ...)`, `client.useSession.get()`.
 *
 * @example
 * import { createAuthClient } from "better-auth/client";
 * const client = createAuthClient({ baseURL: "https://example.com" });
 * const { data, error } = await client.signIn.email({ email, password });
 */
import { type BetterAuthClientOptions, createClientCore } from "./config";
import type { AuthClientBase, HookName, InferClientAtoms } from "./types";

/** The vanilla client: `use<Atom>` members are nanostores atoms (`subscribe`, `get`, `listen`). */
export type AuthClient<O extends BetterAuthClientOptions = BetterAuthClientOptions> = AuthClientBase<O> & {
	[K in keyof InferClientAtoms<O> as HookName<K>]: InferClientAtoms<O>[K];
};

/** Creates a client. Importing or creating it touches no browser global (safe in SSR). */
export function createAuthClient<O extends BetterAuthClientOptions>(options?: O): AuthClient<O> {
	return createClientCore(options, (atom) => atom) as AuthClient<O>;
}

export type {
	ClientAtom,
	ClientAtomListener,
	ClientFetch,
	ClientFetchError,
	ClientFetchOptions,
	ClientFetchPlugin,
	ClientStore,
} from "@better-auth/core";
export type { BetterAuthClientOptions } from "./config";
export { type AuthQueryState, createAuthQuery } from "./query-atom";
export type { SessionOptions } from "./session-atom";
export type {
	AuthClientBase,
	BetterAuthClientPlugin,
	ClientCallOptions,
	ClientResult,
	InferClientAtoms,
	InferClientSession,
	SessionState,
} from "./types";
