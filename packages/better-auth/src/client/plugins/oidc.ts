/**
 * `oidcClient`: types the OIDC provider endpoints on the client (`oauth2.register`,
 * `oauth2.consent`, `oauth2.client`, `oauth2.authorize`). Nothing runs client-side.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { oidcProvider } from "../../plugins/oidc-provider";

export function oidcClient() {
	return {
		id: "oidc-client",
		$InferServerPlugin: {} as ReturnType<typeof oidcProvider>,
		pathMethods: { "/oauth2/register": "POST", "/oauth2/consent": "POST" },
	} satisfies BetterAuthClientPlugin;
}
