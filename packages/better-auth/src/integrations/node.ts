/**
 * Node.js `http` integration: mounts `auth.handler` on a node server, Express or any framework
 * that hands out `IncomingMessage`/`ServerResponse`.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

type FetchHandler = (request: Request) => Promise<Response>;

/** Converts node's incoming headers to a `Headers` object (repeated headers are joined). */
export function fromNodeHeaders(nodeHeaders: IncomingHttpHeaders): Headers {
	const headers = new Headers();
	for (const [key, value] of Object.entries(nodeHeaders)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) {
			for (const item of value) headers.append(key, item);
		} else {
			headers.set(key, value);
		}
	}
	return headers;
}

function requestURL(req: IncomingMessage): string {
	const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
	const forwardedProto = req.headers["x-forwarded-proto"];
	const protocol =
		typeof forwardedProto === "string" ? forwardedProto.split(",")[0].trim() : encrypted ? "https" : "http";
	const host = req.headers.host ?? "localhost";
	// Express strips the mount prefix from `req.url`; `originalUrl` keeps it.
	const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? "/";
	return `${protocol}://${host}${path}`;
}

/** Builds a web `Request` from a node request, streaming its body. */
export function toWebRequest(req: IncomingMessage): Request {
	const method = req.method ?? "GET";
	const hasBody = method !== "GET" && method !== "HEAD";
	const parsedBody = (req as { body?: unknown }).body;
	let body: BodyInit | undefined;
	if (hasBody) {
		// A body parser that ran before us (express.json()) has consumed the stream.
		if (parsedBody !== undefined && req.readableEnded) {
			body = typeof parsedBody === "string" ? parsedBody : JSON.stringify(parsedBody);
		} else {
			body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
		}
	}
	return new Request(requestURL(req), {
		method,
		headers: fromNodeHeaders(req.headers),
		body,
		// Required by undici for streamed bodies.
		duplex: hasBody ? "half" : undefined,
	} as RequestInit);
}

/** Writes a web `Response` to a node response, keeping several Set-Cookie headers apart. */
export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
	const headers: Record<string, string | string[]> = {};
	response.headers.forEach((value, key) => {
		if (key !== "set-cookie") headers[key] = value;
	});
	const cookies = response.headers.getSetCookie();
	if (cookies.length > 0) headers["set-cookie"] = cookies;
	res.writeHead(response.status, response.statusText, headers);
	if (!response.body) {
		res.end();
		return;
	}
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		res.write(value);
	}
	res.end();
}

/**
 * A node request listener for an auth instance (or any fetch-style handler).
 * @example
 * http.createServer(toNodeHandler(auth)).listen(3000);
 * app.all("/api/auth/*splat", toNodeHandler(auth)); // Express 5
 */
export function toNodeHandler(auth: { handler: FetchHandler } | FetchHandler) {
	const handler = typeof auth === "function" ? auth : auth.handler;
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		try {
			await writeWebResponse(res, await handler(toWebRequest(req)));
		} catch (error) {
			if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
			res.end(res.headersSent ? undefined : "{}");
			console.error("[better-auth] node handler failed:", error);
		}
	};
}
