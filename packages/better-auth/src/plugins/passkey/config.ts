/**
 * The plugin's resolved settings and the per-request values derived from them: the relying party
 * id and the origin(s) a ceremony must have happened on.
 */

import type { FullAuthContext } from "../../context/full-context";
import { isTrustedOrigin } from "../../utils/url";
import type { PasskeyOptions } from "./types";

export interface PasskeyConfig {
	options: PasskeyOptions;
	rpName: string;
	challengeCookie: string;
	requireSession: boolean;
	/** How long a challenge stays valid, in seconds. */
	challengeMaxAge: number;
}

export function resolveConfig(options: PasskeyOptions): PasskeyConfig {
	return {
		options,
		rpName: options.rpName ?? "Better Auth",
		challengeCookie: options.advanced?.webAuthnChallengeCookie ?? "better-auth-passkey",
		requireSession: options.registration?.requireSession ?? true,
		challengeMaxAge: 5 * 60,
	};
}

/** `rpID`, else the hostname of the base URL, else "localhost". */
export function rpID(config: PasskeyConfig, context: FullAuthContext): string {
	if (config.options.rpID) return config.options.rpID;
	const base = context.options.baseURL || context.baseURL;
	if (base) {
		try {
			return new URL(base).hostname;
		} catch {
			// Not a URL: fall through to the default.
		}
	}
	return "localhost";
}

/**
 * The origin(s) the client data must name. Without a configured `origin`, the request's Origin is
 * used only when it is trusted: taking any Origin header would let a phishing site replay the
 * assertion it collected (its own origin is signed in clientDataJSON) with a matching header.
 */
export function expectedOrigin(
	config: PasskeyConfig,
	context: FullAuthContext,
	headers: Headers | undefined,
): string | string[] {
	if (config.options.origin) return config.options.origin;
	const header = headers?.get("origin");
	if (header && header !== "null" && isTrustedOrigin(header, context.trustedOrigins)) return header;
	return context.baseURL ? new URL(context.baseURL).origin : [];
}
