/** `better-auth/api`: building blocks for endpoints, hooks and plugins. */
export { createAuthEndpoint, createAuthMiddleware } from "@better-auth/core/api";
export { APIError } from "@better-auth/core/error";
export { toResponse } from "./handler";
export { error } from "./routes/error";
export { ok } from "./routes/ok";
