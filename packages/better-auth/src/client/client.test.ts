// @vitest-environment jsdom
import type { BetterAuthClientPlugin } from "@better-auth/core";
import { atom } from "nanostores";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthClient, createAuthQuery } from "./index";
import { FOCUS_REFETCH_COOLDOWN_MS } from "./session-atom";
import { createClientTestServer, eventually } from "./test-utils";

interface Recorded {
	method: string;
	url: string;
	body: unknown;
	headers: Headers;
	credentials?: RequestCredentials;
}

/** A client whose requests are recorded and answered with `answer` (no server). */
function recordingClient(answer: unknown = { ok: true }, options: Parameters<typeof createAuthClient>[0] = {}) {
	const recorded: Recorded[] = [];
	const client = createAuthClient({
		baseURL: "http://localhost:3000",
		...options,
		fetchOptions: {
			customFetchImpl: async (input, init) => {
				recorded.push({
					method: init?.method ?? "GET",
					url: String(input).replace("http://localhost:3000/api/auth", ""),
					body: init?.body ? JSON.parse(String(init.body)) : undefined,
					headers: new Headers(init?.headers as HeadersInit),
					credentials: init?.credentials,
				});
				return Response.json(answer);
			},
			...options.fetchOptions,
		},
	});
	return { client, recorded };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("calls", () => {
	it("maps properties to kebab-case paths; a body means POST, none means GET", async () => {
		const { client, recorded } = recordingClient();
		await client.signIn.email({ email: "a@example.com", password: "password123" });
		await client.listSessions();
		await client.getSession({ query: { disableCookieCache: true } });
		await client.verifyEmail({ query: { token: "t" } });
		await client.deleteUser.callback({ query: { token: "t" } });
		expect(recorded.map(({ method, url, body }) => [method, url, body])).toEqual([
			["POST", "/sign-in/email", { email: "a@example.com", password: "password123" }],
			["GET", "/list-sessions", undefined],
			["GET", "/get-session?disableCookieCache=true", undefined],
			["GET", "/verify-email?token=t", undefined],
			["GET", "/delete-user/callback?token=t", undefined],
		]);
		expect(recorded[0].credentials).toBe("include");
	});

	it("sends body-less POSTs for the endpoints that need them, and honours an explicit method", async () => {
		const { client, recorded } = recordingClient();
		await client.signOut();
		await client.revokeSessions();
		await client.revokeOtherSessions();
		await client.deleteUser();
		await client.updateUser({ name: "N" }, { method: "PATCH" });
		expect(recorded.map(({ method, url, body }) => [method, url, body])).toEqual([
			["POST", "/sign-out", {}],
			["POST", "/revoke-sessions", {}],
			["POST", "/revoke-other-sessions", {}],
			["POST", "/delete-user", {}],
			["PATCH", "/update-user", { name: "N" }],
		]);
	});

	it("takes fetch options as the second argument or inline, and never sends them as body", async () => {
		const { client, recorded } = recordingClient();
		const onSuccess = vi.fn();
		await client.signIn.email({ email: "a@example.com", password: "p" }, { headers: { "x-a": "1" }, onSuccess });
		await client.signIn.email({ email: "a@example.com", password: "p", fetchOptions: { headers: { "x-b": "2" } } });
		expect(recorded[0].headers.get("x-a")).toBe("1");
		expect(recorded[1].headers.get("x-b")).toBe("2");
		expect(recorded[1].body).toEqual({ email: "a@example.com", password: "p" });
		expect(onSuccess).toHaveBeenCalledOnce();
		expect(onSuccess.mock.calls[0][0].data).toEqual({ ok: true });
	});

	it("reaches paths no type knows (plugins without a client plugin)", async () => {
		const { client, recorded } = recordingClient();
		const untyped = client as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
		await untyped.twoFactor.verifyTotp({ code: "123456" });
		await untyped.myPlugin.helloWorld();
		expect(recorded.map(({ method, url }) => `${method} ${url}`)).toEqual([
			"POST /two-factor/verify-totp",
			"GET /my-plugin/hello-world",
		]);
	});

	it("gives the same function for the same path (stable in dependency arrays), and is not a thenable", async () => {
		const { client } = recordingClient();
		expect(client.signIn.email).toBe(client.signIn.email);
		expect((client as unknown as { then?: unknown }).then).toBeUndefined();
		expect((client.signIn as unknown as { then?: unknown }).then).toBeUndefined();
		const { signIn, signUp, useSession } = client;
		expect(typeof signIn.email).toBe("function");
		expect(typeof signUp.email).toBe("function");
		expect(typeof useSession.subscribe).toBe("function");
	});

	it("infers the base URL from the page in a browser", async () => {
		for (const name of ["BETTER_AUTH_URL", "NEXT_PUBLIC_BETTER_AUTH_URL", "PUBLIC_BETTER_AUTH_URL"])
			vi.stubEnv(name, "");
		const urls: string[] = [];
		const client = createAuthClient({
			basePath: "/auth",
			fetchOptions: {
				customFetchImpl: async (input) => {
					urls.push(String(input));
					return Response.json(null);
				},
			},
		});
		await client.getSession();
		expect(urls).toEqual([`${window.location.origin}/auth/get-session`]);
		vi.unstubAllEnvs();
	});

	it("revives ISO dates in responses", async () => {
		const { client } = recordingClient({ session: { expiresAt: "2030-01-02T03:04:05.000Z" }, user: { name: "x" } });
		const { data } = await client.getSession();
		expect(data?.session.expiresAt).toBeInstanceOf(Date);
		expect(data?.session.expiresAt.toISOString()).toBe("2030-01-02T03:04:05.000Z");
		expect(data?.user.name).toBe("x");
	});

	it("follows { url, redirect: true } answers in the browser unless default fetch plugins are off", async () => {
		const assign = vi.fn();
		const location = window.location;
		vi.spyOn(window, "location", "get").mockReturnValue({
			...location,
			origin: location.origin,
			set href(value: string) {
				assign(value);
			},
		} as unknown as Location);
		const answer = { url: "https://provider.example/authorize", redirect: true };
		await recordingClient(answer).client.signIn.social({ provider: "github" });
		expect(assign).toHaveBeenCalledWith("https://provider.example/authorize");
		assign.mockClear();
		await recordingClient(answer, { disableDefaultFetchPlugins: true }).client.signIn.social({ provider: "github" });
		expect(assign).not.toHaveBeenCalled();
	});
});

describe("against a real server", () => {
	async function setup(options: Parameters<typeof createAuthClient>[0] = {}) {
		const server = await createClientTestServer();
		const client = createAuthClient({
			baseURL: server.baseURL,
			...options,
			fetchOptions: { customFetchImpl: server.customFetchImpl, ...options.fetchOptions },
		});
		return { server, client };
	}

	it("returns { data, error } with the server's code, message and status", async () => {
		const { client } = await setup();
		const signUp = await client.signUp.email({ email: "a@example.com", password: "password1234", name: "A" });
		expect(signUp.error).toBeNull();
		expect(signUp.data?.user.email).toBe("a@example.com");
		expect(signUp.data?.user.createdAt).toBeInstanceOf(Date);
		const wrong = await client.signIn.email({ email: "a@example.com", password: "wrong-password" });
		expect(wrong.data).toBeNull();
		expect(wrong.error).toMatchObject({
			status: 401,
			statusText: "Unauthorized",
			code: "INVALID_EMAIL_OR_PASSWORD",
			message: client.$ERROR_CODES.INVALID_EMAIL_OR_PASSWORD.message,
		});
		const onError = vi.fn();
		const onRequest = vi.fn();
		const again = await client.signUp.email(
			{ email: "a@example.com", password: "password1234", name: "A" },
			{ onError, onRequest },
		);
		expect(again.error?.code).toBe(client.$ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL.code);
		expect(onRequest).toHaveBeenCalledOnce();
		expect(onError).toHaveBeenCalledOnce();
		expect(onError.mock.calls[0][0].error).toMatchObject({
			status: 422,
			code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
		});
		expect(onError.mock.calls[0][0].response.status).toBe(422);
	});

	it("throws instead when asked, per call or for the whole client", async () => {
		const { client } = await setup();
		const data = await client.signUp.email(
			{ email: "t@example.com", password: "password1234", name: "T" },
			{ throw: true },
		);
		expect(data.user.email).toBe("t@example.com");
		await expect(
			client.signIn.email({ email: "t@example.com", password: "nope-nope" }, { throw: true }),
		).rejects.toThrow();
		const throwing = await setup({ fetchOptions: { throw: true } });
		await expect(throwing.client.signIn.email({ email: "x@example.com", password: "nope-nope" })).rejects.toThrow();
	});

	it("keeps one session atom: fetched once for many subscribers, updated by sign-up, cleared by sign-out", async () => {
		const { client, server } = await setup();
		const seen: unknown[][] = [[], [], []];
		const unsubscribe = seen.map((values) => client.useSession.subscribe((state) => values.push(state.data)));
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		expect(server.count("/get-session")).toBe(1);
		expect(client.useSession.get()).toMatchObject({ data: null, error: null, isRefetching: false });

		await client.signUp.email({ email: "s@example.com", password: "password1234", name: "S" });
		await eventually(() => expect(client.useSession.get().data?.user.email).toBe("s@example.com"));
		expect(server.count("/get-session")).toBe(2);
		for (const values of seen) expect(values.at(-1)).toMatchObject({ user: { name: "S" } });

		await client.updateUser({ name: "Renamed" });
		await eventually(() => expect(client.useSession.get().data?.user.name).toBe("Renamed"));

		await client.signOut();
		await eventually(() => expect(client.useSession.get().data).toBeNull());
		expect(server.count("/get-session")).toBe(4);
		for (const stop of unsubscribe) stop();
	});

	it("does not refetch after a failed request, nor after one sent with disableSignal", async () => {
		const { client, server } = await setup();
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		await client.signIn.email({ email: "nobody@example.com", password: "password1234" });
		const signUp = { email: "quiet@example.com", password: "password1234", name: "Q" };
		const { error } = await client.signUp.email(signUp, { disableSignal: true });
		expect(error).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(server.count("/get-session")).toBe(1);
		expect(client.useSession.get().data).toBeNull();
	});

	it("coalesces refetches asked for while one is in flight into one follow-up request", async () => {
		const { client, server } = await setup();
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		const state = client.useSession.get();
		await Promise.all([state.refetch(), state.refetch(), state.refetch(), state.refetch()]);
		expect(server.count("/get-session")).toBe(3);
	});

	it("surfaces a failing get-session in error, and the next success clears it", async () => {
		const { client, server } = await setup();
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		await client.signUp.email({ email: "e@example.com", password: "password1234", name: "E" });
		await eventually(() => expect(client.useSession.get().data?.user.name).toBe("E"));
		// A real server-side failure: the session table is gone, get-session answers 500.
		server.database.exec("ALTER TABLE session RENAME TO session_gone");
		await client.useSession.get().refetch();
		expect(client.useSession.get()).toMatchObject({ data: null, error: { status: 500 }, isPending: false });
		server.database.exec("ALTER TABLE session_gone RENAME TO session");
		await client.useSession.get().refetch();
		expect(client.useSession.get()).toMatchObject({ data: { user: { name: "E" } }, error: null });
	});

	it("refetches when the tab regains focus (with a cooldown) and when the browser comes back online", async () => {
		const { client, server } = await setup();
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		const now = Date.now();
		const clock = vi.spyOn(Date, "now");
		clock.mockReturnValue(now + 1_000);
		window.dispatchEvent(new Event("focus"));
		document.dispatchEvent(new Event("visibilitychange"));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(server.count("/get-session")).toBe(1);

		clock.mockReturnValue(now + FOCUS_REFETCH_COOLDOWN_MS + 1_000);
		window.dispatchEvent(new Event("focus"));
		document.dispatchEvent(new Event("visibilitychange"));
		await eventually(() => expect(server.count("/get-session")).toBe(2));

		window.dispatchEvent(new Event("online"));
		await eventually(() => expect(server.count("/get-session")).toBe(3));
	});

	it("refetches on sessionOptions.refetchInterval while subscribed", async () => {
		vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
		try {
			const { client, server } = await setup({ sessionOptions: { refetchInterval: 60 } });
			const stop = client.useSession.subscribe(() => {});
			await eventually(() => expect(client.useSession.get().isPending).toBe(false));
			vi.advanceTimersByTime(60_000);
			await eventually(() => expect(server.count("/get-session")).toBe(2));
			vi.advanceTimersByTime(60_000);
			await eventually(() => expect(server.count("/get-session")).toBe(3));
			stop();
		} finally {
			vi.useRealTimers();
		}
	});

	it("skips focus refetches when refetchOnWindowFocus is off", async () => {
		const { client, server } = await setup({ sessionOptions: { refetchOnWindowFocus: false } });
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		vi.spyOn(Date, "now").mockReturnValue(Date.now() + 60_000);
		window.dispatchEvent(new Event("focus"));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(server.count("/get-session")).toBe(1);
	});

	it("$store.notify and $fetch: raw calls raise the same signals", async () => {
		const { client, server } = await setup();
		client.useSession.subscribe(() => {});
		await eventually(() => expect(client.useSession.get().isPending).toBe(false));
		client.$store.notify("$sessionSignal");
		await eventually(() => expect(server.count("/get-session")).toBe(2));
		const signals: unknown[] = [];
		client.$store.listen("$sessionSignal", (value) => signals.push(value));
		const { data } = await client.$fetch<{ token: string }>("/sign-up/email", {
			method: "POST",
			body: { email: "f@example.com", password: "password1234", name: "F" },
		});
		expect(data?.token).toEqual(expect.any(String));
		await eventually(() => expect(client.useSession.get().data?.user.email).toBe("f@example.com"));
		expect(signals).toHaveLength(1);
	});
});

describe("plugins", () => {
	it("add actions, atoms (as hooks), path methods, atom listeners, fetch plugins and error codes", async () => {
		const server = await createClientTestServer();
		const onRequest = vi.fn();
		const plugin = {
			id: "demo",
			getActions: ($fetch, $store) => ({
				demo: { greet: (name: string) => `hello ${name}`, refresh: () => $store.notify("$sessionSignal") },
				signIn: { demo: () => $fetch("/ok") },
			}),
			getAtoms: ($fetch) => {
				const $demoSignal = atom(false);
				return {
					counter: atom(0),
					$demoSignal,
					ok: createAuthQuery<{ ok: boolean }>($fetch, "/ok", { signals: [$demoSignal] }),
				};
			},
			pathMethods: { "/demo/ping": "POST" },
			atomListeners: [{ matcher: (path: string) => path === "/ok", signal: "$demoSignal" }],
			fetchPlugins: [{ id: "spy", name: "spy", hooks: { onRequest } }],
			$ERROR_CODES: { DEMO_FAILED: { code: "DEMO_FAILED", message: "Demo failed" } },
		} satisfies BetterAuthClientPlugin;
		const client = createAuthClient({
			baseURL: server.baseURL,
			plugins: [plugin],
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		expect(client.demo.greet("x")).toBe("hello x");
		expect(client.useCounter.get()).toBe(0);
		expect("use$demoSignal" in client).toBe(false);
		expect(client.$ERROR_CODES.DEMO_FAILED.message).toBe("Demo failed");
		expect(client.$ERROR_CODES.USER_NOT_FOUND.code).toBe("USER_NOT_FOUND");

		// A plugin query atom: fetched on subscribe, refetched by its signal (raised by a matching path).
		client.useOk.subscribe(() => {});
		await eventually(() => expect(client.useOk.get().data).toEqual({ ok: true }));
		expect(server.count("/ok")).toBe(1);
		const demoSignal = vi.fn();
		client.$store.listen("$demoSignal", demoSignal);
		const { data } = await client.signIn.demo();
		expect(data).toEqual({ ok: true });
		expect(demoSignal).toHaveBeenCalledOnce();
		// The action's own /ok call, then the query's refetch.
		await eventually(() => expect(server.count("/ok")).toBe(3));
		expect(onRequest).toHaveBeenCalled();

		await (client as unknown as { demo: { ping: () => Promise<unknown> } }).demo.ping();
		expect(server.requests.at(-1)).toEqual({ method: "POST", path: "/demo/ping" });
	});
});
