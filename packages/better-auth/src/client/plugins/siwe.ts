/**
 * `siweClient`: types `authClient.siwe.nonce()` and `authClient.siwe.verify()`. Signing the
 * message happens in the wallet (e.g. wagmi / viem); the client only sends it.
 */
import type { BetterAuthClientPlugin } from "@better-auth/core";
import type { siwe } from "../../plugins/siwe";

export function siweClient() {
	return {
		id: "siwe",
		$InferServerPlugin: {} as ReturnType<typeof siwe>,
		pathMethods: { "/siwe/nonce": "POST", "/siwe/get-nonce": "POST", "/siwe/verify": "POST" },
	} satisfies BetterAuthClientPlugin;
}
