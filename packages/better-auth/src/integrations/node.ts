/**
 * Node.js `http` integration: mounts `auth.handler` on a node server, Express, a Next.js pages API
 * route, or any framework that hands out `IncomingMessage`/`ServerResponse`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

type FetchHandler = (request: Request) => Promise<Response>;

/** A node request as frameworks hand it out: Express adds `originalUrl`, body parsers add `body`. */
type NodeRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** Converts node's incoming headers to a `Headers` object (repeated headers are appended). */
export function fromNodeHeaders(nodeHeaders: IncomingHttpHeaders): Headers {
	const headers = new Headers();
	for (const [key, value] of Object.entries(nodeHeaders)) {
		// HTTP/2 pseudo-headers (`:path`, `:authority`) are not valid header names.
		if (value === undefined || key.startsWith(":")) continue;
		if (Array.isArray(value)) {
			for (const item of value) headers.append(key, item);
		} else {
			headers.set(key, value);
		}
	}
	return headers;
}

function first(value: string | string[] | undefined): string | undefined {
	const item = Array.isArray(value) ? value[0] : value;
	return item?.split(",")[0].trim() || undefined;
}

function requestURL(req: NodeRequest): string {
	const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
	const protocol = first(req.headers["x-forwarded-proto"]) ?? (encrypted ? "https" : "http");
	const host = req.headers.host ?? first(req.headers[":authority"]) ?? "localhost";
	// Express (and connect-style routers) strip the mount prefix from `req.url`; `originalUrl`
	// keeps it, and the auth router matches on the full path under `basePath`.
	const path = req.originalUrl ?? req.url ?? "/";
	return `${protocol}://${host}${path}`;
}

/**
 * The body a parser that ran before us (`express.json()`, `express.urlencoded()`) left on
 * `req.body`, serialized again in the request's own content type.
 */
function reparsedBody(req: NodeRequest, headers: Headers): string | undefined {
	const parsed = req.body;
	if (parsed === undefined || parsed === null) return undefined;
	headers.delete("content-length");
	headers.delete("transfer-encoding");
	if (typeof parsed === "string") return parsed;
	if (parsed instanceof Uint8Array) return new TextDecoder().decode(parsed);
	const type = headers.get("content-type") ?? "";
	if (type.includes("application/x-www-form-urlencoded") && typeof parsed === "object") {
		return new URLSearchParams(parsed as Record<string, string>).toString();
	}
	return JSON.stringify(parsed);
}

/**
 * Builds a web `Request` from a node request. The body is streamed from the socket; when a body
 * parser already consumed the stream, its result on `req.body` is used instead.
 */
export function toWebRequest(req: IncomingMessage): Request {
	const nodeReq = req as NodeRequest;
	const method = (req.method ?? "GET").toUpperCase();
	const headers = fromNodeHeaders(req.headers);
	const hasBody = method !== "GET" && method !== "HEAD";
	let body: BodyInit | undefined;
	if (hasBody) {
		// `readableEnded`: someone read the stream to its end, so only their parsed result is left.
		body = req.readableEnded
			? reparsedBody(nodeReq, headers)
			: (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>);
	}
	return new Request(requestURL(nodeReq), {
		method,
		headers,
		body,
		// Required by undici for streamed bodies.
		duplex: body instanceof ReadableStream ? "half" : undefined,
	} as RequestInit);
}

/**
 * Writes a web `Response` to a node response: several Set-Cookie headers stay separate header
 * lines, and the body is piped with backpressure (and cancelled if the client disconnects).
 */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
	const headers: Record<string, string | string[]> = {};
	response.headers.forEach((value, key) => {
		if (key !== "set-cookie") headers[key] = value;
	});
	const cookies = response.headers.getSetCookie();
	if (cookies.length > 0) headers["set-cookie"] = cookies;
	if (response.statusText) res.writeHead(response.status, response.statusText, headers);
	else res.writeHead(response.status, headers);
	if (!response.body) {
		res.end();
		return;
	}
	await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
}

/**
 * A node request listener for an auth instance (or any fetch-style handler). Extra arguments
 * (Express's `next`) are ignored: the handler always answers.
 * @example
 * http.createServer(toNodeHandler(auth)).listen(3000);
 * app.all("/api/auth/*splat", toNodeHandler(auth)); // Express 5, before express.json()
 * export default toNodeHandler(auth.handler); // Next.js pages/api/auth/[...all].ts, bodyParser off
 */
export function toNodeHandler(auth: { handler: FetchHandler } | FetchHandler) {
	const handler = typeof auth === "function" ? auth : auth.handler;
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		let response: Response;
		try {
			response = await handler(toWebRequest(req));
		} catch (error) {
			console.error("[better-auth] node handler failed:", error);
			if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
			res.end(JSON.stringify({ message: "Internal Server Error" }));
			return;
		}
		try {
			await writeWebResponse(res, response);
		} catch {
			// The client disconnected while the body was streaming; `pipeline` has cleaned up.
			if (!res.destroyed) res.destroy();
		}
	};
}
