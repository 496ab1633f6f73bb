/**
 * `ssoClient`: types the SSO endpoints on the client: `sso.register`, `signIn.sso` (which
 * follows the `{ url, redirect: true }` answer) and `sso.saml2.sp.metadata`.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { sso } from "./index";

export function ssoClient() {
	return {
		id: "sso-client",
		$InferServerPlugin: {} as ReturnType<typeof sso>,
		pathMethods: { "/sso/register": "POST", "/sign-in/sso": "POST", "/sso/saml2/sp/metadata": "GET" },
	} satisfies BetterAuthClientPlugin;
}
