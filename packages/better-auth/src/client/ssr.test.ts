/**
 * Importing and using the clients on a server (SSR): no browser globals at import, no requests
 * from subscribers, and direct calls work with the request's cookies.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRoot } from "solid-js";
import { get } from "svelte/store";
import { describe, expect, it, vi } from "vitest";
import { createSSRApp, h } from "vue";
import { renderToString as renderVue } from "vue/server-renderer";
import { createAuthClient } from "./index";
import { createAuthClient as createReactClient, type ReactAuthClient } from "./react";
import { createAuthClient as createSolidClient } from "./solid";
import { createAuthClient as createSvelteClient } from "./svelte";
import { createClientTestServer } from "./test-utils";
import { createAuthClient as createVueClient } from "./vue";

function ReactSession({ client }: { client: ReactAuthClient }) {
	const { isPending, data } = client.useSession();
	return createElement("p", null, isPending ? "loading" : (data?.user.name ?? "signed out"));
}

describe("clients on the server", () => {
	it("run without window or document", () => {
		expect(typeof window).toBe("undefined");
		expect(typeof document).toBe("undefined");
	});

	it("never fetch the session for subscribers; stay pending", async () => {
		const server = await createClientTestServer();
		const options = { baseURL: server.baseURL, fetchOptions: { customFetchImpl: server.customFetchImpl } };
		const vanilla = createAuthClient(options);
		const values: unknown[] = [];
		const stop = vanilla.useSession.subscribe((state) => values.push(state.isPending));
		expect(get(createSvelteClient(options).useSession())).toMatchObject({ isPending: true, data: null });
		createRoot((dispose) => {
			expect(createSolidClient(options).useSession()()).toMatchObject({ isPending: true });
			dispose();
		});
		createReactClient(options);
		createVueClient(options);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(values).toEqual([true]);
		expect(server.requests).toEqual([]);
		stop();
	});

	it("render React and Vue components with the pending state, without a request", async () => {
		const server = await createClientTestServer();
		const options = { baseURL: server.baseURL, fetchOptions: { customFetchImpl: server.customFetchImpl } };
		const react = createReactClient(options);
		expect(renderToString(createElement(ReactSession, { client: react }))).toBe("<p>loading</p>");

		const vue = createVueClient(options);
		const app = createSSRApp({
			setup() {
				// biome-ignore lint/correctness/useHookAtTopLevel: a Vue composable, called in setup as it must be.
				const session = vue.useSession();
				return () => h("p", session.value.isPending ? "loading" : "ready");
			},
		});
		expect(await renderVue(app)).toBe("<p>loading</p>");
		expect(server.requests).toEqual([]);
	});

	it("call endpoints with the incoming request's cookie", async () => {
		const server = await createClientTestServer();
		const { cookie } = await server.signUp({ name: "Server Side" });
		const client = createAuthClient({
			baseURL: server.baseURL,
			fetchOptions: { customFetchImpl: server.customFetchImpl },
		});
		server.jar.clear();
		const { data } = await client.getSession({ fetchOptions: { headers: { cookie } } });
		expect(data?.user.name).toBe("Server Side");
	});
});

describe("clients in React Native (no window or document, navigator.product)", () => {
	it("fetch the session for subscribers and refetch on the session signal", async () => {
		const server = await createClientTestServer();
		const calls: string[] = [];
		const client = createAuthClient({
			baseURL: server.baseURL,
			fetchOptions: {
				customFetchImpl: (input, init) => {
					calls.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
					return server.customFetchImpl(input, init);
				},
			},
		});
		const original = Object.getOwnPropertyDescriptor(globalThis, "navigator");
		Object.defineProperty(globalThis, "navigator", { value: { product: "ReactNative" }, configurable: true });
		try {
			const states: { isPending: boolean; data: unknown }[] = [];
			const stop = client.useSession.subscribe((state) => states.push(state));
			await vi.waitFor(() => expect(states.at(-1)).toMatchObject({ isPending: false, data: null }));
			expect(calls.filter((path) => path.endsWith("/get-session"))).toHaveLength(1);
			stop();
		} finally {
			if (original) Object.defineProperty(globalThis, "navigator", original);
			else Reflect.deleteProperty(globalThis, "navigator");
		}
	});
});
