import { once } from "node:events";
import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { getTestInstance } from "../test";
import { fromNodeHeaders, toNodeHandler } from "./node";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(listener: Listener): Promise<string> {
	const server = createServer(listener);
	servers.push(server);
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Raw node client: the response's Set-Cookie header lines exactly as they came over the wire. */
function rawGet(url: string): Promise<{ status: number; setCookie: string[] | undefined }> {
	return new Promise((resolve, reject) => {
		httpRequest(url, (res) => {
			res.resume();
			res.on("end", () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers["set-cookie"] }));
		})
			.on("error", reject)
			.end();
	});
}

describe("fromNodeHeaders", () => {
	it("keeps repeated headers and drops HTTP/2 pseudo-headers", () => {
		const headers = fromNodeHeaders({ "x-a": "1", "x-many": ["a", "b"], ":authority": "h", cookie: "c=1" });
		expect(headers.get("x-a")).toBe("1");
		expect(headers.get("x-many")).toBe("a, b");
		expect(headers.get("cookie")).toBe("c=1");
		// `new Headers()` would throw on them; nothing else is set.
		expect([...headers.keys()]).toEqual(["cookie", "x-a", "x-many"]);
	});
});

describe("toNodeHandler", () => {
	it("passes method, full URL, headers and body to the fetch handler", async () => {
		let seen: { method: string; url: string; header: string | null; body: string } | undefined;
		const base = await listen(
			toNodeHandler(async (request) => {
				seen = {
					method: request.method,
					url: request.url,
					header: request.headers.get("x-test"),
					body: await request.text(),
				};
				return Response.json({ ok: true }, { status: 201, headers: { "x-answer": "yes" } });
			}),
		);
		const response = await fetch(`${base}/api/auth/echo?x=1`, {
			method: "POST",
			headers: { "x-test": "hello", "content-type": "application/json" },
			body: JSON.stringify({ a: 1 }),
		});
		expect(response.status).toBe(201);
		expect(response.headers.get("x-answer")).toBe("yes");
		expect(await response.json()).toEqual({ ok: true });
		expect(seen).toEqual({
			method: "POST",
			url: `${base}/api/auth/echo?x=1`,
			header: "hello",
			body: '{"a":1}',
		});
	});

	it("takes the protocol from X-Forwarded-Proto (behind a TLS-terminating proxy)", async () => {
		let seenURL = "";
		const base = await listen(
			toNodeHandler(async (request) => {
				seenURL = request.url;
				return new Response(null, { status: 204 });
			}),
		);
		await fetch(`${base}/api/auth/ok`, { headers: { "x-forwarded-proto": "https, http" } });
		expect(seenURL).toBe(`${base.replace("http:", "https:")}/api/auth/ok`);
	});

	it("keeps several Set-Cookie headers apart", async () => {
		const base = await listen(
			toNodeHandler(async () => {
				const headers = new Headers();
				headers.append("set-cookie", "a=1; Path=/; HttpOnly; Expires=Wed, 21 Oct 2099 07:28:00 GMT");
				headers.append("set-cookie", "b=2; Path=/; SameSite=Lax");
				return new Response(null, { status: 204, headers });
			}),
		);
		const { status, setCookie } = await rawGet(`${base}/api/auth/cookies`);
		expect(status).toBe(204);
		// Joined with a comma they would break on the comma inside `Expires`.
		expect(setCookie).toEqual([
			"a=1; Path=/; HttpOnly; Expires=Wed, 21 Oct 2099 07:28:00 GMT",
			"b=2; Path=/; SameSite=Lax",
		]);
	});

	it("streams the request body to the handler as it arrives", async () => {
		let firstChunk: (chunk: string) => void = () => {};
		const gotFirstChunk = new Promise<string>((resolve) => {
			firstChunk = resolve;
		});
		const base = await listen(
			toNodeHandler(async (request) => {
				const reader = request.body!.getReader();
				const decoder = new TextDecoder();
				let text = "";
				for (;;) {
					const { done, value } = await reader.read();
					if (done) break;
					if (!text) firstChunk(decoder.decode(value));
					text += decoder.decode(value);
				}
				return new Response(text);
			}),
		);
		let sendRest: () => void = () => {};
		const restSent = new Promise<void>((resolve) => {
			sendRest = resolve;
		});
		const body = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(new TextEncoder().encode("first;"));
				await restSent;
				controller.enqueue(new TextEncoder().encode("second"));
				controller.close();
			},
		});
		const pending = fetch(`${base}/api/auth/upload`, { method: "POST", body, duplex: "half" } as RequestInit);
		// The handler sees the first chunk while the client is still holding back the rest.
		expect(await gotFirstChunk).toBe("first;");
		sendRest();
		expect(await (await pending).text()).toBe("first;second");
	});

	it("streams the response body as the handler produces it", async () => {
		let release: () => void = () => {};
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		const base = await listen(
			toNodeHandler(async () => {
				const stream = new ReadableStream<Uint8Array>({
					async start(controller) {
						controller.enqueue(new TextEncoder().encode("head;"));
						await released;
						controller.enqueue(new TextEncoder().encode("tail"));
						controller.close();
					},
				});
				return new Response(stream, { headers: { "content-type": "text/plain" } });
			}),
		);
		const response = await fetch(`${base}/stream`);
		const reader = response.body!.getReader();
		const decoder = new TextDecoder();
		// The first chunk arrives before the handler has finished its body.
		expect(decoder.decode((await reader.read()).value)).toBe("head;");
		release();
		let rest = "";
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			rest += decoder.decode(value);
		}
		expect(rest).toBe("tail");
	});

	it("uses the full path when mounted under a prefix that strips req.url (Express app.use)", async () => {
		let seenURL = "";
		const handler = toNodeHandler(async (request) => {
			seenURL = request.url;
			return new Response("ok");
		});
		const base = await listen((req, res) => {
			// What Express and connect do for `app.use("/api/auth", handler)`.
			const mounted = Object.assign(req, { originalUrl: req.url });
			mounted.url = (req.url ?? "/").slice("/api/auth".length) || "/";
			void handler(mounted, res);
		});
		expect(await (await fetch(`${base}/api/auth/get-session?x=1`)).text()).toBe("ok");
		expect(seenURL).toBe(`${base}/api/auth/get-session?x=1`);
	});

	it("uses req.body when a body parser already read the stream (JSON and form)", async () => {
		const seen: { type: string | null; body: string }[] = [];
		const handler = toNodeHandler(async (request) => {
			seen.push({ type: request.headers.get("content-type"), body: await request.text() });
			return new Response("ok");
		});
		const base = await listen(async (req, res) => {
			let raw = "";
			for await (const chunk of req) raw += chunk;
			const type = req.headers["content-type"] ?? "";
			const parsed = type.includes("json") ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
			void handler(Object.assign(req, { body: parsed }), res);
		});
		await fetch(`${base}/json`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ email: "a@b.c" }),
		});
		await fetch(`${base}/form`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "email=a%40b.c&name=A+B",
		});
		expect(seen).toEqual([
			{ type: "application/json", body: '{"email":"a@b.c"}' },
			{ type: "application/x-www-form-urlencoded", body: "email=a%40b.c&name=A+B" },
		]);
	});

	it("answers 500 when the handler throws", async () => {
		const errors: unknown[] = [];
		const original = console.error;
		console.error = (...args: unknown[]) => errors.push(args);
		try {
			const base = await listen(
				toNodeHandler(async () => {
					throw new Error("boom");
				}),
			);
			const response = await fetch(`${base}/x`);
			expect(response.status).toBe(500);
			expect(await response.json()).toEqual({ message: "Internal Server Error" });
			expect(errors).toHaveLength(1);
		} finally {
			console.error = original;
		}
	});

	it("signs up, reads the session and signs out over node http with an auth instance", async () => {
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true } });
		const base = await listen(toNodeHandler(auth));
		const origin = "http://localhost:3000";
		const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin },
			body: JSON.stringify({ email: "node@example.com", password: "password1234", name: "Node" }),
		});
		expect(signUp.status).toBe(200);
		const cookie = signUp.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; ");
		expect(cookie).toContain("better-auth.session_token=");
		const session = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
		expect((await session.json()).user.email).toBe("node@example.com");
		const signOut = await fetch(`${base}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin } });
		expect(signOut.status).toBe(200);
		const after = await fetch(`${base}/api/auth/get-session`, { headers: { cookie } });
		expect(await after.json()).toBeNull();
	});
});
