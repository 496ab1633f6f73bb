/** `better-auth/plugins`: the first-party server plugins. */

export { ADMIN_ERROR_CODES, type AdminOptions, admin } from "./admin";
export { ANONYMOUS_ERROR_CODES, type AnonymousOptions, anonymous } from "./anonymous";
export { API_KEY_ERROR_CODES, type ApiKey, type ApiKeyOptions, apiKey, defaultKeyHasher } from "./api-key";
export { type BearerOptions, bearer } from "./bearer";
export { CAPTCHA_ERROR_CODES, type CaptchaOptions, type CaptchaProvider, captcha } from "./captcha";
export { type CustomSessionContext, customSession } from "./custom-session";
export {
	DEVICE_AUTHORIZATION_ERROR_CODES,
	type DeviceAuthorizationOptions,
	type DeviceCode,
	deviceAuthorization,
} from "./device-authorization";
export {
	EMAIL_OTP_ERROR_CODES,
	type EmailOTPOptions,
	type EmailOTPStorage,
	type EmailOTPType,
	emailOTP,
} from "./email-otp";
export { type GenericOAuthConfig, type GenericOAuthOptions, genericOAuth } from "./generic-oauth";
export { HAVE_I_BEEN_PWNED_ERROR_CODES, type HaveIBeenPwnedOptions, haveIBeenPwned } from "./haveibeenpwned";
export {
	createJwk,
	generateExportedKeyPair,
	getJwtToken,
	type Jwk,
	type JwkAlgorithm,
	type JwtOptions,
	jwt,
	type KeyPairConfig,
	resolveSigningKey,
	signJWT,
	toExpJWT,
	verifyJWT,
} from "./jwt";
export { type LastLoginMethodOptions, lastLoginMethod } from "./last-login-method";
export {
	type MagicLinkData,
	type MagicLinkError,
	type MagicLinkOptions,
	type MagicLinkTokenStorage,
	magicLink,
} from "./magic-link";
export { MULTI_SESSION_ERROR_CODES, type MultiSessionOptions, multiSession } from "./multi-session";
export { type OAuthProxyOptions, oAuthProxy } from "./oauth-proxy";
export { type CodeData, type OAuthClient, type OIDCOptions, oidcProvider } from "./oidc-provider";
export { ONE_TAP_ERROR_CODES, type OneTapOptions, oneTap } from "./one-tap";
export { ONE_TIME_TOKEN_ERROR_CODES, type OneTimeTokenOptions, oneTimeToken } from "./one-time-token";
export { type OpenAPIDocument, type OpenAPIOptions, openAPI, type ScalarTheme } from "./open-api";
export { ORGANIZATION_ERROR_CODES, type OrganizationOptions, organization } from "./organization";
export {
	PASSKEY_ERROR_CODES,
	type Passkey,
	type PasskeyOptions,
	type PasskeyRegistrationUser,
	passkey,
} from "./passkey";
export {
	PHONE_NUMBER_ERROR_CODES,
	type PhoneNumberOptions,
	type PhoneNumberOTPData,
	phoneNumber,
} from "./phone-number";
export { SIWE_ERROR_CODES, type SiweOptions, siwe } from "./siwe";
export {
	type BackupCodeOptions,
	type OTPOptions,
	type TOTPOptions,
	TWO_FACTOR_ERROR_CODES,
	type TwoFactorOptions,
	twoFactor,
} from "./two-factor";
export { USERNAME_ERROR_CODES, type UsernameOptions, username } from "./username";
