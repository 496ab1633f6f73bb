/**
 * `magicLink`: passwordless sign-in by email link. `POST /sign-in/magic-link` stores a short-lived,
 * single-use token and hands a link to `sendMagicLink`; `GET /magic-link/verify` (the link) signs
 * the user in, creating the account on first use unless `disableSignUp` is set.
 *
 * @example
 * betterAuth({ plugins: [magicLink({ sendMagicLink: ({ email, url }) => mailer.send(email, url) })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { magicLinkVerify, signInMagicLink } from "./routes";
import type { MagicLinkOptions } from "./types";

export type { MagicLinkError } from "./routes";
export type { MagicLinkData, MagicLinkOptions, MagicLinkTokenStorage } from "./types";

const PATHS = new Set(["/sign-in/magic-link", "/magic-link/verify"]);

export function magicLink(options: MagicLinkOptions) {
	if (typeof options?.sendMagicLink !== "function") {
		throw new BetterAuthError("magicLink: `sendMagicLink` is required: it is how the link reaches the user.");
	}
	return {
		id: "magic-link" as const,
		endpoints: {
			signInMagicLink: signInMagicLink(options),
			magicLinkVerify: magicLinkVerify(options),
		},
		rateLimit: [
			{
				pathMatcher: (path: string) => PATHS.has(path),
				window: options.rateLimit?.window ?? 60,
				max: options.rateLimit?.max ?? 5,
			},
		],
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
