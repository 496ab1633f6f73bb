/**
 * The client plugin contract. Structural on purpose: core has no client dependencies, and the
 * client (`better-auth/client`) hands plugins its better-fetch `$fetch` and nanostores atoms,
 * which satisfy these shapes.
 */
import type { ErrorCode } from "../error/codes";
import type { BetterAuthPlugin } from "./plugin";

/** The error half of a client result: the server's `{ code, message }` plus the HTTP status. */
export interface ClientFetchError {
	code?: string;
	message?: string;
	status: number;
	statusText: string;
}

/** What every client call resolves to, unless `throw: true` is set. */
export type ClientFetchResult<T = unknown> = { data: T; error: null } | { data: null; error: ClientFetchError };

/** The request a fetch hook sees. */
export interface ClientRequestContext {
	url: URL | string;
	method: string;
	headers: Headers;
	// biome-ignore lint/suspicious/noExplicitAny: the body is whatever the caller sent.
	body: any;
	signal: AbortSignal;
	[option: string]: unknown;
}

/** Callbacks of a single request (the better-fetch hook names). */
export interface ClientFetchHooks {
	onRequest?(context: ClientRequestContext): Promise<ClientRequestContext | void> | ClientRequestContext | void;
	onResponse?(context: {
		response: Response;
		request: ClientRequestContext;
	}): Promise<Response | void> | Response | void;
	// biome-ignore lint/suspicious/noExplicitAny: each endpoint answers with its own data.
	onSuccess?(context: { data: any; response: Response; request: ClientRequestContext }): Promise<void> | void;
	onError?(context: {
		response: Response;
		request: ClientRequestContext;
		error: ClientFetchError & Record<string, unknown>;
	}): Promise<void> | void;
}

/** Options of one client call: any better-fetch option (`headers`, `query`, `throw`, hooks...). */
export interface ClientFetchOptions extends ClientFetchHooks {
	method?: string;
	body?: unknown;
	query?: Record<string, unknown>;
	headers?: HeadersInit | Record<string, string | undefined>;
	throw?: boolean;
	[option: string]: unknown;
}

/** A better-fetch plugin: hooks run for every request the client makes. */
export interface ClientFetchPlugin {
	id: string;
	name: string;
	description?: string;
	version?: string;
	hooks?: ClientFetchHooks;
	init?(
		url: string,
		options?: ClientFetchOptions,
	): Promise<{ url: string; options?: ClientFetchOptions }> | { url: string; options?: ClientFetchOptions };
}

/** `$fetch`: a call to an auth endpoint by path, relative to the client's base URL. */
export type ClientFetch = <T = unknown>(path: string, options?: ClientFetchOptions) => Promise<ClientFetchResult<T>>;

/** A read-only view of a nanostores atom. */
export interface ClientAtom<T = unknown> {
	get(): T;
	subscribe(listener: (value: T) => void): () => void;
	listen(listener: (value: T) => void): () => void;
}

/** `$store`: the client's atoms, and signals that make atoms refetch. */
export interface ClientStore {
	/** Flips the signal atom named `signal` (e.g. `$sessionSignal`), which refetches what listens to it. */
	notify(signal: string): void;
	/** Calls `listener` each time the atom named `signal` changes. Returns the unsubscribe function. */
	listen(signal: string, listener: (value: unknown) => void): () => void;
	atoms: Record<string, ClientAtom>;
}

/** Refetch the atom behind `signal` after each successful request whose path `matcher` accepts. */
export interface ClientAtomListener {
	matcher(path: string): boolean;
	signal: "$sessionSignal" | (string & {});
}

/** The client options a plugin's `getActions` receives. */
export interface ClientPluginOptions {
	baseURL?: string;
	basePath?: string;
	[option: string]: unknown;
}

/**
 * A client plugin. Server endpoints are inferred from `$InferServerPlugin` (type only), so most
 * plugins are `{ id, $InferServerPlugin }`; the rest adds client-side behaviour.
 *
 * @example
 * export const myPluginClient = () =>
 * 	({ id: "my-plugin", $InferServerPlugin: {} as ReturnType<typeof myPlugin> }) satisfies BetterAuthClientPlugin;
 */
export interface BetterAuthClientPlugin {
	id: string;
	/** Type only: the server plugin whose endpoints, schema fields and error codes the client gets. */
	$InferServerPlugin?: BetterAuthPlugin;
	/** Extra client methods, merged into the client object (nested objects allowed). */
	getActions?(
		$fetch: ClientFetch,
		$store: ClientStore,
		options: ClientPluginOptions | undefined,
	): Record<string, unknown>;
	/** Nanostores atoms. Atoms become `use<Name>` hooks; atoms named `$...` are signals. */
	getAtoms?($fetch: ClientFetch): Record<string, ClientAtom>;
	/** HTTP method per path, where GET-without-body / POST-with-body is wrong (e.g. a body-less POST). */
	pathMethods?: Record<string, "POST" | "GET">;
	/** better-fetch plugins added to every request. */
	fetchPlugins?: ClientFetchPlugin[];
	/** Signals to raise after successful requests, e.g. refetch the session after `/my-plugin/sign-in`. */
	atomListeners?: ClientAtomListener[];
	/** Error codes of the plugin, merged into the client's `$ERROR_CODES`. */
	$ERROR_CODES?: Record<string, ErrorCode>;
}
