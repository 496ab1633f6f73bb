// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { createElement, Fragment } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthQueryState } from "../query-atom";
import { describeSession, runSessionScenario } from "../session-scenario";
import { createAuthClient, type ReactAuthClient } from "./index";

afterEach(cleanup);

interface SessionProps {
	client: ReactAuthClient;
	onState?: (state: AuthQueryState<unknown>) => void;
}

function Session({ client, onState }: SessionProps) {
	const state = client.useSession();
	onState?.(state);
	return createElement("p", { "data-testid": "session" }, describeSession(state));
}

describe("better-auth/react", () => {
	it("useSession: shared by every component, follows sign-up, update, errors and sign-out", async () => {
		let latest: AuthQueryState<unknown> | undefined;
		await runSessionScenario({
			createClient: (options) => createAuthClient(options),
			mount: (client: ReactAuthClient, count) => {
				const onState = (state: AuthQueryState<unknown>) => {
					latest = state;
				};
				const children = Array.from({ length: count }, (_, index) =>
					createElement(Session, { key: index, client, onState }),
				);
				render(createElement(Fragment, null, children));
			},
			texts: () => screen.queryAllByTestId("session").map((element) => element.textContent ?? ""),
			act: async (action) => {
				await act(async () => {
					await action();
				});
			},
			refetch: () => latest!.refetch(),
		});
	});

	it("re-renders only when the session value changes", async () => {
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: { customFetchImpl: async () => Response.json(null) },
		});
		const renders: string[] = [];
		const onState = (state: AuthQueryState<unknown>) => {
			renders.push(describeSession(state as AuthQueryState<{ user: { name: string } }>));
		};
		render(createElement(Session, { client, onState }));
		await act(async () => {
			await new Promise((resolve) => setTimeout(resolve, 20));
		});
		expect(renders.at(-1)).toBe("signed out");
		// The initial state, the in-flight state, the answer: one render each at most.
		expect(renders.length).toBeLessThanOrEqual(3);
	});
});
