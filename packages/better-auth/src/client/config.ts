/**
 * The one client core every framework binding shares: options → `$fetch`, `$store`, atoms,
 * actions and the client proxy. A binding only decides what `use<Atom>` returns.
 */
import type {
	BetterAuthClientPlugin,
	ClientAtom,
	ClientAtomListener,
	ClientFetch,
	ClientPluginOptions,
	ClientStore,
	ErrorCode,
} from "@better-auth/core";
import { BASE_ERROR_CODES } from "@better-auth/core/error/codes";
import type { BetterFetchOption, BetterFetchPlugin } from "@better-fetch/fetch";
import type { ReadableAtom, WritableAtom } from "nanostores";
import { createClientFetch, redirectPlugin, signalPlugin } from "./fetch";
import { createClientProxy } from "./proxy";
import { createSessionAtoms, type SessionOptions } from "./session-atom";
import { resolveBaseURL } from "./url";

/** Options of `createAuthClient`, the same in every framework. */
export interface BetterAuthClientOptions {
	/**
	 * The auth server: an origin (`https://example.com`, then `basePath` is appended) or the full
	 * URL of the handler (`https://example.com/custom/auth`). Optional in a browser on the same
	 * origin; on a server, set it (or `BETTER_AUTH_URL`).
	 */
	baseURL?: string;
	/**
	 * The handler's path, appended to a `baseURL` that has none.
	 * @default "/api/auth"
	 */
	basePath?: string;
	/** Default better-fetch options for every request (`headers`, `onError`, `customFetchImpl`, `throw`...). */
	fetchOptions?: BetterFetchOption;
	/** Client plugins, e.g. `inferAdditionalFields<typeof auth>()`. */
	plugins?: BetterAuthClientPlugin[];
	/**
	 * Leave out the built-in fetch plugins (following `{ url, redirect: true }` answers in a browser).
	 * @default false
	 */
	disableDefaultFetchPlugins?: boolean;
	/** When the session refetches on its own. */
	sessionOptions?: SessionOptions;
}

/**
 * Paths whose successful answer changes the session: it refetches after them. Plugins add theirs
 * with `atomListeners`; every `/sign-in/*` and `/sign-up/*` is included, so plugin sign-ins need none.
 */
export function isSessionChangingPath(path: string): boolean {
	return (
		path.startsWith("/sign-in/") ||
		path.startsWith("/sign-up/") ||
		path.startsWith("/revoke-") ||
		SESSION_CHANGING_PATHS.has(path)
	);
}

const SESSION_CHANGING_PATHS = new Set([
	"/sign-out",
	"/update-user",
	"/update-session",
	"/delete-user",
	"/change-email",
	"/change-password",
	"/verify-email",
]);

/** Core endpoints that are POST although the call has no body (Better Auth's list). */
const CORE_PATH_METHODS: Record<string, "POST" | "GET"> = {
	"/sign-out": "POST",
	"/revoke-sessions": "POST",
	"/revoke-other-sessions": "POST",
	"/delete-user": "POST",
};

/**
 * Builds a client: options → `$fetch`, `$store`, atoms, actions, the proxy. `toHook` is the only
 * thing a framework binding supplies: what `use<Atom>` is for each non-signal atom.
 */
export function createClientCore(
	options: BetterAuthClientOptions = {},
	toHook: (atom: ReadableAtom) => unknown,
): Record<string, unknown> {
	const plugins = options.plugins ?? [];
	const baseURL = resolveBaseURL(options.baseURL, options.basePath);
	const atoms: Record<string, ClientAtom> = {};
	const notify = (signal: string) => {
		const target = atoms[signal] as WritableAtom | undefined;
		target?.set(!target.get());
	};
	const listeners: ClientAtomListener[] = [{ matcher: isSessionChangingPath, signal: "$sessionSignal" }];
	const fetchPlugins: BetterFetchPlugin[] = options.disableDefaultFetchPlugins ? [] : [redirectPlugin];
	const pathMethods: Record<string, string> = { ...CORE_PATH_METHODS };
	const errorCodes: Record<string, ErrorCode> = { ...BASE_ERROR_CODES };
	for (const plugin of plugins) {
		listeners.push(...(plugin.atomListeners ?? []));
		fetchPlugins.push(...((plugin.fetchPlugins ?? []) as BetterFetchPlugin[]));
		Object.assign(pathMethods, plugin.pathMethods);
		Object.assign(errorCodes, plugin.$ERROR_CODES);
	}
	fetchPlugins.push(signalPlugin(baseURL, listeners, notify));
	const $fetch = createClientFetch({ baseURL, fetchOptions: options.fetchOptions, plugins: fetchPlugins });

	const { $sessionSignal, session } = createSessionAtoms($fetch, options.sessionOptions);
	Object.assign(atoms, { $sessionSignal, session });
	for (const plugin of plugins) Object.assign(atoms, plugin.getAtoms?.($fetch as unknown as ClientFetch));

	const $store: ClientStore = {
		notify,
		listen: (signal, listener) => atoms[signal]?.listen(listener) ?? (() => {}),
		atoms,
	};
	const actions: Record<string, unknown> = {};
	for (const plugin of plugins) {
		const pluginActions = plugin.getActions?.($fetch as unknown as ClientFetch, $store, options as ClientPluginOptions);
		if (pluginActions) mergeDeep(actions, pluginActions);
	}
	const root: Record<string, unknown> = { $fetch, $store, $ERROR_CODES: errorCodes, $Infer: {} };
	// `session` → `useSession`; `$`-named atoms are signals, not hooks.
	for (const [name, value] of Object.entries(atoms)) {
		if (!name.startsWith("$"))
			root[`use${name.charAt(0).toUpperCase()}${name.slice(1)}`] = toHook(value as ReadableAtom);
	}
	return createClientProxy({ $fetch, root, actions, pathMethods });
}

/** Merges plugin actions; nested objects (`{ signIn: { passkey } }`) combine instead of replacing. */
function mergeDeep(target: Record<string, unknown>, source: Record<string, unknown>) {
	for (const [key, value] of Object.entries(source)) {
		const existing = target[key];
		if (isPlainObject(existing) && isPlainObject(value)) mergeDeep(existing, value);
		else target[key] = isPlainObject(value) ? mergeDeep({}, value) : value;
	}
	return target;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
