/**
 * The scenario every framework binding runs in its own runtime: several components show
 * `useSession()` while a real server signs a user up, renames them, signs them out and fails.
 */
import { expect } from "vitest";
import type { AuthQueryState } from "./query-atom";
import { createClientTestServer, eventually } from "./test-utils";

/** What each test component renders for the session state. */
export function describeSession(state: AuthQueryState<{ user: { name: string } }>): string {
	if (state.isPending) return "loading";
	if (state.error) return `error ${state.error.status}`;
	return state.data ? `signed in as ${state.data.user.name}` : "signed out";
}

/** The parts of a client the scenario drives. */
interface ScenarioClient {
	signUp: { email: (body: { email: string; password: string; name: string }) => Promise<unknown> };
	updateUser: (body: { name: string }) => Promise<unknown>;
	signOut: () => Promise<unknown>;
}

export interface ScenarioBinding<Client extends ScenarioClient> {
	/** Creates the framework's client with the given options. */
	createClient: (options: {
		baseURL: string;
		fetchOptions: { customFetchImpl: (input: string | URL | Request, init?: RequestInit) => Promise<Response> };
	}) => Client;
	/** Mounts `count` components that each render `describeSession(useSession())` in a `[data-testid=session]`. */
	mount: (client: Client, count: number) => void;
	/** The text of every mounted component, in order. */
	texts: () => string[];
	/** Runs an action the way the framework's tests should (React wraps it in `act`). */
	act?: (action: () => Promise<unknown>) => Promise<void>;
	/** Asks the binding's session value to refetch (through the framework's own value). */
	refetch: () => Promise<void>;
}

const SUBSCRIBERS = 4;

/** Runs the scenario. */
export async function runSessionScenario<Client extends ScenarioClient>(binding: ScenarioBinding<Client>) {
	const server = await createClientTestServer();
	const client = binding.createClient({
		baseURL: server.baseURL,
		fetchOptions: { customFetchImpl: server.customFetchImpl },
	});
	const act = binding.act ?? (async (action: () => Promise<unknown>) => void (await action()));
	const allShow = (text: string) => eventually(() => expect(binding.texts()).toEqual(Array(SUBSCRIBERS).fill(text)));

	binding.mount(client, SUBSCRIBERS);
	await allShow("signed out");
	// Many subscribers, one request.
	expect(server.count("/get-session")).toBe(1);

	await act(() => client.signUp.email({ email: "ada@example.com", password: "password1234", name: "Ada" }));
	await allShow("signed in as Ada");
	expect(server.count("/get-session")).toBe(2);

	await act(() => client.updateUser({ name: "Ada L." }));
	await allShow("signed in as Ada L.");

	// A real server-side failure: get-session answers 500 while the session table is gone.
	server.database.exec("ALTER TABLE session RENAME TO session_gone");
	await act(binding.refetch);
	await allShow("error 500");
	server.database.exec("ALTER TABLE session_gone RENAME TO session");
	await act(binding.refetch);
	await allShow("signed in as Ada L.");

	await act(() => client.signOut());
	await allShow("signed out");
	expect(server.count("/get-session")).toBe(6);
}
