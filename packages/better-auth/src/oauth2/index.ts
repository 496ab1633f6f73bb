/** `better-auth/oauth2`: the OAuth2 / OIDC primitives, for custom providers and plugins. */
export * from "@better-auth/core/oauth2";
