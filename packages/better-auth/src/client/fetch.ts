/**
 * The client's `$fetch`: better-fetch with the base URL, cookies (`credentials: "include"`),
 * date-reviving JSON, and the fetch plugins of the client and its plugins.
 */
import type { ClientAtomListener, ClientFetchResult } from "@better-auth/core";
import { type BetterFetchOption, type BetterFetchPlugin, createFetch } from "@better-fetch/fetch";
import { parseJSON } from "./parser";

/** `$fetch` as the client core calls it. */
export type InternalFetch = <T = unknown>(path: string, options?: BetterFetchOption) => Promise<ClientFetchResult<T>>;

/**
 * In a browser, follows `{ url, redirect: true }` answers (social sign-in, link-social...): the
 * server hands back the provider's URL and the page goes there.
 */
export const redirectPlugin = {
	id: "redirect",
	name: "Redirect",
	hooks: {
		onSuccess(context) {
			if (!isRedirect(context.data)) return;
			if (typeof window === "undefined" || !window.location) return;
			try {
				window.location.href = context.data.url;
			} catch {
				// Some embedded runtimes forbid navigation; the caller still gets the URL.
			}
		},
	},
} satisfies BetterFetchPlugin;

function isRedirect(data: unknown): data is { url: string; redirect: true } {
	return (
		typeof data === "object" &&
		data !== null &&
		(data as { redirect?: unknown }).redirect === true &&
		typeof (data as { url?: unknown }).url === "string"
	);
}

/**
 * Raises the signals of `listeners` after each successful request whose path (relative to the
 * base URL) they match. Not after a redirect answer (the page is about to leave), nor for a
 * request sent with `disableSignal: true` (query atoms' own refetches use it).
 */
export function signalPlugin(
	baseURL: string,
	listeners: ClientAtomListener[],
	notify: (signal: string) => void,
): BetterFetchPlugin {
	const basePathname = new URL(baseURL, "http://localhost").pathname.replace(/\/+$/, "");
	return {
		id: "better-auth-signals",
		name: "Signals",
		hooks: {
			onSuccess(context) {
				if (isRedirect(context.data) || (context.request as { disableSignal?: unknown }).disableSignal === true) return;
				let pathname = new URL(String(context.request.url), "http://localhost").pathname;
				if (basePathname && pathname.startsWith(basePathname)) pathname = pathname.slice(basePathname.length);
				const signals = new Set<string>();
				for (const listener of listeners) if (listener.matcher(pathname)) signals.add(listener.signal);
				for (const signal of signals) notify(signal);
			},
		},
	};
}

export interface CreateClientFetchInput {
	baseURL: string;
	fetchOptions?: BetterFetchOption;
	plugins: BetterFetchPlugin[];
}

/** Creates `$fetch`. Caller options win over the defaults; plugin lists are concatenated. */
export function createClientFetch({ baseURL, fetchOptions, plugins }: CreateClientFetchInput): InternalFetch {
	const $fetch = createFetch({
		method: "GET",
		credentials: "include",
		jsonParser: parseJSON,
		...fetchOptions,
		baseURL,
		plugins: [...plugins, ...(fetchOptions?.plugins ?? [])],
	});
	return $fetch as unknown as InternalFetch;
}
