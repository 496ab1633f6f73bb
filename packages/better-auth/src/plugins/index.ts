/** `better-auth/plugins`: the first-party server plugins. */
export { type GenericOAuthConfig, type GenericOAuthOptions, genericOAuth } from "./generic-oauth";
