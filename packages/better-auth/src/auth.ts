/**
 * `betterAuth(options)`: the instance. Router, endpoint map and hooks are built once; the
 * context (adapter, secret, plugins) is created once and shared by every request and API call.
 */
import type { AuthContext, BetterAuthOptions, BetterAuthPlugin, ErrorCode } from "@better-auth/core";
import { getAuthTables } from "@better-auth/core/db";
import { BASE_ERROR_CODES, BetterAuthError } from "@better-auth/core/error";
import type { APIError } from "better-call";
import { type coreEndpoints, getEndpoints } from "./api/endpoints";
import { createHandler, toResponse } from "./api/handler";
import { createRateLimiter } from "./api/rate-limiter";
import { createRouter } from "./api/router";
import { type CallInput, collectHooks, type Hooks, runEndpoint } from "./api/run-endpoint";
import { createAuthContext, resolveSecret } from "./context/create-context";
import { getAdapter } from "./db/get-adapter";
import type { InferTypes } from "./infer";
import { createLogger } from "./utils/logger";

export interface ApiCallInput extends Omit<CallInput, "request"> {
	request?: Request;
	/** Answer with the HTTP Response instead of the data. */
	asResponse?: boolean;
	/** Answer with `{ headers, response }`. */
	returnHeaders?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: each endpoint has its own response type.
export type ApiCall = (input?: ApiCallInput) => Promise<any>;

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
	? I
	: never;

/** The endpoints every plugin of the options adds, merged. */
type PluginEndpoints<Options extends BetterAuthOptions> =
	Options["plugins"] extends ReadonlyArray<infer P>
		? UnionToIntersection<P extends { endpoints: infer E } ? E : never>
		: unknown;

/**
 * `auth.api`: each endpoint callable with its own typed input (`body`, `query`, `headers`, ...)
 * and result; `asResponse` / `returnHeaders` change the result as better-call types them. A
 * plugin endpoint with a core endpoint's key (customSession's `getSession`) replaces it.
 */
export type AuthApi<Options extends BetterAuthOptions> =
	unknown extends PluginEndpoints<Options>
		? typeof coreEndpoints
		: Omit<typeof coreEndpoints, keyof PluginEndpoints<Options>> & PluginEndpoints<Options>;

export interface Auth<Options extends BetterAuthOptions = BetterAuthOptions> {
	handler: (request: Request) => Promise<Response>;
	/** The same as `handler`, for runtimes that call `fetch`. */
	fetch: (request: Request) => Promise<Response>;
	api: AuthApi<Options>;
	options: Options;
	$context: Promise<AuthContext>;
	$ERROR_CODES: Record<string, ErrorCode>;
	/** Type-only: `typeof auth.$Infer.Session`. */
	$Infer: InferTypes<Options>;
}

export function betterAuth<const Options extends BetterAuthOptions>(options: Options): Auth<Options> {
	// Configuration mistakes that need no I/O stop start-up here, synchronously.
	resolveSecret(options);
	const strategy = options.session?.cookieCache?.strategy;
	if (options.session?.cookieCache?.enabled && strategy && !["compact", "jwt", "jwe"].includes(strategy)) {
		throw new BetterAuthError(
			`session.cookieCache.strategy "${strategy}" is unknown; use "compact" (the default), "jwt" or "jwe".`,
		);
	}
	const tables = getAuthTables(options);
	const adapter = getAdapter(options, createLogger(options.logger));
	const endpoints = getEndpoints(options);
	const router = createRouter(endpoints);
	const $context = createAuthContext(options, { adapter, tables });
	// Unhandled until the first request or API call awaits it; start-up errors surface there.
	$context.catch(() => {});
	let hooks: Hooks | undefined;
	let limiter: ReturnType<typeof createRateLimiter> | undefined;
	const ready = async () => {
		const context = await $context;
		hooks ??= collectHooks(context);
		limiter ??= createRateLimiter(context);
		return context;
	};

	/**
	 * Per-request parts of the context: without a configured baseURL the request supplies its
	 * origin, and `trustedOrigins` may be a function of the request.
	 */
	const contextFor = async (request: Request): Promise<AuthContext> => {
		const context = await ready();
		const dynamicOrigins = typeof options.trustedOrigins === "function" ? await options.trustedOrigins(request) : null;
		if (context.baseURL && !dynamicOrigins) return context;
		const origin = new URL(request.url).origin;
		return {
			...context,
			baseURL: context.baseURL || `${origin}${context.basePath}`,
			trustedOrigins: [...(context.baseURL ? [] : [origin]), ...context.trustedOrigins, ...(dynamicOrigins ?? [])],
		};
	};

	const handler = createHandler({
		getContext: contextFor,
		router,
		hooks: () => hooks!,
		rateLimit: (request, path) => limiter!(request, path),
	});

	const api: Record<string, ApiCall> = {};
	for (const [key, endpoint] of Object.entries(endpoints)) {
		api[key] = async (input = {}) => {
			const context = input.request ? await contextFor(input.request) : await ready();
			const result = await runEndpoint(context, hooks!, endpoint, input);
			if (input.asResponse) return toResponse(result.data, result.error, result.headers);
			if (result.error) throw result.error as APIError;
			if (input.returnHeaders) return { headers: result.headers, response: result.data };
			return result.data;
		};
	}

	const errorCodes: Record<string, ErrorCode> = { ...BASE_ERROR_CODES };
	for (const plugin of (options.plugins ?? []) as unknown as BetterAuthPlugin[])
		Object.assign(errorCodes, plugin.$ERROR_CODES);

	return {
		handler,
		fetch: handler,
		api: api as unknown as AuthApi<Options>,
		options,
		$context,
		$ERROR_CODES: errorCodes,
		$Infer: {} as InferTypes<Options>,
	};
}
