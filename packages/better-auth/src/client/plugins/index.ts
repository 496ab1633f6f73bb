/** `better-auth/client/plugins`: client plugins. */
export { type AdditionalFieldsSpec, inferAdditionalFields } from "./additional-fields";
export { type AdminClientOptions, adminClient } from "./admin";
export { anonymousClient } from "./anonymous";
export { apiKeyClient } from "./api-key";
export { customSessionClient } from "./custom-session";
export { EMAIL_OTP_ERROR_CODES, emailOTPClient } from "./email-otp";
export { genericOAuthClient } from "./generic-oauth";
export { type JwtClientOptions, jwtClient } from "./jwt";
export { lastLoginMethodClient } from "./last-login-method";
export { magicLinkClient } from "./magic-link";
export { multiSessionClient } from "./multi-session";
export { oneTimeTokenClient } from "./one-time-token";
export { type OrganizationClientOptions, organizationClient } from "./organization";
export { type AddPasskeyInput, type PasskeySignInInput, passkeyClient } from "./passkey";
export { phoneNumberClient } from "./phone-number";
export { type TwoFactorClientOptions, twoFactorClient } from "./two-factor";
export { usernameClient } from "./username";
