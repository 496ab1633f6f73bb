/**
 * `@better-auth/expo`: the server half of Better Auth for Expo / React Native apps.
 *
 * - Requests from the app carry `expo-origin` (native fetch sends no Origin); it becomes `origin`.
 * - In development, `exp://` (Expo Go) is a trusted origin.
 * - OAuth callbacks that redirect into the app carry the session cookies (`?cookie=`).
 * - `GET /expo-authorization-proxy` starts the provider redirect inside the in-app browser.
 *
 * @example
 * import { expo } from "@better-auth/expo";
 * export const auth = betterAuth({ plugins: [expo()], trustedOrigins: ["myapp://"] });
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { expoAuthorizationProxy } from "./authorization-proxy";
import { EXPO_ERROR_CODES } from "./error-codes";
import { appRedirectHook } from "./redirect-hook";
import type { ExpoOptions } from "./types";

/** Expo Go's scheme: trusted in development so the app works before it has its own scheme. */
export const EXPO_GO_ORIGIN = "exp://";

function isDevelopment(): boolean {
	return typeof process !== "undefined" && process.env?.NODE_ENV === "development";
}

/** `request` with `origin` set from `expo-origin`, or undefined to leave it as it came. */
function withExpoOrigin(request: Request, options: ExpoOptions): Request | undefined {
	if (options.disableOriginOverride) return undefined;
	const expoOrigin = request.headers.get("expo-origin");
	if (!expoOrigin) return undefined;
	if (request.headers.get("origin") && !options.overrideOrigin) return undefined;
	const headers = new Headers(request.headers);
	headers.set("origin", expoOrigin);
	return new Request(request, { headers });
}

/** The Expo server plugin. */
export function expo(options: ExpoOptions = {}) {
	return {
		id: "expo" as const,
		init(context) {
			const trusted = context.options.trustedOrigins;
			// A function of the request is the app's to extend; only a static list is extended here.
			if (!isDevelopment() || typeof trusted === "function") return;
			if (trusted?.includes(EXPO_GO_ORIGIN)) return;
			return { options: { trustedOrigins: [...(trusted ?? []), EXPO_GO_ORIGIN] } };
		},
		onRequest(request) {
			const changed = withExpoOrigin(request, options);
			return changed ? { request: changed } : undefined;
		},
		hooks: { after: [appRedirectHook] },
		endpoints: { expoAuthorizationProxy },
		$ERROR_CODES: EXPO_ERROR_CODES,
		options: options as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}

export { EXPO_ERROR_CODES } from "./error-codes";
export { isAppSchemeTarget } from "./redirect-hook";
export type { ExpoOptions } from "./types";
