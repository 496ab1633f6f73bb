/** `lastLoginMethodClient`: reads the cookie `lastLoginMethod` sets (in a browser). */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { lastLoginMethod } from "../../plugins/last-login-method";

function readCookie(name: string): string | null {
	if (typeof document === "undefined") return null;
	for (const part of document.cookie.split(";")) {
		const eq = part.indexOf("=");
		if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return null;
}

export function lastLoginMethodClient(config: { cookieName?: string } = {}) {
	const cookieName = config.cookieName ?? "better-auth.last_used_login_method";
	return {
		id: "last-login-method-client",
		$InferServerPlugin: {} as ReturnType<typeof lastLoginMethod>,
		getActions: () => ({
			/** "email", a provider id, or null. */
			getLastUsedLoginMethod: (): string | null => readCookie(cookieName),
			isLastUsedLoginMethod: (method: string): boolean => readCookie(cookieName) === method,
			clearLastUsedLoginMethod: (): void => {
				if (typeof document !== "undefined") document.cookie = `${cookieName}=; Path=/; Max-Age=0`;
			},
		}),
	} satisfies BetterAuthClientPlugin;
}
