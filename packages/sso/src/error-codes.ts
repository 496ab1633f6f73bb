import { defineErrorCodes } from "@better-auth/core/error";

/**
 * The SSO plugin's error codes. Messages follow Better Auth's where it has one; the codes are
 * this package's own (the docs name none).
 */
export const SSO_ERROR_CODES = defineErrorCodes({
	SSO_REGISTRATION_DISABLED: "SSO provider registration is disabled",
	SSO_PROVIDERS_LIMIT_REACHED: "You have reached the maximum number of SSO providers",
	INVALID_ISSUER: "Invalid issuer. Must be a valid URL",
	PROVIDER_ID_ALREADY_EXISTS: "SSO provider with this providerId already exists",
	MISSING_PROVIDER_CONFIG: "Either oidcConfig or samlConfig is required",
	INVALID_OIDC_CONFIGURATION: "Invalid OIDC configuration",
	OIDC_DISCOVERY_FAILED: "Unable to fetch the OpenID Connect discovery document",
	OIDC_ISSUER_MISMATCH: "The discovery document's issuer does not match the registered issuer",
	INVALID_SAML_CONFIGURATION: "Invalid SAML configuration",
	INVALID_SAML_RESPONSE: "Invalid SAML response",
	SAML_USER_INFO_MISSING: "Unable to extract user ID or email from SAML response",
	PROVIDER_NOT_FOUND: "No provider found for the issuer",
	PROVIDER_IDENTIFIER_REQUIRED: "One of email, organizationSlug, providerId or domain is required",
	PROVIDER_TYPE_NOT_SUPPORTED: "The provider is not configured for the requested protocol",
	NOT_ORGANIZATION_MEMBER: "You are not a member of the organization",
	INVALID_EMAIL: "Invalid email",
});
