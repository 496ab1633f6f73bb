/** `better-auth/db/adapter`: the adapter factory and its types (as `better-auth/adapters`). */
export * from "../adapters/index";
