/**
 * `siwe`: Sign-In With Ethereum (EIP-4361). `POST /siwe/nonce` issues a single-use nonce (15
 * minutes); `POST /siwe/verify` checks the signed message (domain, nonce, validity window) with the
 * app's `verifyMessage`, then signs the wallet's user in, creating it on first use. Each wallet and
 * chain is a `walletAddress` row and a `siwe` account (`<address>:<chainId>`).
 *
 * @example
 * siwe({ domain: "example.com", getNonce: async () => generateSiweNonce(), verifyMessage: async (a) => viemVerify(a) })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { SIWE_ERROR_CODES } from "./error-codes";
import { siweNonce, siweVerify } from "./routes";
import { siweSchema } from "./schema";
import type { SiweOptions } from "./types";

export { SIWE_ERROR_CODES } from "./error-codes";
export { parseSiweMessage, toChecksumAddress } from "./message";
export type { Cacao, EnsLookupResult, SiweOptions, SiweVerifyMessageArgs } from "./types";

export function siwe(options: SiweOptions) {
	if (typeof options?.getNonce !== "function" || typeof options.verifyMessage !== "function" || !options.domain) {
		throw new BetterAuthError("siwe: `domain`, `getNonce` and `verifyMessage` are required.");
	}
	return {
		id: "siwe" as const,
		endpoints: {
			getSiweNonce: siweNonce(options),
			getNonce: siweNonce(options, "/siwe/get-nonce"),
			verifySiweMessage: siweVerify(options),
		},
		schema: siweSchema(options),
		$ERROR_CODES: SIWE_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
