/**
 * `sso`: sign-in through an organization's own identity provider, OpenID Connect or SAML 2.0.
 * Users register providers (`POST /sso/register`); anyone signs in by email domain, domain,
 * organization slug or provider id (`POST /sign-in/sso`); the provider's answer comes back to
 * `/sso/callback/:providerId` (OIDC) or `/sso/saml2/callback/:providerId` (SAML).
 *
 * @example
 * betterAuth({ plugins: [sso({ trustEmailVerified: false, providersLimit: 5 })] })
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { SSO_ERROR_CODES } from "./error-codes";
import { callbackSSO } from "./routes/callback";
import { registerSSOProvider } from "./routes/register";
import { acsEndpoint, callbackSSOSAML, spMetadata } from "./routes/saml";
import { signInSSO } from "./routes/sign-in";
import { ssoSchema } from "./schema";
import type { SSOOptions } from "./types";

export { SSO_ERROR_CODES } from "./error-codes";
export type {
	OIDCConfig,
	OIDCMapping,
	ProvisionInput,
	SAMLConfig,
	SAMLMapping,
	SSOOptions,
	SSOProvider,
	SSOUserInfo,
} from "./types";

export function sso(options: SSOOptions = {}) {
	return {
		id: "sso" as const,
		endpoints: {
			spMetadata: spMetadata(options),
			registerSSOProvider: registerSSOProvider(options),
			signInSSO: signInSSO(options),
			callbackSSO: callbackSSO(options),
			callbackSSOSAML: callbackSSOSAML(options),
			acsEndpoint: acsEndpoint(options),
		},
		schema: ssoSchema,
		$ERROR_CODES: SSO_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
