import type { BetterAuthOptions } from "@better-auth/core";
import { describe, expect, it } from "vitest";
import { getTestInstance } from "../../test";
import { multiSession } from "./index";
import type { MultiSessionOptions } from "./types";

const password = "password123";
const SESSION = "better-auth.session_token";

/** A browser: a cookie jar that every request sends and every answer updates. */
async function setup(options: MultiSessionOptions = {}, extra: Partial<BetterAuthOptions> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [multiSession(options)],
	});
	const jar = new Map<string, string>();
	const store = (response: Response) => {
		for (const cookie of response.headers.getSetCookie()) {
			const [pair, ...attributes] = cookie.split(";");
			const index = pair.indexOf("=");
			const name = pair.slice(0, index);
			const value = pair.slice(index + 1);
			if (value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) jar.delete(name);
			else jar.set(name, value);
		}
		return response;
	};
	const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
	const send = async (path: string, init: { body?: unknown; method?: string; headers?: Record<string, string> } = {}) =>
		store(await instance.request(path, { ...init, cookie: cookie() }));
	/** Signs up (first time) or in as `email`; returns the session token. */
	const signIn = async (email: string, extra: Record<string, unknown> = {}) => {
		const known = instance.database.prepare("select 1 from user where email = ?").get(email);
		const response = known
			? await send("/sign-in/email", { body: { email, password, ...extra } })
			: await send("/sign-up/email", { body: { email, password, name: email, ...extra } });
		expect(response.status).toBe(200);
		return ((await response.json()) as { token: string }).token;
	};
	const multiNames = () => [...jar.keys()].filter((name) => name.includes("_multi-")).sort();
	const multiName = (token: string) => `${SESSION}_multi-${token.toLowerCase()}`;
	const sessionTokens = () =>
		(instance.database.prepare("select token from session order by createdAt").all() as { token: string }[]).map(
			(row) => row.token,
		);
	const active = async () =>
		((await (await send("/get-session")).json()) as { user: { email: string } } | null)?.user.email;
	return { ...instance, jar, send, signIn, multiNames, multiName, sessionTokens, active };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("multi-session: the _multi- cookies", () => {
	it("adds one per sign-in, named by the lowercased token, holding the signed token", async () => {
		const { signIn, jar, multiName, multiNames } = await setup();
		const a = await signIn("a@x.com");
		expect(multiNames()).toEqual([multiName(a)]);
		expect(jar.get(multiName(a))).toBe(jar.get(SESSION));
		const b = await signIn("b@x.com");
		expect(multiNames()).toEqual([multiName(a), multiName(b)].sort());
	});

	it("has the session cookie's attributes and lifetime, even for a browser-session login", async () => {
		const { request } = await setup();
		await request("/sign-up/email", { body: { email: "a@x.com", password, name: "A" } });
		const response = await request("/sign-in/email", { body: { email: "a@x.com", password, rememberMe: false } });
		const multi = response.headers.getSetCookie().find((cookie) => cookie.includes("_multi-")) as string;
		expect(multi).toMatch(/; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
	});

	it("uses the __Secure- session cookie name on https", async () => {
		const { request } = await setup(
			{},
			{ baseURL: "https://app.example.com", trustedOrigins: ["http://localhost:3000"] },
		);
		const response = await request("/sign-up/email", { body: { email: "a@x.com", password, name: "A" } });
		const names = response.headers.getSetCookie().map((cookie) => cookie.split("=")[0]);
		expect(names.some((name) => name.startsWith("__Secure-better-auth.session_token_multi-"))).toBe(true);
	});

	it("signing in again as the same user replaces that user's session", async () => {
		const { signIn, multiName, multiNames, sessionTokens } = await setup();
		const a1 = await signIn("a@x.com");
		const b = await signIn("b@x.com");
		const a2 = await signIn("a@x.com");
		expect(multiNames()).toEqual([multiName(b), multiName(a2)].sort());
		expect(sessionTokens()).toEqual([b, a2]);
		expect(sessionTokens()).not.toContain(a1);
	});

	it("stops adding at maximumSessions; the same user still replaces their own", async () => {
		const { signIn, multiName, multiNames, active } = await setup({ maximumSessions: 2 });
		const a = await signIn("a@x.com");
		const b = await signIn("b@x.com");
		await signIn("c@x.com");
		expect(multiNames()).toEqual([multiName(a), multiName(b)].sort());
		// The sign-in itself worked.
		expect(await active()).toBe("c@x.com");
		const a2 = await signIn("a@x.com");
		expect(multiNames()).toEqual([multiName(b), multiName(a2)].sort());
	});

	it("counts cookies that do not verify toward the limit", async () => {
		const { request } = await setup({ maximumSessions: 1 });
		const response = await request("/sign-up/email", {
			body: { email: "a@x.com", password, name: "A" },
			cookie: `${SESSION}_multi-junk=abc`,
		});
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie().some((cookie) => cookie.includes("_multi-"))).toBe(false);
	});

	it("a reissued cookie for a session already on the list adds nothing", async () => {
		const { signIn, send, multiNames } = await setup();
		await signIn("a@x.com");
		const before = multiNames();
		const response = await send("/update-user", { body: { name: "Renamed" } });
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie().some((cookie) => cookie.includes("_multi-"))).toBe(false);
		expect(multiNames()).toEqual(before);
	});

	it("refuses a maximumSessions below 1 at start-up", () => {
		expect(() => multiSession({ maximumSessions: 0 })).toThrow(/maximumSessions/);
		expect(() => multiSession({ maximumSessions: 1.5 })).toThrow(/maximumSessions/);
	});
});

describe("multi-session: GET /multi-session/list-device-sessions", () => {
	it("lists the device's sessions in cookie order, one per account", async () => {
		const { signIn, send, request, jar, multiName } = await setup();
		const a = await signIn("a@x.com");
		await signIn("b@x.com");
		const response = await send("/multi-session/list-device-sessions");
		expect(response.status).toBe(200);
		const list = (await response.json()) as { session: { token: string }; user: { email: string } }[];
		expect(list.map((entry) => entry.user.email)).toEqual(["a@x.com", "b@x.com"]);
		expect(list[0].session.token).toBe(a);

		// Two cookies for the same account (set by hand): the first one wins.
		const other = await request("/sign-in/email", { body: { email: "a@x.com", password } });
		const otherToken = ((await other.json()) as { token: string }).token;
		const otherCookie = other.headers.getSetCookie().find((cookie) => cookie.includes("_multi-")) as string;
		const cookie = `${otherCookie.split(";")[0]}; ${multiName(a)}=${jar.get(multiName(a))}`;
		const twice = (await (await request("/multi-session/list-device-sessions", { cookie })).json()) as {
			session: { token: string };
		}[];
		expect(twice.map((entry) => entry.session.token)).toEqual([otherToken]);
	});

	it("needs no session; leaves out forged cookies and ended sessions", async () => {
		const { signIn, send, request, database } = await setup();
		expect(await (await request("/multi-session/list-device-sessions")).json()).toEqual([]);
		expect(
			await (await request("/multi-session/list-device-sessions", { cookie: `${SESSION}_multi-x=x.forged` })).json(),
		).toEqual([]);
		await signIn("a@x.com");
		const b = await signIn("b@x.com");
		database
			.prepare("update session set expiresAt = ? where token = ?")
			.run(new Date(Date.now() - 1000).toISOString(), b);
		const list = (await (await send("/multi-session/list-device-sessions")).json()) as { user: { email: string } }[];
		expect(list.map((entry) => entry.user.email)).toEqual(["a@x.com"]);
	});

	it("leaves out user fields that are not returned", async () => {
		const { signIn, send } = await setup(
			{},
			{
				user: {
					additionalFields: { secret: { type: "string", required: false, returned: false, defaultValue: "s3cret" } },
				},
			},
		);
		await signIn("a@x.com");
		const [entry] = (await (await send("/multi-session/list-device-sessions")).json()) as {
			user: Record<string, unknown>;
		}[];
		expect(entry.user.email).toBe("a@x.com");
		expect(entry.user).not.toHaveProperty("secret");
	});

	it("works through auth.api", async () => {
		const { signIn, auth, jar } = await setup();
		await signIn("a@x.com");
		const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
		const list = await auth.api.listDeviceSessions({ headers: new Headers({ cookie }) });
		expect(list.map((entry) => entry.user.email)).toEqual(["a@x.com"]);
	});
});

describe("multi-session: POST /multi-session/set-active", () => {
	it("makes another device session the active one, whatever the token's case", async () => {
		const { signIn, send, active, jar, multiName } = await setup();
		const a = await signIn("a@x.com");
		const b = await signIn("b@x.com");
		const response = await send("/multi-session/set-active", { body: { sessionToken: a } });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ session: { token: a }, user: { email: "a@x.com" } });
		expect(await active()).toBe("a@x.com");
		expect(jar.get(SESSION)).toBe(jar.get(multiName(a)));
		await send("/multi-session/set-active", { body: { sessionToken: b.toUpperCase() } });
		expect(await active()).toBe("b@x.com");
	});

	it("works without an active session cookie", async () => {
		const { signIn, send, jar, active } = await setup();
		const a = await signIn("a@x.com");
		jar.delete(SESSION);
		expect((await send("/multi-session/set-active", { body: { sessionToken: a } })).status).toBe(200);
		expect(await active()).toBe("a@x.com");
	});

	it("refuses tokens not on this device, forged cookies and malformed bodies", async () => {
		const { signIn, send, request, jar, multiName } = await setup();
		const a = await signIn("a@x.com");
		await expectError(
			await send("/multi-session/set-active", { body: { sessionToken: "unknown" } }),
			401,
			"INVALID_SESSION_TOKEN",
		);
		// A token this browser never held (another browser's session).
		const elsewhere = await request("/sign-in/email", { body: { email: "a@x.com", password } });
		const foreign = ((await elsewhere.json()) as { token: string }).token;
		await expectError(
			await send("/multi-session/set-active", { body: { sessionToken: foreign } }),
			401,
			"INVALID_SESSION_TOKEN",
		);
		const forged = await request("/multi-session/set-active", {
			body: { sessionToken: a },
			cookie: `${multiName(a)}=${a}.forged`,
		});
		await expectError(forged, 401, "INVALID_SESSION_TOKEN");
		for (const body of [{}, { sessionToken: 5 }, { sessionToken: null }, [a]]) {
			await expectError(await send("/multi-session/set-active", { body }), 400, "VALIDATION_ERROR");
		}
		expect(jar.has(multiName(a))).toBe(true);
	});

	it("drops an ended session from the device with the refusal", async () => {
		const { signIn, send, jar, multiName, database } = await setup();
		const a = await signIn("a@x.com");
		await signIn("b@x.com");
		database.prepare("delete from session where token = ?").run(a);
		const response = await send("/multi-session/set-active", { body: { sessionToken: a } });
		await expectError(response, 401, "INVALID_SESSION_TOKEN");
		expect(jar.has(multiName(a))).toBe(false);
	});

	it("refuses a foreign origin", async () => {
		const { signIn, send } = await setup();
		const a = await signIn("a@x.com");
		await expectError(
			await send("/multi-session/set-active", { body: { sessionToken: a }, headers: { origin: "http://evil.com" } }),
			403,
			"INVALID_ORIGIN",
		);
	});
});

describe("multi-session: POST /multi-session/revoke", () => {
	it("revokes another session; then the active one (the next takes over); then the last", async () => {
		const { signIn, send, multiNames, multiName, sessionTokens, active, jar } = await setup();
		const a = await signIn("a@x.com");
		const b = await signIn("b@x.com");
		const c = await signIn("c@x.com");
		const first = await send("/multi-session/revoke", { body: { sessionToken: a } });
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({ status: true });
		expect(sessionTokens()).toEqual([b, c]);
		expect(await active()).toBe("c@x.com");

		await send("/multi-session/revoke", { body: { sessionToken: c } });
		expect(multiNames()).toEqual([multiName(b)]);
		expect(await active()).toBe("b@x.com");

		await send("/multi-session/revoke", { body: { sessionToken: b } });
		expect(sessionTokens()).toEqual([]);
		expect([...jar.keys()]).toEqual([]);
	});

	it("skips ended sessions when choosing the next active one", async () => {
		const { signIn, send, database, active } = await setup();
		const a = await signIn("a@x.com");
		await signIn("b@x.com");
		const c = await signIn("c@x.com");
		database.prepare("delete from session where token = ?").run(a);
		await send("/multi-session/revoke", { body: { sessionToken: c } });
		expect(await active()).toBe("b@x.com");
	});

	it("refuses without a session, for a token not on this device, malformed input, a foreign origin", async () => {
		const { signIn, send, request, sessionTokens } = await setup({ maximumSessions: 1 });
		await expectError(await request("/multi-session/revoke", { body: { sessionToken: "x" } }), 401, "UNAUTHORIZED");
		const a = await signIn("a@x.com");
		// Past the limit: the active session is not on the device's list.
		const b = await signIn("b@x.com");
		await expectError(await send("/multi-session/revoke", { body: { sessionToken: b } }), 401, "INVALID_SESSION_TOKEN");
		await expectError(await send("/multi-session/revoke", { body: {} }), 400, "VALIDATION_ERROR");
		await expectError(await send("/multi-session/revoke", { body: { sessionToken: 1 } }), 400, "VALIDATION_ERROR");
		await expectError(
			await send("/multi-session/revoke", { body: { sessionToken: a }, headers: { origin: "http://evil.com" } }),
			403,
			"INVALID_ORIGIN",
		);
		expect(sessionTokens()).toEqual([a, b]);
	});

	it("removes a session that already ended from the list", async () => {
		const { signIn, send, database, multiNames } = await setup();
		const a = await signIn("a@x.com");
		await signIn("b@x.com");
		database.prepare("delete from session where token = ?").run(a);
		expect((await send("/multi-session/revoke", { body: { sessionToken: a } })).status).toBe(200);
		expect(multiNames()).toHaveLength(1);
	});
});

describe("multi-session: sign-out", () => {
	it("ends every session on the device and clears their cookies", async () => {
		const { signIn, send, jar, sessionTokens } = await setup();
		await signIn("a@x.com");
		await signIn("b@x.com");
		await signIn("c@x.com");
		const response = await send("/sign-out", { body: {} });
		expect(response.status).toBe(200);
		expect(sessionTokens()).toEqual([]);
		expect([...jar.keys()]).toEqual([]);
	});

	it("also without an active session; forged cookies are left alone", async () => {
		const { signIn, request, jar, sessionTokens } = await setup();
		await signIn("a@x.com");
		jar.delete(SESSION);
		const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
		const response = await request("/sign-out", { body: {}, cookie: `${cookie}; ${SESSION}_multi-junk=abc` });
		expect(response.status).toBe(200);
		expect(sessionTokens()).toEqual([]);
		const cleared = response.headers.getSetCookie().map((entry) => entry.split("=")[0]);
		expect(cleared).not.toContain(`${SESSION}_multi-junk`);
	});

	it("a refused sign-out ends nothing", async () => {
		const { signIn, send, sessionTokens } = await setup();
		const a = await signIn("a@x.com");
		const b = await signIn("b@x.com");
		const response = await send("/sign-out", { body: {}, headers: { origin: "http://evil.com" } });
		expect(response.status).toBe(403);
		expect(sessionTokens()).toEqual([a, b]);
	});
});
