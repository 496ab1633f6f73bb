import { afterEach, describe, expect, it, vi } from "vitest";
import { getTestInstance } from "../test";
import { tanstackStartCookies } from "./tanstack-start";
import { tanstackStartCookies as solidTanstackStartCookies } from "./tanstack-start-solid";

const reactSetCookie = vi.fn();
const solidSetCookie = vi.fn();

// Neither framework is a dependency of this package: the plugins' dynamic imports get these.
vi.mock("@tanstack/react-start/server", () => ({ setCookie: reactSetCookie }));
vi.mock("@tanstack/solid-start/server", () => ({ setCookie: solidSetCookie }));

afterEach(() => {
	reactSetCookie.mockReset();
	solidSetCookie.mockReset();
});

const user = { email: "tanstack@example.com", password: "password1234", name: "TanStack" };

describe.each([
	["react", tanstackStartCookies, reactSetCookie, "tanstack-start-cookies"],
	["solid", solidTanstackStartCookies, solidSetCookie, "tanstack-start-cookies-solid"],
] as const)("tanstackStartCookies (%s)", (_name, plugin, setCookie, id) => {
	it(`has the id ${id}`, () => {
		expect(plugin().id).toBe(id);
	});

	it("writes an auth.api call's cookies with setCookie", async () => {
		const { auth } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [plugin()] });
		await auth.api.signUpEmail({ body: user });
		expect(setCookie).toHaveBeenCalledWith(
			"better-auth.session_token",
			expect.any(String),
			expect.objectContaining({ path: "/", httpOnly: true, sameSite: "lax" }),
		);
	});

	it("does nothing over HTTP, and lets calls succeed outside a request (setCookie throws)", async () => {
		setCookie.mockImplementation(() => {
			throw new Error("No StartEvent found in AsyncLocalStorage");
		});
		const { auth, signUp } = await getTestInstance({ emailAndPassword: { enabled: true }, plugins: [plugin()] });
		const result = await auth.api.signUpEmail({ body: user });
		expect(result.user.email).toBe(user.email);
		expect(setCookie).toHaveBeenCalled();
		setCookie.mockClear();
		const { response } = await signUp({ email: "http@example.com", password: "password1234", name: "H" });
		expect(response.status).toBe(200);
		expect(setCookie).not.toHaveBeenCalled();
	});
});
