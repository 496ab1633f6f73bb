/**
 * `passkey`: WebAuthn passkeys (via SimpleWebAuthn). Signed-in users register passkeys
 * (`generate-register-options` → `verify-registration`), anyone signs in with one
 * (`generate-authenticate-options` → `verify-authentication`), and users list, rename and delete
 * their own. Challenges are single-use, expire after five minutes and are bound to the browser by a
 * signed cookie.
 *
 * @example
 * betterAuth({ plugins: [passkey({ rpID: "example.com", rpName: "Example", origin: "https://example.com" })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { BetterAuthError } from "@better-auth/core/error";
import { resolveConfig } from "./config";
import { PASSKEY_ERROR_CODES } from "./error-codes";
import { generatePasskeyAuthenticationOptions, verifyPasskeyAuthentication } from "./routes/authenticate";
import { deletePasskey, listPasskeys, updatePasskey } from "./routes/manage";
import { generatePasskeyRegistrationOptions, verifyPasskeyRegistration } from "./routes/register";
import { passkeySchema } from "./schema";
import type { Passkey, PasskeyOptions } from "./types";

export { PASSKEY_ERROR_CODES } from "./error-codes";
export type { Passkey, PasskeyOptions, PasskeyRegistrationUser } from "./types";

export function passkey(options: PasskeyOptions = {}) {
	const config = resolveConfig(options);
	if (!config.requireSession && !options.registration?.resolveUser) {
		throw new BetterAuthError(
			"passkey: `registration.requireSession: false` needs `registration.resolveUser` to know whom a passkey is for.",
		);
	}
	return {
		id: "passkey" as const,
		endpoints: {
			generatePasskeyRegistrationOptions: generatePasskeyRegistrationOptions(config),
			generatePasskeyAuthenticationOptions: generatePasskeyAuthenticationOptions(config),
			verifyPasskeyRegistration: verifyPasskeyRegistration(config),
			verifyPasskeyAuthentication: verifyPasskeyAuthentication(config),
			listPasskeys,
			deletePasskey,
			updatePasskey,
		},
		schema: passkeySchema(options),
		$ERROR_CODES: PASSKEY_ERROR_CODES,
		/** Type only: `typeof auth.$Infer.Passkey` / `typeof authClient.$Infer.Passkey`. */
		$Infer: {} as { Passkey: Passkey },
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
