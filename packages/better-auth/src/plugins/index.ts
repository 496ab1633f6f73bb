/** `better-auth/plugins`: the first-party server plugins. */
export { type CustomSessionContext, customSession } from "./custom-session";
export { type GenericOAuthConfig, type GenericOAuthOptions, genericOAuth } from "./generic-oauth";
export { type LastLoginMethodOptions, lastLoginMethod } from "./last-login-method";
