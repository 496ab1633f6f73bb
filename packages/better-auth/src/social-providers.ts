/** `better-auth/social-providers`: every built-in provider, with its options and profile types. */
export * from "@better-auth/core/social-providers";
