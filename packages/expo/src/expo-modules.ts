/**
 * The few Expo APIs the client uses, typed here so this package compiles and runs without
 * React Native. Each module is imported on first use and may be missing (a web build, an app
 * without social sign-in): the loader then resolves to null and the caller falls back.
 */

/** What `expoClient` needs of `expo-web-browser`. */
export interface WebBrowserModule {
	openAuthSessionAsync(
		url: string,
		redirectUrl?: string | null,
		options?: Record<string, unknown>,
	): Promise<{ type: string; url?: string }>;
}

/** What `expoClient` needs of `expo-linking`. */
export interface LinkingModule {
	createURL(path: string, options?: { scheme?: string }): string;
}

/** What `expoClient` needs of `expo-constants`: the app config's `scheme`. */
export interface ConstantsModule {
	expoConfig?: { scheme?: string | string[] } | null;
}

/** The module itself, or its default export when it is an ES module interop wrapper. */
function unwrap<T>(module: unknown, member: string): T | null {
	if (!module || typeof module !== "object") return null;
	if (member in module) return module as T;
	const fallback = (module as { default?: unknown }).default;
	return fallback && typeof fallback === "object" && member in fallback ? (fallback as T) : null;
}

let webBrowser: Promise<WebBrowserModule | null> | undefined;
let linking: Promise<LinkingModule | null> | undefined;
let constants: Promise<ConstantsModule | null> | undefined;

export function loadWebBrowser(): Promise<WebBrowserModule | null> {
	webBrowser ??= import("expo-web-browser").then(
		(module) => unwrap<WebBrowserModule>(module, "openAuthSessionAsync"),
		() => null,
	);
	return webBrowser;
}

export function loadLinking(): Promise<LinkingModule | null> {
	linking ??= import("expo-linking").then(
		(module) => unwrap<LinkingModule>(module, "createURL"),
		() => null,
	);
	return linking;
}

export function loadConstants(): Promise<ConstantsModule | null> {
	constants ??= import("expo-constants").then(
		(module) => unwrap<ConstantsModule>(module, "expoConfig"),
		() => null,
	);
	return constants;
}
