/**
 * Every client type in one place. The client's methods come from the server's endpoint types
 * (core endpoints plus each client plugin's `$InferServerPlugin`), mapped path → nested object;
 * one pass over the plugin list, no recursion over the whole API.
 */
import type {
	BetterAuthClientPlugin,
	ClientFetchError,
	ClientStore,
	DBFieldAttribute,
	Session,
	User,
} from "@better-auth/core";
import type { BASE_ERROR_CODES } from "@better-auth/core/error";
import type { BetterFetch, BetterFetchOption } from "@better-fetch/fetch";
import type { ReadableAtom } from "nanostores";
import type { coreEndpoints } from "../api/endpoints";
import type { InferAdditionalFields } from "../infer";
import type { BetterAuthClientOptions } from "./config";
import type { AuthQueryState } from "./query-atom";

export type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
	? I
	: never;

type Prettify<T> = { [K in keyof T]: T[K] };

/** The empty object type. */
export type Empty = Record<never, never>;

/** `unknown` (an intersection of nothing) → `Empty`. */
type OrEmpty<T> = unknown extends T ? Empty : T;

// ---------------------------------------------------------------------------------------------
// Plugins

/** The union of the client plugins of the options. */
export type ClientPluginsOf<O> = O extends { plugins?: infer P }
	? P extends readonly (infer Item)[]
		? Item
		: never
	: never;

/** The union of the server plugins the client plugins point at. */
type ServerPluginsOf<O> =
	ClientPluginsOf<O> extends infer P ? (P extends { $InferServerPlugin: infer S } ? S : never) : never;

type ServerEndpointsOf<O> = UnionToIntersection<
	ServerPluginsOf<O> extends infer S ? (S extends { endpoints: infer E } ? E : never) : never
>;

/** Core endpoints, with a plugin endpoint of the same key taking its place (custom sessions). */
export type ClientEndpointsOf<O> =
	unknown extends ServerEndpointsOf<O>
		? typeof coreEndpoints
		: Omit<typeof coreEndpoints, keyof ServerEndpointsOf<O>> & ServerEndpointsOf<O>;

// ---------------------------------------------------------------------------------------------
// Additional fields (options' additionalFields through inferAdditionalFields, plugin schemas)

type SchemaFieldsOf<O, Model extends string> = OrEmpty<
	UnionToIntersection<
		ServerPluginsOf<O> extends infer S
			? S extends { schema: infer Schema }
				? Schema extends { [M in Model]: { fields: infer F } }
					? string extends keyof F
						? never
						: F
					: never
				: never
			: never
	>
>;

type Returned<F> = { -readonly [K in keyof F as F[K] extends { returned: false } ? never : K]: F[K] };
type Writable<F> = { -readonly [K in keyof F as F[K] extends { input: false } ? never : K]: F[K] };
type Fields<F> = F extends Record<string, DBFieldAttribute> ? F : Empty;

/** What the client knows beyond the core tables. */
export interface FieldContext {
	user: unknown;
	session: unknown;
	userInput: unknown;
	throws: boolean;
}

/** The field context of client options `O`. */
export type ContextOf<O> = {
	user: OrEmpty<InferAdditionalFields<Fields<Returned<SchemaFieldsOf<O, "user">>>>>;
	session: OrEmpty<InferAdditionalFields<Fields<Returned<SchemaFieldsOf<O, "session">>>>>;
	userInput: OrEmpty<InferAdditionalFields<Fields<Writable<SchemaFieldsOf<O, "user">>>>>;
	throws: O extends { fetchOptions: { throw: true } } ? true : false;
};

/** Adds the additional fields to users and sessions in a response (top level and one level down). */
type WithFields<V, C extends FieldContext> = V extends User
	? With<V, C["user"]>
	: V extends Session
		? With<V, C["session"]>
		: V extends readonly (infer I)[]
			? (I extends User ? With<I, C["user"]> : I extends Session ? With<I, C["session"]> : I)[]
			: V;

type With<V, Extra> = keyof Extra extends never ? V : V & Extra;

type MapResponse<R, C extends FieldContext> = keyof (C["user"] & C["session"]) extends never
	? R
	: R extends User | Session | readonly unknown[]
		? WithFields<R, C>
		: R extends object
			? { [K in keyof R]: WithFields<R[K], C> }
			: R;

// ---------------------------------------------------------------------------------------------
// Endpoint → client method

/** The result of a client call: data, or an error with the server's code and message. */
export type ClientResult<T> = { data: T; error: null } | { data: null; error: ClientFetchError };

/**
 * Per-call options: better-fetch options. `throw: true` makes the call return data or throw;
 * `disableSignal: true` keeps the session (and plugin atoms) from refetching after it.
 */
export type ClientCallOptions = BetterFetchOption & { disableSignal?: boolean };

type CallResult<R, FO, Throws> = (
	FO extends { throw: true }
		? true
		: FO extends { throw: false }
			? false
			: Throws
) extends true
	? R
	: ClientResult<R>;

type SchemaInput<S> = S extends { "~standard": { types?: infer T } }
	? NonNullable<T> extends { input: infer I }
		? I
		: unknown
	: unknown;

type BodyOf<Opt> = Opt extends { metadata: { $Infer: { body: infer B } } }
	? B
	: Opt extends { body: infer S }
		? SchemaInput<S>
		: never;

type QueryOf<Opt> = Opt extends { metadata: { $Infer: { query: infer Q } } }
	? Q
	: Opt extends { query: infer S }
		? SchemaInput<S>
		: never;

type IsOptional<T> = [T] extends [never] ? true : undefined extends T ? true : Empty extends T ? true : false;

type QueryPart<Q> = [Q] extends [never]
	? { query?: Record<string, unknown> }
	: IsOptional<Q> extends true
		? { query?: NonNullable<Q> }
		: { query: Q };

/** Without an index signature (the server's body schemas pass unknown keys through). */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** Core endpoints whose body takes the user's additional fields, and only the declared ones. */
type BodyWithFields<P, B, C extends FieldContext> = P extends "/sign-up/email"
	? KnownKeys<B> & C["userInput"]
	: P extends "/update-user"
		? KnownKeys<B> & Partial<C["userInput"]>
		: B;

/** What the endpoint answers with; a `Response` (a redirect) never reaches the client as data. */
type ResponseOf<E> = E extends (...args: never[]) => Promise<infer R> ? Exclude<R, Response> : never;

/** `client.x(data?, fetchOptions?)` for one endpoint. */
export type ClientMethod<E, C extends FieldContext> = E extends { path: infer P; options: infer Opt }
	? MethodSignature<
			([BodyOf<Opt>] extends [never] ? Empty : BodyWithFields<P, NonNullable<BodyOf<Opt>>, C>) &
				QueryPart<QueryOf<Opt>>,
			IsOptional<BodyOf<Opt>> extends true ? IsOptional<QueryOf<Opt>> : false,
			MapResponse<Awaited<ResponseOf<E>>, C>,
			C["throws"]
		>
	: never;

type MethodSignature<Data, Optional, R, Throws> = Optional extends true
	? <FO extends ClientCallOptions = Empty>(
			data?: Data & { fetchOptions?: FO },
			fetchOptions?: FO,
		) => Promise<CallResult<R, FO, Throws>>
	: <FO extends ClientCallOptions = Empty>(
			data: Data & { fetchOptions?: FO },
			fetchOptions?: FO,
		) => Promise<CallResult<R, FO, Throws>>;

/** `sign-in` → `signIn`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
	? `${Head}${Capitalize<CamelCase<Tail>>}`
	: S;

/** `/sign-in/email` → `{ signIn: { email: M } }`. */
export type PathToObject<P extends string, M> = P extends `/${infer Segment}/${infer Rest}`
	? { [K in CamelCase<Segment>]: PathToObject<`/${Rest}`, M> }
	: P extends `/${infer Segment}`
		? { [K in CamelCase<Segment>]: M }
		: never;

/** Server-only, non-action, path-less and parameterised endpoints stay off the client. */
type IsClientEndpoint<E> = E extends { path: infer P; options: infer Opt }
	? [P] extends [never]
		? false
		: P extends `${string}:${string}`
			? false
			: Opt extends { metadata: { SERVER_ONLY: true } }
				? false
				: Opt extends { metadata: { isAction: false } }
					? false
					: Opt extends { metadata: { scope: "server" | "http" } }
						? false
						: true
	: false;

/** The methods of the endpoints, as nested objects. */
export type InferRoutes<E, C extends FieldContext> = UnionToIntersection<
	{
		[K in keyof E]: IsClientEndpoint<E[K]> extends true
			? E[K] extends { path: infer P extends string }
				? PathToObject<P, ClientMethod<E[K], C>>
				: never
			: never;
	}[keyof E]
>;

// ---------------------------------------------------------------------------------------------
// The client

type PluginActionsOf<O> = OrEmpty<
	UnionToIntersection<
		ClientPluginsOf<O> extends infer P ? (P extends { getActions: (...args: never[]) => infer A } ? A : never) : never
	>
>;

type PluginAtomsOf<O> = OrEmpty<
	UnionToIntersection<
		ClientPluginsOf<O> extends infer P ? (P extends { getAtoms: (...args: never[]) => infer A } ? A : never) : never
	>
>;

/** From the client plugins' own `$ERROR_CODES`: the ones that exist at runtime. */
type PluginErrorCodesOf<O> = OrEmpty<
	UnionToIntersection<ClientPluginsOf<O> extends infer P ? (P extends { $ERROR_CODES: infer C } ? C : never) : never>
>;

type PluginInferOf<O> = OrEmpty<
	UnionToIntersection<ServerPluginsOf<O> extends infer S ? (S extends { $Infer: infer I } ? I : never) : never>
>;

/** The signed-in session: `{ session, user }` with additional fields, or a custom session's shape. */
export type InferClientSession<O> =
	ClientEndpointsOf<O> extends { getSession: infer G }
		? NonNullable<MapResponse<Awaited<ResponseOf<G>>, ContextOf<O>>>
		: never;

/** The value of `useSession()` in every framework. */
export type SessionState<O> = AuthQueryState<InferClientSession<O>>;

/** The client's atoms: `session` and each plugin's (`$`-named ones are signals, not hooks). */
export type InferClientAtoms<O> = { session: ReadableAtom<SessionState<O>> } & PluginAtomsOf<O>;

/** Atom names that become `use<Name>` hooks. */
export type HookName<K> = K extends `$${string}` ? never : K extends string ? `use${Capitalize<K>}` : never;

/** The value an atom holds. */
export type AtomValue<A> = A extends { get(): infer V } ? V : never;

/** Everything a client has in every framework; each binding adds its `use<Atom>` hooks. */
export type AuthClientBase<O> = InferRoutes<ClientEndpointsOf<O>, ContextOf<O>> &
	PluginActionsOf<O> & {
		/** Raw requests to auth endpoints: `$fetch("/path", { method, body, query })`. */
		$fetch: BetterFetch;
		/** Atoms and signals: `$store.notify("$sessionSignal")` refetches the session. */
		$store: ClientStore;
		/** Type only: `typeof client.$Infer.Session`. */
		$Infer: Prettify<{ Session: InferClientSession<O> } & PluginInferOf<O>>;
		/** The error codes the server may answer with, for translations: `client.$ERROR_CODES.USER_NOT_FOUND.code`. */
		$ERROR_CODES: Prettify<typeof BASE_ERROR_CODES & PluginErrorCodesOf<O>>;
	};

/** The options type a binding's `createAuthClient` accepts. */
export type ClientOptions = BetterAuthClientOptions;
export type { BetterAuthClientPlugin };
