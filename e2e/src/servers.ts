/**
 * The framework servers, each mounting the auth handler the way its Better Auth docs page
 * shows, on 127.0.0.1 and a port picked for it.
 */
import { once } from "node:events";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { serve } from "@hono/node-server";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { createE2EAuth, type E2EAuth } from "./auth";

export interface RunningServer {
	url: string;
	auth: E2EAuth;
	close: () => Promise<void>;
}

/** A free port on 127.0.0.1: the server must know its URL (the auth `baseURL`) before it starts. */
export async function freePort(): Promise<number> {
	const probe = createNetServer();
	probe.listen(0, "127.0.0.1");
	await once(probe, "listening");
	const { port } = probe.address() as { port: number };
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

async function closeServer(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
}

async function prepare() {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	return { port, url, ...(await createE2EAuth(url)) };
}

/** Express 5: the catch-all auth route first, `express.json()` after it, as the docs warn. */
export async function startExpress(options: { jsonParserFirst?: boolean } = {}): Promise<RunningServer> {
	const { port, url, auth, close } = await prepare();
	const app = express();
	// Not what the docs recommend, but it must not break: the handler falls back to `req.body`.
	if (options.jsonParserFirst) app.use(express.json());
	app.all("/api/auth/*splat", toNodeHandler(auth));
	app.use(express.json());
	app.get("/api/me", async (req, res) => {
		const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });
		res.json(session);
	});
	app.post("/api/echo", (req, res) => {
		res.json({ received: req.body });
	});
	const server = app.listen(port, "127.0.0.1");
	await once(server, "listening");
	return {
		url,
		auth,
		close: async () => {
			await closeServer(server);
			close();
		},
	};
}

/** Fastify: a catch-all route converting the request to a web Request, as the docs show. */
export async function startFastify(): Promise<RunningServer> {
	const { port, url, auth, close } = await prepare();
	const fastify = Fastify();
	fastify.route({
		method: ["GET", "POST"],
		url: "/api/auth/*",
		async handler(request, reply) {
			const requestURL = new URL(request.url, `http://${request.headers.host}`);
			const headers = new Headers();
			for (const [key, value] of Object.entries(request.headers)) {
				if (value) headers.append(key, value.toString());
			}
			const response = await auth.handler(
				new Request(requestURL, {
					method: request.method,
					headers,
					body: request.body ? JSON.stringify(request.body) : undefined,
				}),
			);
			reply.status(response.status);
			// `forEach` yields every Set-Cookie on its own; Fastify keeps repeated ones apart.
			response.headers.forEach((value, key) => {
				reply.header(key, value);
			});
			return reply.send(response.body ? await response.text() : null);
		},
	});
	await fastify.listen({ port, host: "127.0.0.1" });
	return {
		url,
		auth,
		close: async () => {
			await fastify.close();
			close();
		},
	};
}

/**
 * Fastify with `toNodeHandler`: a scope whose content-type parser leaves the body stream alone,
 * and a hijacked reply, so the node handler streams the request and writes the response itself.
 */
export async function startFastifyNodeHandler(): Promise<RunningServer> {
	const { port, url, auth, close } = await prepare();
	const fastify = Fastify();
	const handler = toNodeHandler(auth);
	await fastify.register(async (scope) => {
		scope.removeAllContentTypeParsers();
		scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
		scope.all("/api/auth/*", async (request, reply) => {
			reply.hijack();
			await handler(request.raw, reply.raw);
		});
	});
	await fastify.listen({ port, host: "127.0.0.1" });
	return {
		url,
		auth,
		close: async () => {
			await fastify.close();
			close();
		},
	};
}

/** Hono on @hono/node-server: `auth.handler(c.req.raw)`, as the docs show. */
export async function startHono(): Promise<RunningServer> {
	const { port, url, auth, close } = await prepare();
	const app = new Hono();
	app.on(["POST", "GET"], "/api/auth/*", (c) => auth.handler(c.req.raw));
	app.get("/", (c) => c.text("home"));
	const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }) as Server;
	if (!server.listening) await once(server, "listening");
	return {
		url,
		auth,
		close: async () => {
			await closeServer(server);
			close();
		},
	};
}

/** Plain node:http: `toNodeHandler(auth)` for the auth paths, the app for the rest. */
export async function startNodeHttp(): Promise<RunningServer> {
	const { port, url, auth, close } = await prepare();
	const authHandler = toNodeHandler(auth);
	const server = createHttpServer((req, res) => {
		if (req.url?.startsWith("/api/auth/")) {
			void authHandler(req, res);
			return;
		}
		res.writeHead(200, { "content-type": "text/plain" }).end("home");
	});
	server.listen(port, "127.0.0.1");
	await once(server, "listening");
	return {
		url,
		auth,
		close: async () => {
			await closeServer(server);
			close();
		},
	};
}
