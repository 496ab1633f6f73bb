/**
 * Endpoints and middlewares with the auth context typed on `ctx.context`.
 * Thin wrappers over better-call: validation (zod), ctx helpers (json, redirect, cookies).
 */
import {
	createEndpoint,
	createMiddleware,
	type EndpointContext,
	type EndpointOptions,
	type Middleware,
	type MiddlewareContext,
	type MiddlewareOptions,
} from "better-call";
import type { AuthContext } from "../types/context";

/** The context every endpoint receives on `ctx.context`, merged from the instance and middlewares. */
export type AuthEndpointContext = AuthContext & { returned?: unknown; responseHeaders?: Headers };

/**
 * Creates an auth endpoint: `createAuthEndpoint(path, { method, body, query, use, metadata }, handler)`.
 * `ctx.context` is the `AuthContext` of the instance that runs it.
 */
export function createAuthEndpoint<Path extends string, Options extends EndpointOptions, R>(
	path: Path,
	options: Options,
	handler: (ctx: EndpointContext<Path, Options, AuthEndpointContext>) => Promise<R>,
) {
	return createEndpoint(path, options, handler as never) as ReturnType<typeof createEndpoint<Path, Options, R>>;
}

/** Creates a middleware for `use`, plugin middlewares and hooks, with `ctx.context` typed. */
export function createAuthMiddleware<R>(
	handler: (ctx: MiddlewareContext<MiddlewareOptions, AuthEndpointContext>) => Promise<R>,
): Middleware {
	return createMiddleware(handler as never) as unknown as Middleware;
}
