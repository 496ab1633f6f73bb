/** `better-auth/plugins`: the first-party server plugins. */

export { type BearerOptions, bearer } from "./bearer";
export { type CustomSessionContext, customSession } from "./custom-session";
export { type GenericOAuthConfig, type GenericOAuthOptions, genericOAuth } from "./generic-oauth";
export { type LastLoginMethodOptions, lastLoginMethod } from "./last-login-method";
export { USERNAME_ERROR_CODES, type UsernameOptions, username } from "./username";
