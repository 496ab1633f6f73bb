/**
 * `oAuthProxy`: social sign-in on deployments the OAuth providers do not know (previews,
 * localhost). The provider only ever redirects to production; production exchanges the code and
 * sends the browser back to the deployment that started the flow with the user's profile, sealed
 * with the shared secret. That deployment signs the user in with its own database and cookies.
 * Both deployments need this plugin and the same `secret`.
 *
 * @example
 * betterAuth({
 * 	socialProviders: { github: { clientId, clientSecret, redirectURI: "https://app.com/api/auth/callback/github" } },
 * 	plugins: [oAuthProxy({ productionURL: "https://app.com" })],
 * })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { oauthProxyHooks } from "./hooks";
import { oAuthProxyCallback, oAuthProxyCompletion } from "./routes";
import type { OAuthProxyOptions } from "./types";

export type { OAuthProxyOptions } from "./types";

export function oAuthProxy(options: OAuthProxyOptions = {}) {
	return {
		id: "oauth-proxy" as const,
		endpoints: { oAuthProxy: oAuthProxyCallback, oAuthProxyCompletion },
		hooks: oauthProxyHooks(options),
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
