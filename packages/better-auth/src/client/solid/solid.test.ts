// @vitest-environment jsdom
import { cleanup, render, screen } from "@solidjs/testing-library";
import type { JSX } from "solid-js";
import h from "solid-js/h";
import { afterEach, describe, it } from "vitest";
import { describeSession, runSessionScenario } from "../session-scenario";
import { createAuthClient, type SolidAuthClient } from "./index";

afterEach(cleanup);

function Session(props: { client: SolidAuthClient; onRefetch: (refetch: () => Promise<void>) => void }) {
	const session = props.client.useSession();
	props.onRefetch(() => session().refetch());
	return h("p", { "data-testid": "session" }, () => describeSession(session()));
}

describe("better-auth/solid", () => {
	it("useSession: an accessor shared by every component, follows sign-up, update, errors and sign-out", async () => {
		let refetch: () => Promise<void> = async () => {};
		const onRefetch = (next: () => Promise<void>) => {
			refetch = next;
		};
		await runSessionScenario({
			createClient: (options) => createAuthClient(options),
			mount: (client: SolidAuthClient, count) => {
				// solid-js/h returns thunks; the renderer accepts them as children.
				const children = Array.from({ length: count }, () => h(Session, { client, onRefetch }));
				render(() => h("div", {}, ...children) as unknown as JSX.Element);
			},
			texts: () => screen.queryAllByTestId("session").map((element) => element.textContent ?? ""),
			refetch: () => refetch(),
		});
	});
});
