import type { Endpoint, Middleware } from "better-call";
import type { BetterAuthPluginDBSchema } from "../db/field";
import type { ErrorCode } from "../error/codes";
import type { AuthContext } from "./context";
import type { BetterAuthOptions } from "./options";

/** A before/after hook: runs its middleware when `matcher` accepts the endpoint context. */
export interface AuthHook {
	matcher: (context: HookEndpointContext) => boolean;
	handler: Middleware;
}

/** What hooks and matchers see of a call. */
export interface HookEndpointContext {
	path: string;
	method?: string;
	body?: unknown;
	query?: Record<string, unknown>;
	headers?: Headers;
	request?: Request;
	params?: Record<string, string>;
	context: AuthContext & { returned?: unknown; responseHeaders?: Headers };
}

/** A server plugin: a folder of endpoints, schema, hooks and error codes. */
export interface BetterAuthPlugin {
	id: string;
	endpoints?: Record<string, Endpoint>;
	schema?: BetterAuthPluginDBSchema;
	hooks?: { before?: AuthHook[]; after?: AuthHook[] };
	/** Middlewares for HTTP requests only, matched by path (`/x`, `/x/*`). */
	middlewares?: { path: string; middleware: Middleware }[];
	onRequest?: (
		request: Request,
		context: AuthContext,
	) =>
		| Promise<{ response: Response } | { request: Request } | undefined | void>
		| { response: Response }
		| { request: Request }
		| undefined
		| void;
	onResponse?: (
		response: Response,
		context: AuthContext,
	) => Promise<{ response: Response } | undefined | void> | { response: Response } | undefined | void;
	rateLimit?: { pathMatcher: (path: string) => boolean; window: number; max: number }[];
	/** Runs once when the instance is created; may extend options and context. */
	init?: (
		context: AuthContext,
	) =>
		| Promise<{ options?: Partial<BetterAuthOptions>; context?: Partial<AuthContext> } | undefined | void>
		| { options?: Partial<BetterAuthOptions>; context?: Partial<AuthContext> }
		| undefined
		| void;
	$ERROR_CODES?: Record<string, ErrorCode>;
	options?: Record<string, unknown>;
	$Infer?: Record<string, unknown>;
}
