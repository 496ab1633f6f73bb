/**
 * For client tests: a real `betterAuth()` (in-memory SQLite) reached through the client's
 * `customFetchImpl`, with a cookie jar standing in for the browser's and a log of requests.
 */
import { STATUS_CODES } from "node:http";
import type { BetterAuthOptions } from "@better-auth/core";
import { getTestInstance, TEST_BASE_URL } from "../test";

export interface LoggedRequest {
	method: string;
	path: string;
}

type TestInstance = Awaited<ReturnType<typeof getTestInstance>>;

/** A test instance plus what a client needs to reach it. */
export interface ClientTestServer extends TestInstance {
	/** The browser's cookies: name → value. */
	jar: Map<string, string>;
	/** Every request the client made, in order. */
	requests: LoggedRequest[];
	/** Requests to `path` so far. */
	count: (path: string) => number;
	customFetchImpl: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
	baseURL: string;
}

/** A server plus the fetch a client uses to reach it. `requests` lists every call, in order. */
export async function createClientTestServer(options: BetterAuthOptions = {}): Promise<ClientTestServer> {
	const instance = await getTestInstance<BetterAuthOptions>({ emailAndPassword: { enabled: true }, ...options });
	const jar = new Map<string, string>();
	const requests: LoggedRequest[] = [];

	/** `fetch` as the browser would do it: same-origin `Origin`, cookies sent and stored. */
	const customFetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const url = new URL(input instanceof Request ? input.url : String(input), TEST_BASE_URL);
		const method = init?.method ?? "GET";
		const headers = new Headers(init?.headers as HeadersInit | undefined);
		headers.set("origin", TEST_BASE_URL);
		if (jar.size > 0) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
		requests.push({ method, path: url.pathname.replace("/api/auth", "") });
		const response = await instance.auth.handler(
			new Request(url, { method, headers, body: method === "GET" ? undefined : (init?.body as BodyInit) }),
		);
		for (const cookie of response.headers.getSetCookie()) {
			const [pair, ...attributes] = cookie.split(";");
			const index = pair.indexOf("=");
			const name = pair.slice(0, index).trim();
			const value = pair.slice(index + 1).trim();
			const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
			if (expired || value === "") jar.delete(name);
			else jar.set(name, value);
		}
		// As over HTTP: the status line carries the reason phrase.
		return new Response(response.body, {
			status: response.status,
			statusText: response.statusText || STATUS_CODES[response.status],
			headers: response.headers,
		});
	};

	const count = (path: string) => requests.filter((request) => request.path === path).length;

	return { ...instance, jar, requests, count, customFetchImpl, baseURL: TEST_BASE_URL };
}

/** Resolves once `check` passes (polling), or rejects with its last error after `timeout` ms. */
export async function eventually(check: () => void, timeout = 2_000): Promise<void> {
	const start = Date.now();
	for (;;) {
		try {
			check();
			return;
		} catch (error) {
			if (Date.now() - start > timeout) throw error;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}
}
