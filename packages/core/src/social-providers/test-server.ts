/**
 * Test-only: a fake for every provider's API on 127.0.0.1, and a `fetch` that sends each request
 * for a provider's real host there (path and query kept, the real host in `x-original-host`). So
 * a provider runs its real endpoints against the fake, and nothing leaves the machine.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import { vi } from "vitest";

export interface RecordedRequest {
	method: string;
	/** The provider host the request was meant for. */
	host: string;
	path: string;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: string;
	/** The body's parameters, form-encoded or JSON. */
	params: Record<string, string>;
}

export interface FakeAnswer {
	status?: number;
	body: unknown;
	headers?: Record<string, string>;
}

export type RouteHandler = (request: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

/** A route's answer: a JSON object or array, or a function of the request. */
export type Route = RouteHandler | Record<string, unknown> | unknown[];

export interface FakeProviderServer {
	requests: RecordedRequest[];
	/** Routes keyed `"METHOD host/path"`; token requests (a POST with `grant_type`) are answered apart. */
	routes: Map<string, Route>;
	/** What the token endpoint answers. */
	tokenResponse: Record<string, unknown>;
	/** When set, the token endpoint answers 400 with this OAuth error instead. */
	tokenError: { error: string; error_description: string } | null;
	/** The JWKS document publishing the fake's signing key. */
	jwks: { keys: JWK[] };
	/** Signs an RS256 JWT with the published key (or with a key nobody publishes). */
	sign: (claims: JWTPayload, options?: { expired?: boolean; foreignKey?: boolean }) => Promise<string>;
	/** Verifies a JWT against the published key; null when invalid. */
	verify: (token: string, audience: string) => Promise<JWTPayload | null>;
	/** The requests meant for `host` + `path`. */
	find: (method: string, hostAndPath: string) => RecordedRequest[];
	reset: () => void;
	close: () => Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of request) chunks.push(chunk as Uint8Array);
	return new TextDecoder().decode(Buffer.concat(chunks));
}

function parseParams(body: string, contentType: string): Record<string, string> {
	if (!body) return {};
	if (contentType.includes("json")) {
		try {
			return JSON.parse(body) as Record<string, string>;
		} catch {
			return {};
		}
	}
	return Object.fromEntries(new URLSearchParams(body));
}

export async function startFakeProviderServer(): Promise<FakeProviderServer> {
	const { privateKey, publicKey } = await generateKeyPair("RS256");
	const foreign = await generateKeyPair("RS256");
	const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "fake-key", alg: "RS256", use: "sig" };

	const fake: FakeProviderServer = {
		requests: [],
		routes: new Map(),
		tokenResponse: {},
		tokenError: null,
		jwks: { keys: [jwk] },
		sign: async (claims, options = {}) => {
			const now = Math.floor(Date.now() / 1000);
			const jwt = new SignJWT(claims)
				.setProtectedHeader({ alg: "RS256", kid: "fake-key" })
				.setIssuedAt(options.expired ? now - 7200 : now)
				.setExpirationTime(options.expired ? now - 3600 : now + 3600);
			return jwt.sign(options.foreignKey ? foreign.privateKey : privateKey);
		},
		verify: async (token, audience) => {
			try {
				return (await jwtVerify(token, publicKey, { audience })).payload;
			} catch {
				return null;
			}
		},
		find: (method, hostAndPath) =>
			fake.requests.filter((r) => r.method === method && `${r.host}${r.path}` === hostAndPath),
		reset: () => {
			fake.requests.length = 0;
			fake.routes.clear();
			fake.tokenResponse = {};
			fake.tokenError = null;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};

	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? "/", "http://127.0.0.1");
		const body = await readBody(req);
		const headers = Object.fromEntries(
			Object.entries(req.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(", ") : (value ?? "")]),
		);
		const recorded: RecordedRequest = {
			method: req.method ?? "GET",
			host: headers["x-original-host"] ?? "127.0.0.1",
			path: url.pathname,
			query: url.searchParams,
			headers,
			body,
			params: parseParams(body, headers["content-type"] ?? ""),
		};
		fake.requests.push(recorded);

		let answer: FakeAnswer;
		if (recorded.method === "POST" && recorded.params.grant_type) {
			answer = fake.tokenError ? { status: 400, body: fake.tokenError } : { body: fake.tokenResponse };
		} else {
			const route = fake.routes.get(`${recorded.method} ${recorded.host}${recorded.path}`);
			if (route === undefined) answer = { status: 404, body: { error: "not_found" } };
			else if (typeof route === "function") answer = await route(recorded);
			else answer = { body: route };
		}
		const isBytes = answer.body instanceof Uint8Array;
		res.writeHead(answer.status ?? 200, {
			"content-type": isBytes ? "application/octet-stream" : "application/json",
			...answer.headers,
		});
		res.end(isBytes ? answer.body : JSON.stringify(answer.body));
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	// Every request for another host goes to the fake instead.
	const realFetch = globalThis.fetch;
	vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
		const request = new Request(input, init);
		const url = new URL(request.url);
		if (url.hostname === "127.0.0.1") return realFetch(request);
		const headers = new Headers(request.headers);
		headers.set("x-original-host", url.host);
		const hasBody = request.method !== "GET" && request.method !== "HEAD";
		return realFetch(`${base}${url.pathname}${url.search}`, {
			method: request.method,
			headers,
			body: hasBody ? await request.arrayBuffer() : undefined,
			signal: request.signal,
		});
	});
	const close = fake.close;
	fake.close = async () => {
		vi.unstubAllGlobals();
		await close();
	};
	return fake;
}
