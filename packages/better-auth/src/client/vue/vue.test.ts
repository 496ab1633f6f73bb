// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/vue";
import { afterEach, describe, it } from "vitest";
import { defineComponent, Fragment, h } from "vue";
import { describeSession, runSessionScenario } from "../session-scenario";
import { createAuthClient, type VueAuthClient } from "./index";

afterEach(cleanup);

describe("better-auth/vue", () => {
	it("useSession: shared by every component, follows sign-up, update, errors and sign-out", async () => {
		let refetch: () => Promise<void> = async () => {};
		await runSessionScenario({
			createClient: (options) => createAuthClient(options),
			mount: (client: VueAuthClient, count) => {
				const Session = defineComponent({
					setup() {
						// biome-ignore lint/correctness/useHookAtTopLevel: a Vue composable, called in setup as it must be.
						const session = client.useSession();
						refetch = () => session.value.refetch();
						return () => h("p", { "data-testid": "session" }, describeSession(session.value));
					},
				});
				render(
					defineComponent({
						render: () =>
							h(
								Fragment,
								Array.from({ length: count }, () => h(Session)),
							),
					}),
				);
			},
			texts: () => screen.queryAllByTestId("session").map((element) => element.textContent ?? ""),
			refetch: () => refetch(),
		});
	});
});
