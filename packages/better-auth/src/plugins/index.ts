/** `better-auth/plugins`: the first-party server plugins. */

export { ANONYMOUS_ERROR_CODES, type AnonymousOptions, anonymous } from "./anonymous";
export { type BearerOptions, bearer } from "./bearer";
export { type CustomSessionContext, customSession } from "./custom-session";
export { type GenericOAuthConfig, type GenericOAuthOptions, genericOAuth } from "./generic-oauth";
export { type LastLoginMethodOptions, lastLoginMethod } from "./last-login-method";
export { MULTI_SESSION_ERROR_CODES, type MultiSessionOptions, multiSession } from "./multi-session";
export { USERNAME_ERROR_CODES, type UsernameOptions, username } from "./username";
