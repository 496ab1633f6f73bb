/**
 * A shared query: one nanostores atom holding `{ data, error, isPending, isRefetching, refetch }`
 * for one endpoint. The first subscriber triggers the request; later subscribers share it.
 */
import type { ClientFetchError, ClientFetchResult } from "@better-auth/core";
import { atom, onMount, type ReadableAtom } from "nanostores";

/** What a query needs of `$fetch` (the client's, or the one a plugin's `getAtoms` receives). */
export type QueryFetch = (
	path: string,
	options: { method: "GET"; query?: Record<string, unknown>; throw: false; disableSignal: true },
) => Promise<ClientFetchResult<unknown>>;

/** The value of a query atom (and of `useSession()` in every framework). */
export interface AuthQueryState<T> {
	data: T | null;
	error: ClientFetchError | null;
	/** True until the first answer arrives. */
	isPending: boolean;
	/** True while any request for this query is in flight. */
	isRefetching: boolean;
	/** Asks the server again; resolves once the atom holds the answer. */
	refetch: (input?: { query?: Record<string, unknown> }) => Promise<void>;
}

export interface AuthQueryOptions {
	/** Signal atoms: each change refetches (while the query has subscribers). */
	signals?: ReadableAtom[];
	/** Runs when the query gains its first subscriber; returns its cleanup. */
	onMount?: (refetch: () => Promise<void>) => (() => void) | undefined;
	/** Whether the first subscriber triggers a request; off on the server (SSR). */
	fetchOnMount?: () => boolean;
	/** Called after every request, with the time it finished. */
	onSettled?: () => void;
}

/**
 * Creates the atom of one query: `GET path` (relative to the client's base URL), fetched by the
 * first subscriber, refetched whenever one of `signals` changes.
 *
 * @example
 * getAtoms: ($fetch) => {
 * 	const $notesSignal = atom(false);
 * 	return { $notesSignal, notes: createAuthQuery<Note[]>($fetch, "/notes/list", { signals: [$notesSignal] }) };
 * }
 */
export function createAuthQuery<T>(
	$fetch: QueryFetch,
	path: string,
	options: AuthQueryOptions = {},
): ReadableAtom<AuthQueryState<T>> {
	let inFlight: Promise<void> | null = null;
	let queued: Promise<void> | null = null;

	const run = async (query?: Record<string, unknown>) => {
		$state.set({ ...$state.get(), isRefetching: true });
		let data: T | null = null;
		let error: ClientFetchError | null = null;
		try {
			// A query's own request raises no signal: a listener matching its path would loop forever.
			const result = await $fetch(path, { method: "GET", query, throw: false, disableSignal: true });
			data = result.error ? null : (result.data as T);
			error = result.error;
		} catch (cause) {
			// A network failure: better-fetch throws; the atom reports it instead.
			error = { status: 0, statusText: "", message: cause instanceof Error ? cause.message : String(cause) };
		}
		$state.set({ data, error, isPending: false, isRefetching: false, refetch });
		options.onSettled?.();
	};

	/**
	 * One request at a time. A refetch asked for while one is in flight runs once that one ends:
	 * the in-flight answer may predate the change (a sign-in, say) that asked for the refetch.
	 * Any number of such asks share that single follow-up request.
	 */
	function refetch(input?: { query?: Record<string, unknown> }): Promise<void> {
		if (!inFlight) {
			inFlight = run(input?.query).finally(() => {
				inFlight = null;
			});
			return inFlight;
		}
		queued ??= inFlight.then(() => {
			queued = null;
			return refetch(input);
		});
		return queued;
	}

	const $state = atom<AuthQueryState<T>>({
		data: null,
		error: null,
		isPending: true,
		isRefetching: false,
		refetch,
	});

	onMount($state, () => {
		if (options.fetchOnMount && !options.fetchOnMount()) return;
		void refetch();
		const cleanups = (options.signals ?? []).map((signal) => signal.listen(() => void refetch()));
		const extra = options.onMount?.(() => refetch());
		return () => {
			for (const cleanup of cleanups) cleanup();
			extra?.();
		};
	});

	return $state;
}
