/**
 * `auth.handler`: Request → Response. Plugin onRequest → route (exact) → disabled paths →
 * body parsing (JSON or form, size-limited) → plugin middlewares → endpoint with hooks →
 * plugin onResponse. Every failure is an HTTP answer with a code, never an unhandled throw.
 */
import type { AuthContext } from "@better-auth/core";
import { APIError } from "@better-auth/core/error";
import type { Middleware } from "better-call";
import type { createRouter } from "./router";
import { type Hooks, runEndpoint } from "./run-endpoint";

/** Bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;
const ALLOWED_MEDIA_TYPES = ["application/x-www-form-urlencoded", "application/json"];

function json(status: number, body: unknown, headers?: Headers): Response {
	const out = new Headers(headers);
	out.set("content-type", "application/json");
	return new Response(JSON.stringify(body), { status, headers: out });
}

/** Turns an endpoint's result or error into a Response. */
export function toResponse(data: unknown, error: APIError | undefined, headers: Headers): Response {
	if (error) {
		const status = error.statusCode;
		if (status >= 300 && status < 400) return new Response(null, { status, headers });
		return json(status, error.body ?? {}, headers);
	}
	if (data instanceof Response) {
		const merged = new Headers(data.headers);
		headers.forEach((value, key) => {
			if (key !== "set-cookie") merged.set(key, value);
		});
		for (const cookie of headers.getSetCookie()) merged.append("set-cookie", cookie);
		return new Response(data.body, { status: data.status, statusText: data.statusText, headers: merged });
	}
	if (data === undefined) return new Response(null, { status: 200, headers });
	return json(200, data, headers);
}

async function readBody(request: Request): Promise<{ body?: unknown; error?: Response }> {
	if (request.method === "GET" || request.method === "HEAD") return {};
	const length = Number(request.headers.get("content-length") ?? 0);
	if (length > MAX_BODY_BYTES) {
		return { error: json(413, { message: "Request body is too large", code: "PAYLOAD_TOO_LARGE" }) };
	}
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.byteLength > MAX_BODY_BYTES) {
		return { error: json(413, { message: "Request body is too large", code: "PAYLOAD_TOO_LARGE" }) };
	}
	if (bytes.byteLength === 0) return { body: undefined };
	const contentType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
	if (!ALLOWED_MEDIA_TYPES.includes(contentType)) {
		return {
			error: json(415, {
				message: `Content-Type "${contentType}" is not allowed. Allowed types: ${ALLOWED_MEDIA_TYPES.join(", ")}`,
				code: "UNSUPPORTED_MEDIA_TYPE",
			}),
		};
	}
	const text = new TextDecoder().decode(bytes);
	if (contentType === "application/json") {
		try {
			return { body: JSON.parse(text) };
		} catch {
			return { error: json(400, { message: "Invalid JSON in request body", code: "BAD_REQUEST" }) };
		}
	}
	return { body: Object.fromEntries(new URLSearchParams(text)) };
}

function matchesPath(pattern: string, path: string): boolean {
	if (pattern.endsWith("/*")) return path === pattern.slice(0, -2) || path.startsWith(pattern.slice(0, -1));
	if (pattern.endsWith("/**")) return path.startsWith(pattern.slice(0, -2));
	return pattern === path;
}

export function createHandler(deps: {
	getContext: (request: Request) => Promise<AuthContext>;
	router: ReturnType<typeof createRouter>;
	hooks: () => Hooks;
	rateLimit: (request: Request, path: string) => Promise<Response | null>;
}) {
	return async (incoming: Request): Promise<Response> => {
		const context = await deps.getContext(incoming);
		let request = incoming;
		for (const plugin of context.plugins) {
			const result = await plugin.onRequest?.(request, context);
			if (result && "response" in result) return result.response;
			if (result && "request" in result) request = result.request;
		}
		let response = await handle(context, request);
		for (const plugin of context.plugins) {
			const result = await plugin.onResponse?.(response, context);
			if (result?.response) response = result.response;
		}
		return response;
	};

	async function handle(context: AuthContext, request: Request): Promise<Response> {
		const url = new URL(request.url);
		const basePath = context.basePath === "/" ? "" : context.basePath;
		if (!url.pathname.startsWith(`${basePath}/`)) return new Response(null, { status: 404 });
		const path = url.pathname.slice(basePath.length);
		const match = deps.router.match(path);
		if (!match?.route.methods.has(request.method.toUpperCase())) {
			return new Response(null, { status: 404 });
		}
		if (context.options.disabledPaths?.includes(match.route.endpoint.path as string)) {
			return new Response("Not Found", { status: 404 });
		}
		try {
			const limited = await deps.rateLimit(request, match.route.endpoint.path as string);
			if (limited) return limited;
			const { body, error } = await readBody(request);
			if (error) return error;
			const input = {
				body,
				query: Object.fromEntries(url.searchParams),
				headers: request.headers,
				params: match.params,
				request,
			};
			for (const plugin of context.plugins) {
				for (const { path: pattern, middleware } of plugin.middlewares ?? []) {
					if (!matchesPath(pattern, path)) continue;
					const result = await (middleware as Middleware as unknown as (input: object) => Promise<unknown>)({
						...input,
						path,
						context,
					});
					if (result instanceof Response) return result;
				}
			}
			const result = await runEndpoint(context, deps.hooks(), match.route.endpoint, input);
			return toResponse(result.data, result.error, result.headers);
		} catch (error) {
			if (error instanceof APIError) return toResponse(undefined, error, new Headers(error.headers));
			context.logger.error("Unhandled error in endpoint", error);
			await context.options.onAPIError?.onError?.(error, context);
			if (context.options.onAPIError?.throw) throw error;
			return json(500, {});
		}
	}
}
