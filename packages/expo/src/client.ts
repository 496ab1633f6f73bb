/**
 * `@better-auth/expo/client`: `expoClient()`, the client plugin for Expo / React Native apps.
 * Native fetch keeps no cookies, so this plugin does: it stores Set-Cookie values in the app's
 * storage (SecureStore), sends them back on every request with `expo-origin`, caches the session
 * for instant start-up, and runs social sign-in in the in-app browser.
 *
 * @example
 * import * as SecureStore from "expo-secure-store";
 * const authClient = createAuthClient({
 * 	baseURL: "https://api.example.com",
 * 	plugins: [expoClient({ scheme: "myapp", storagePrefix: "myapp", storage: SecureStore })],
 * });
 */
import type { BetterAuthClientPlugin, ClientFetchPlugin, ClientRequestContext, ClientStore } from "@better-auth/core";
import { mergeSetCookie, readStoredCookies, type StoredCookies, toCookieHeader } from "./cookie-store";
import { EXPO_ERROR_CODES } from "./error-codes";
import { loadConstants, loadLinking, loadWebBrowser } from "./expo-modules";
import type { expo } from "./index";

/** The storage `expoClient` keeps cookies and the session in; `expo-secure-store` fits as is. */
export interface ExpoStorage {
	/** Synchronous, as SecureStore's `getItem` (AsyncStorage's promise-returning one does not fit). */
	getItem(key: string): string | null;
	setItem(key: string, value: string): unknown;
}

/** Options of `expoClient`. */
export interface ExpoClientOptions {
	/** Where cookies and the cached session live, e.g. `import * as SecureStore from "expo-secure-store"`. */
	storage: ExpoStorage;
	/**
	 * The app's URL scheme, for deep links back into the app and the `expo-origin` header.
	 * @default the `scheme` of app.json (read through `expo-constants`)
	 */
	scheme?: string;
	/**
	 * Prefix of the storage keys: `<prefix>_cookie` and `<prefix>_session_data`.
	 * @default "better-auth"
	 */
	storagePrefix?: string;
	/**
	 * The server's `advanced.cookiePrefix`: which cookies are session cookies (a change refetches
	 * the session). Several prefixes are allowed.
	 * @default "better-auth"
	 */
	cookiePrefix?: string | string[];
	/**
	 * Do not cache the session in storage (it is then empty until fetched on each start).
	 * @default false
	 */
	disableCache?: boolean;
}

/** Paths whose `{ url, redirect: true }` answer is a provider redirect to open in the browser. */
function startsBrowserFlow(path: string): boolean {
	return path.startsWith("/sign-in/") || path.startsWith("/link-social") || path === "/oauth2/link";
}

const CALLBACK_FIELDS = ["callbackURL", "newUserCallbackURL", "errorCallbackURL"] as const;

/** A web build (react-native-web): the browser keeps cookies itself. React Native has no `document`. */
function isWeb(): boolean {
	return typeof document !== "undefined" && typeof window !== "undefined";
}

function isRedirectAnswer(data: unknown): data is { url: string; redirect: true } {
	if (!data || typeof data !== "object") return false;
	const { url, redirect } = data as { url?: unknown; redirect?: unknown };
	return redirect === true && typeof url === "string";
}

function parseBody(body: unknown): Record<string, unknown> {
	if (body && typeof body === "object") return body as Record<string, unknown>;
	if (typeof body !== "string") return {};
	try {
		const parsed: unknown = JSON.parse(body);
		return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The request's path relative to the client's base URL (`/sign-in/social`). */
function relativePath(request: ClientRequestContext): { path: string; base: string } {
	const url = new URL(String(request.url), "http://localhost");
	const baseURL = typeof request.baseURL === "string" ? request.baseURL.replace(/\/+$/, "") : "";
	const basePath = baseURL ? new URL(baseURL, "http://localhost").pathname.replace(/\/+$/, "") : "";
	const path = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
	return { path: path || "/", base: baseURL || `${url.origin}${basePath}` };
}

/** The Set-Cookie lines of a response, joined as `Headers.get` joins them. */
function setCookieOf(response: Response): string {
	const lines = typeof response.headers.getSetCookie === "function" ? response.headers.getSetCookie() : [];
	return lines.length > 0 ? lines.join(", ") : (response.headers.get("set-cookie") ?? "");
}

/** The Expo client plugin. */
export function expoClient(options: ExpoClientOptions) {
	const storage = options.storage;
	const prefix = options.storagePrefix ?? "better-auth";
	const cookieKey = `${prefix}_cookie`;
	const sessionKey = `${prefix}_session_data`;
	const cookiePrefixes = [options.cookiePrefix ?? "better-auth"].flat();
	const sessionCookieNames = new Set(
		cookiePrefixes.flatMap((cookiePrefix) =>
			["session_token", "session_data"].flatMap((name) => [
				`${cookiePrefix}.${name}`,
				`__Secure-${cookiePrefix}.${name}`,
			]),
		),
	);
	let store: ClientStore | undefined;

	const readCookies = () => readStoredCookies(storage.getItem(cookieKey));

	/** Stores the jar; raises the session signal when a session cookie was added, changed or removed. */
	const writeCookies = (next: StoredCookies, notify: boolean) => {
		const previous = readCookies();
		storage.setItem(cookieKey, JSON.stringify(next));
		if (!notify) return;
		const changed = [...sessionCookieNames].some((name) => previous[name]?.value !== next[name]?.value);
		if (changed) store?.notify("$sessionSignal");
	};

	const storeSetCookie = (header: string, notify: boolean) => {
		if (header) writeCookies(mergeSetCookie(header, readCookies()), notify);
	};

	/** The app's scheme: the option, else app.json's. */
	const resolveScheme = async (): Promise<string | undefined> => {
		if (options.scheme) return options.scheme;
		const scheme = (await loadConstants())?.expoConfig?.scheme;
		return Array.isArray(scheme) ? scheme[0] : scheme;
	};

	/** `/dashboard` → `myapp://dashboard` (through expo-linking when present, so Expo Go gets `exp://...`). */
	const deepLink = async (path: string): Promise<string | undefined> => {
		const scheme = await resolveScheme();
		const linking = await loadLinking();
		if (linking) return linking.createURL(path, scheme ? { scheme } : undefined);
		return scheme ? `${scheme}://${path.replace(/^\/+/, "")}` : undefined;
	};

	const setSessionAtom = (data: unknown) => {
		const session = store?.atoms.session as { get(): object; set?(value: unknown): void } | undefined;
		if (typeof session?.set !== "function") return;
		session.set({ ...session.get(), data, error: null, isPending: false });
	};

	/** Social sign-in: the provider page in the in-app browser, then the cookies from the deep link back. */
	const runBrowserFlow = async (authorizationURL: string, base: string, returnTo: string | undefined) => {
		const browser = await loadWebBrowser();
		if (!browser) {
			throw new Error("[better-auth/expo] Social sign-in needs expo-web-browser: install it in the app.");
		}
		const proxyURL = `${base}/expo-authorization-proxy?authorizationURL=${encodeURIComponent(authorizationURL)}`;
		const result = await browser.openAuthSessionAsync(proxyURL, returnTo ?? null);
		if (result.type !== "success" || !result.url) return;
		let cookie: string | null = null;
		try {
			cookie = new URL(result.url).searchParams.get("cookie");
		} catch {
			return;
		}
		if (cookie) storeSetCookie(cookie, true);
	};

	const fetchPlugin = {
		id: "expo",
		name: "Expo",
		async init(url, fetchOptions = {}) {
			if (isWeb()) return { url, options: fetchOptions };
			const headers = new Headers(fetchOptions.headers as HeadersInit | undefined);
			const stored = toCookieHeader(readCookies());
			if (stored) {
				const own = headers.get("cookie");
				headers.set("cookie", own ? `${own}; ${stored}` : stored);
			}
			const origin = await deepLink("");
			if (origin) headers.set("expo-origin", origin);
			const body = fetchOptions.body;
			if (body && typeof body === "object" && !Array.isArray(body)) {
				const rewritten: Record<string, unknown> = { ...(body as Record<string, unknown>) };
				for (const field of CALLBACK_FIELDS) {
					const value = rewritten[field];
					if (typeof value === "string" && value.startsWith("/") && !value.startsWith("//")) {
						rewritten[field] = (await deepLink(value)) ?? value;
					}
				}
				fetchOptions = { ...fetchOptions, body: rewritten };
			}
			if (new URL(url, "http://localhost").pathname.endsWith("/sign-out")) {
				// Signed out locally at once (this request still carries the cookies, read above).
				storage.setItem(cookieKey, "{}");
				storage.setItem(sessionKey, "null");
				setSessionAtom(null);
			}
			return {
				url,
				// Native fetch must not add cookies of its own: the jar above is the only source.
				options: { ...fetchOptions, credentials: "omit", headers: Object.fromEntries(headers.entries()) },
			};
		},
		hooks: {
			onResponse({ response, request }) {
				if (isWeb()) return;
				// A get-session answer that refreshes a cookie needs no second get-session.
				storeSetCookie(setCookieOf(response), relativePath(request).path !== "/get-session");
			},
			async onSuccess({ data, request }) {
				if (isWeb()) return;
				const { path, base } = relativePath(request);
				if (path === "/get-session" && !options.disableCache) {
					storage.setItem(sessionKey, JSON.stringify(data ?? null));
				}
				const body = parseBody(request.body);
				if (isRedirectAnswer(data) && startsBrowserFlow(path) && !body.idToken) {
					await runBrowserFlow(data.url, base, await deepLink(""));
				}
			},
		},
	} satisfies ClientFetchPlugin;

	return {
		id: "expo",
		$InferServerPlugin: {} as ReturnType<typeof expo>,
		$ERROR_CODES: EXPO_ERROR_CODES,
		fetchPlugins: [fetchPlugin],
		getActions(_$fetch, $store) {
			store = $store;
			if (!options.disableCache && !isWeb()) {
				const cached = readCachedSession(storage.getItem(sessionKey));
				if (cached) setSessionAtom(cached);
			}
			return {
				/** The stored cookies as a `Cookie` header, for your own requests (tRPC, fetch). */
				getCookie: (): string => toCookieHeader(readCookies()),
			};
		},
	} satisfies BetterAuthClientPlugin;
}

/** The cached `{ session, user }`, or null when absent, signed out or unreadable. */
function readCachedSession(json: string | null): Record<string, unknown> | null {
	if (!json) return null;
	try {
		const parsed: unknown = JSON.parse(json);
		return parsed && typeof parsed === "object" && "session" in parsed ? (parsed as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

export type { StoredCookie, StoredCookies } from "./cookie-store";
export type { ConstantsModule, LinkingModule, WebBrowserModule } from "./expo-modules";
