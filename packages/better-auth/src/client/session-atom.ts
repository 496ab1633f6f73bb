/**
 * The session atom behind `useSession()`: `/get-session`, fetched by the first subscriber and
 * shared by all, refetched on `$sessionSignal`, when the tab regains focus (at most every few
 * seconds), when the browser comes back online and, optionally, on an interval.
 */
import { atom, type ReadableAtom, type WritableAtom } from "nanostores";
import type { InternalFetch } from "./fetch";
import { type AuthQueryState, createAuthQuery } from "./query-atom";

/** `sessionOptions` of `createAuthClient`. */
export interface SessionOptions {
	/**
	 * Refetch the session when the tab becomes visible or the window gains focus.
	 * @default true
	 */
	refetchOnWindowFocus?: boolean;
	/**
	 * Refetch every this many seconds while the session has subscribers; 0 turns it off.
	 * @default 0
	 */
	refetchInterval?: number;
	/**
	 * Whether focus and interval refetches run while `navigator.onLine` is false.
	 * @default false
	 */
	refetchWhenOffline?: boolean;
}

/** Focus refetches closer together than this are skipped: tab switching should not flood the server. */
export const FOCUS_REFETCH_COOLDOWN_MS = 5_000;

const inBrowser = () => typeof window !== "undefined" && typeof document !== "undefined";
/** React Native has no document, yet a mounted useSession must fetch there too (expo). */
const inReactNative = () => typeof navigator !== "undefined" && navigator.product === "ReactNative";
const hidden = () => typeof document !== "undefined" && document.visibilityState === "hidden";

/** Creates `$sessionSignal` and the `session` atom. */
export function createSessionAtoms(
	$fetch: InternalFetch,
	options: SessionOptions = {},
): { $sessionSignal: WritableAtom<boolean>; session: ReadableAtom<AuthQueryState<unknown>> } {
	const $sessionSignal = atom(false);
	let lastSettled = 0;
	const online = () => options.refetchWhenOffline || typeof navigator === "undefined" || navigator.onLine !== false;

	const session = createAuthQuery<unknown>($fetch, "/get-session", {
		signals: [$sessionSignal],
		fetchOnMount: () => inBrowser() || inReactNative(),
		onSettled: () => {
			lastSettled = Date.now();
		},
		onMount: (refetch) => {
			const browser = inBrowser();
			const onFocus = () => {
				if (hidden() || !online()) return;
				if (Date.now() - lastSettled < FOCUS_REFETCH_COOLDOWN_MS) return;
				// Counts from now, so the focus and visibilitychange of one tab switch make one request.
				lastSettled = Date.now();
				void refetch();
			};
			const onOnline = () => void refetch();
			const focus = browser && options.refetchOnWindowFocus !== false;
			if (focus) {
				window.addEventListener("focus", onFocus);
				document.addEventListener("visibilitychange", onFocus);
			}
			if (browser) window.addEventListener("online", onOnline);
			const seconds = options.refetchInterval ?? 0;
			const interval =
				seconds > 0
					? setInterval(() => {
							if (!hidden() && online()) void refetch();
						}, seconds * 1000)
					: undefined;
			return () => {
				if (focus) {
					window.removeEventListener("focus", onFocus);
					document.removeEventListener("visibilitychange", onFocus);
				}
				if (browser) window.removeEventListener("online", onOnline);
				if (interval) clearInterval(interval);
			};
		},
	});
	return { $sessionSignal, session };
}
