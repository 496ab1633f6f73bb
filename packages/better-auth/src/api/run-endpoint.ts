/**
 * Runs one endpoint with its hooks — the same path for `auth.handler` and `auth.api.*`:
 * before hooks (may change the input, answer early or throw) → endpoint → after hooks (see
 * `ctx.context.returned`, may replace the answer). Cookies and headers from every step are kept.
 */
import type { AuthContext, AuthHook } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import type { Endpoint, Middleware } from "better-call";
import { runWithEndpointContext } from "../context/request-state";

export interface CallInput {
	body?: unknown;
	query?: Record<string, unknown>;
	headers?: HeadersInit;
	params?: Record<string, string>;
	request?: Request;
}

export interface CallResult {
	/** The endpoint's data, or a Response it (or a hook) produced. */
	data: unknown;
	/** An APIError thrown by the endpoint or a hook. */
	error?: APIError;
	headers: Headers;
}

export interface Hooks {
	before: AuthHook[];
	after: AuthHook[];
}

/** Collects hooks once: the top-level `hooks` option first, then each plugin's, in order. */
export function collectHooks(context: AuthContext): Hooks {
	const hooks: Hooks = { before: [], after: [] };
	const top = context.options.hooks;
	if (top?.before) hooks.before.push({ matcher: () => true, handler: top.before as Middleware });
	if (top?.after) hooks.after.push({ matcher: () => true, handler: top.after as Middleware });
	for (const plugin of context.plugins) {
		hooks.before.push(...(plugin.hooks?.before ?? []));
		hooks.after.push(...(plugin.hooks?.after ?? []));
	}
	return hooks;
}

function mergeHeaders(target: Headers, source: Headers | undefined): void {
	if (!source) return;
	source.forEach((value, key) => {
		if (key === "set-cookie") return;
		target.set(key, value);
	});
	for (const cookie of source.getSetCookie()) target.append("set-cookie", cookie);
}

type HookCall = (input: Record<string, unknown>) => Promise<{ response: unknown; headers: Headers }>;

export async function runEndpoint(
	context: AuthContext,
	hooks: Hooks,
	endpoint: Endpoint,
	input: CallInput,
): Promise<CallResult> {
	const responseHeaders = new Headers();
	// `auth.api.x()` without headers on an endpoint that reads the caller's cookies is a mistake in
	// the caller's code: 400 as in better-auth 1.7, rather than a misleading 401.
	let headersGiven = input.headers !== undefined || input.request !== undefined;
	const call = {
		path: endpoint.path as string,
		method: input.request?.method ?? (Array.isArray(endpoint.options.method) ? "GET" : endpoint.options.method),
		body: input.body,
		query: input.query ?? {},
		headers: new Headers(input.headers),
		params: input.params ?? {},
		request: input.request,
		context: { ...context } as AuthContext & Record<string, unknown>,
	};

	for (const hook of hooks.before) {
		if (!hook.matcher(call as never)) continue;
		const { response, headers } = await (hook.handler as unknown as HookCall)({ ...call, returnHeaders: true });
		mergeHeaders(responseHeaders, headers);
		if (response instanceof Response) return { data: response, headers: responseHeaders };
		const change = (response as { context?: Record<string, unknown> } | undefined)?.context;
		if (change) {
			const { body, query, headers: newHeaders, params, ...rest } = change;
			if (body !== undefined) call.body = body;
			if (query !== undefined) call.query = query as Record<string, unknown>;
			if (newHeaders !== undefined) {
				call.headers = new Headers(newHeaders as HeadersInit);
				headersGiven = true;
			}
			if (params !== undefined) call.params = params as Record<string, string>;
			Object.assign(call.context, rest);
		}
	}

	let data: unknown;
	let error: APIError | undefined;
	try {
		if (endpoint.options.requireHeaders && !headersGiven) {
			throw new APIError("BAD_REQUEST", { message: "Headers is required", code: "VALIDATION_ERROR" });
		}
		const result = (await runWithEndpointContext(call, () =>
			(endpoint as unknown as HookCall)({ ...call, returnHeaders: true }),
		)) as { response: unknown; headers: Headers };
		data = result.response;
		mergeHeaders(responseHeaders, result.headers);
	} catch (thrown) {
		if (!(thrown instanceof APIError)) throw thrown;
		error = thrown;
		mergeHeaders(responseHeaders, new Headers(thrown.headers));
	}

	for (const hook of hooks.after) {
		if (!hook.matcher(call as never)) continue;
		const { response, headers } = await (hook.handler as unknown as HookCall)({
			...call,
			context: { ...call.context, returned: error ?? data, responseHeaders },
			returnHeaders: true,
		});
		mergeHeaders(responseHeaders, headers);
		if (response !== undefined && response !== null) {
			data = response;
			error = undefined;
		}
	}
	return { data, error, headers: responseHeaders };
}
