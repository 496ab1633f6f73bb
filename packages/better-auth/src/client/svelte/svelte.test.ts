// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, describe, it } from "vitest";
import type { AuthQueryState } from "../query-atom";
import { runSessionScenario } from "../session-scenario";
import { createAuthClient, type SvelteAuthClient } from "./index";
import Session from "./Session.svelte";

afterEach(cleanup);

describe("better-auth/svelte", () => {
	it("useSession: a store shared by every component, follows sign-up, update, errors and sign-out", async () => {
		let latest: AuthQueryState<unknown> | undefined;
		await runSessionScenario({
			createClient: (options) => createAuthClient(options),
			mount: (client: SvelteAuthClient, count) => {
				for (let index = 0; index < count; index++) {
					render(Session, { client, onState: (state: AuthQueryState<unknown>) => (latest = state) });
				}
			},
			texts: () => screen.queryAllByTestId("session").map((element) => element.textContent ?? ""),
			refetch: () => latest!.refetch(),
		});
	});
});
