/**
 * The multi-session plugin against better-auth 1.7.24: the `_multi-` cookies that sign-ins add
 * (one per account, up to maximumSessions), listing, switching and revoking device sessions, and
 * sign-out ending them all. Each side keeps its own cookie jar, as two browsers would; every
 * request is compared (status, error code, body shape, Set-Cookie names) and so are the jars.
 */

// Until `multiSession` is exported from "better-auth/plugins": the plugin's own entry.
import { type MultiSessionOptions, multiSession } from "better-auth/plugins";
import { multiSession as referenceMultiSession } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair, type Options, type Pair, read, shapeOf } from "./harness";

const password = "password123";
type SideName = "ours" | "reference";

/** A browser's cookie jar: name → value, updated from Set-Cookie like a browser would. */
class Jar {
	cookies = new Map<string, string>();
	update(response: Response) {
		for (const cookie of response.headers.getSetCookie()) {
			const [pair, ...attributes] = cookie.split(";");
			const index = pair.indexOf("=");
			const name = pair.slice(0, index);
			const value = pair.slice(index + 1);
			if (value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))) {
				this.cookies.delete(name);
			} else this.cookies.set(name, value);
		}
	}
	header() {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
	}
	/** Cookie names with each side's tokens replaced by the user they belong to. */
	names(tokens: Map<string, string>) {
		return [...this.cookies.keys()]
			.map((name) => {
				const multi = /_multi-(.+)$/.exec(name);
				return multi ? `multi:${tokens.get(multi[1]) ?? "?"}` : name;
			})
			.sort();
	}
}

function pairFor(options: MultiSessionOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [multiSession(options)] },
		{ ...base, plugins: [referenceMultiSession(options as never)] },
	);
}

/** Two browsers (one per side) and helpers that send the same request through both. */
function browsers(pair: Pair) {
	const jars = { ours: new Jar(), reference: new Jar() };
	// lowercased token → "email#n", per side, so jars of both sides can be compared.
	const tokens = { ours: new Map<string, string>(), reference: new Map<string, string>() };
	const latest: Record<SideName, Record<string, string>> = { ours: {}, reference: {} };
	let counter = 0;

	async function send(
		path: string,
		init: { method?: string; body?: unknown; headers?: Record<string, string>; jar?: boolean } = {},
	) {
		const responses = {} as Record<SideName, { status: number; body: unknown; cookies: string[] }>;
		for (const side of ["ours", "reference"] as const) {
			const headers: Record<string, string> = { origin: BASE_URL, ...init.headers };
			if (init.body !== undefined) headers["content-type"] = "application/json";
			const cookie = init.jar === false ? "" : jars[side].header();
			if (cookie) headers.cookie = cookie;
			const body =
				typeof init.body === "function" ? JSON.stringify((init.body as (side: SideName) => unknown)(side)) : init.body;
			const response = await pair[side].handler(
				new Request(`${BASE_URL}/api/auth${path}`, {
					method: init.method ?? (init.body !== undefined ? "POST" : "GET"),
					headers,
					body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
				}),
			);
			const names = cookieNames(response).map((name) => name.replace(/_multi-.+$/, "_multi-*"));
			if (init.jar !== false) jars[side].update(response);
			const { status, body: answer } = await read(response);
			responses[side] = { status, body: answer, cookies: names };
		}
		const { ours, reference } = responses;
		expect(ours.status, `${path} status`).toBe(reference.status);
		expect(shapeOf(ours.body), `${path} body shape`).toEqual(shapeOf(reference.body));
		if (reference.body && typeof reference.body === "object" && "code" in reference.body) {
			expect((ours.body as { code?: string }).code, `${path} code`).toBe((reference.body as { code: string }).code);
		}
		expect(ours.cookies, `${path} cookies`).toEqual(reference.cookies);
		return responses;
	}

	/** Signs in (or up) as `email` on both sides and remembers the token under a shared label. */
	async function signIn(email: string, how: "up" | "in" = "in", extra: Record<string, unknown> = {}) {
		const label = `${email}#${++counter}`;
		const path = how === "up" ? "/sign-up/email" : "/sign-in/email";
		const result = await send(path, { body: { email, password, ...(how === "up" ? { name: email } : {}), ...extra } });
		for (const side of ["ours", "reference"] as const) {
			const token = (result[side].body as { token: string }).token;
			tokens[side].set(token.toLowerCase(), label);
			latest[side][label] = token;
		}
		return label;
	}

	const token = (side: SideName, label: string) => latest[side][label];
	const sameJars = () => expect(jars.ours.names(tokens.ours)).toEqual(jars.reference.names(tokens.reference));
	const jarNames = () => jars.ours.names(tokens.ours);
	return { send, signIn, token, jars, sameJars, jarNames };
}

const sessionRows = (side: Pair["ours"]) =>
	(side.database.prepare("select count(*) as n from session").get() as { n: number }).n;

describe("compat: multi-session plugin", () => {
	it("each sign-in adds a _multi- cookie; signing in again as the same user replaces it", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		const a1 = await browser.signIn("a@x.com", "up");
		const b1 = await browser.signIn("b@x.com", "up");
		browser.sameJars();
		expect(browser.jarNames()).toEqual(["better-auth.session_token", `multi:${a1}`, `multi:${b1}`]);
		const a2 = await browser.signIn("a@x.com");
		browser.sameJars();
		expect(browser.jarNames()).toEqual(["better-auth.session_token", `multi:${a2}`, `multi:${b1}`]);
		// The replaced session is gone from the database too.
		expect(sessionRows(pair.ours)).toBe(2);
		expect(sessionRows(pair.reference)).toBe(2);
		await browser.send("/get-session");
		browser.sameJars();
	});

	it("maximumSessions: past the limit a sign-in works but is not added", async () => {
		const pair = await pairFor({ maximumSessions: 2 });
		const browser = browsers(pair);
		await browser.signIn("a@x.com", "up");
		await browser.signIn("b@x.com", "up");
		await browser.signIn("c@x.com", "up");
		browser.sameJars();
		expect(browser.jarNames().filter((name) => name.startsWith("multi:"))).toHaveLength(2);
		// The same user replaces their own entry even at the limit.
		await browser.signIn("a@x.com");
		browser.sameJars();
		const list = await browser.send("/multi-session/list-device-sessions");
		expect((list.ours.body as unknown[]).length).toBe(2);
	});

	it("a cookie that does not verify still counts toward the limit", async () => {
		const pair = await pairFor({ maximumSessions: 1 });
		const browser = browsers(pair);
		await browser.send("/sign-up/email", {
			body: { email: "a@x.com", password, name: "A" },
			headers: { cookie: "better-auth.session_token_multi-junk=abc" },
			jar: false,
		});
	});

	it("list-device-sessions: one entry per account, live sessions only, no session needed", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		await browser.send("/multi-session/list-device-sessions");
		await browser.signIn("a@x.com", "up");
		await browser.signIn("b@x.com", "up");
		const list = await browser.send("/multi-session/list-device-sessions");
		const emails = (body: unknown) => (body as { user: { email: string } }[]).map((entry) => entry.user.email);
		expect(emails(list.ours.body)).toEqual(["a@x.com", "b@x.com"]);
		expect(emails(list.reference.body)).toEqual(["a@x.com", "b@x.com"]);
		await browser.send("/multi-session/list-device-sessions", {
			headers: { cookie: "better-auth.session_token_multi-x=y.z" },
			jar: false,
		});
		await browser.send("/multi-session/list-device-sessions", { method: "POST" });
		// Expired sessions are left out.
		for (const side of [pair.ours, pair.reference]) {
			side.database.prepare("update session set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		}
		const expired = await browser.send("/multi-session/list-device-sessions");
		expect(expired.ours.body).toEqual([]);
	});

	it("set-active switches the session cookie; unknown, ended and malformed tokens are refused", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		const a = await browser.signIn("a@x.com", "up");
		const b = await browser.signIn("b@x.com", "up");
		const switched = await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
		});
		expect(switched.ours.body).toMatchObject({ user: { email: "a@x.com" } });
		const session = await browser.send("/get-session");
		expect(session.ours.body).toMatchObject({ user: { email: "a@x.com" } });
		// The cookie name is the token in lowercase, so the token matches in any case.
		await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, b).toUpperCase() }),
		});
		browser.sameJars();
		for (const body of [{ sessionToken: "unknown" }, {}, { sessionToken: 5 }, "not json", []]) {
			await browser.send("/multi-session/set-active", { body });
		}
		await browser.send("/multi-session/set-active", { method: "POST" });
		await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
			headers: { origin: "http://evil.com" },
		});
		// A session that ended elsewhere: refused, and its cookie is dropped.
		for (const [side, name] of [
			[pair.ours, "ours"],
			[pair.reference, "reference"],
		] as const) {
			side.database.prepare("delete from session where token = ?").run(browser.token(name, a));
		}
		await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
		});
		browser.sameJars();
		expect(browser.jarNames()).toEqual(["better-auth.session_token", `multi:${b}`]);
	});

	it("set-active works without an active session; a forged cookie is refused", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		const a = await browser.signIn("a@x.com", "up");
		for (const jar of [browser.jars.ours, browser.jars.reference]) jar.cookies.delete("better-auth.session_token");
		await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
		});
		browser.sameJars();
		await browser.send("/multi-session/set-active", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
			headers: { cookie: "better-auth.session_token_multi-abc=abc.forged" },
			jar: false,
		});
	});

	it("revoke: another session, then the active one (the next takes over), then the last", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		const a = await browser.signIn("a@x.com", "up");
		const b = await browser.signIn("b@x.com", "up");
		const c = await browser.signIn("c@x.com", "up");
		const byToken = (label: string) => ({ body: (side: SideName) => ({ sessionToken: browser.token(side, label) }) });
		const revoked = await browser.send("/multi-session/revoke", byToken(a));
		expect(revoked.ours.body).toEqual({ status: true });
		browser.sameJars();
		await browser.send("/multi-session/revoke", byToken(c));
		browser.sameJars();
		expect(browser.jarNames()).toEqual(["better-auth.session_token", `multi:${b}`]);
		const session = await browser.send("/get-session");
		expect(session.ours.body).toMatchObject({ user: { email: "b@x.com" } });
		await browser.send("/multi-session/revoke", byToken(b));
		browser.sameJars();
		expect(browser.jarNames()).toEqual([]);
		expect(sessionRows(pair.ours)).toBe(0);
		expect(sessionRows(pair.reference)).toBe(0);
	});

	it("revoke refuses: no session, a token not on this device, malformed input, a foreign origin", async () => {
		const pair = await pairFor({ maximumSessions: 1 });
		const browser = browsers(pair);
		await browser.send("/multi-session/revoke", { body: { sessionToken: "x" } });
		const a = await browser.signIn("a@x.com", "up");
		// Past the limit: active, but not on the device list.
		const b = await browser.signIn("b@x.com", "up");
		await browser.send("/multi-session/revoke", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, b) }),
		});
		for (const body of [{ sessionToken: "unknown" }, {}, { sessionToken: null }, "not json"]) {
			await browser.send("/multi-session/revoke", { body });
		}
		await browser.send("/multi-session/revoke", { method: "POST" });
		await browser.send("/multi-session/revoke", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
			headers: { origin: "http://evil.com" },
		});
		// A session that already ended is still removed from the list.
		for (const [side, name] of [
			[pair.ours, "ours"],
			[pair.reference, "reference"],
		] as const) {
			side.database.prepare("delete from session where token = ?").run(browser.token(name, a));
		}
		await browser.send("/multi-session/revoke", {
			body: (side: SideName) => ({ sessionToken: browser.token(side, a) }),
		});
		browser.sameJars();
	});

	it("sign-out clears every _multi- cookie and ends those sessions", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		await browser.signIn("a@x.com", "up");
		await browser.signIn("b@x.com", "up");
		await browser.signIn("c@x.com", "up");
		await browser.send("/sign-out", { body: {} });
		browser.sameJars();
		expect(browser.jarNames()).toEqual([]);
		expect(sessionRows(pair.ours)).toBe(0);
		expect(sessionRows(pair.reference)).toBe(0);
		// Only device cookies, no active session; and a cookie that does not verify is left alone.
		await browser.signIn("a@x.com");
		for (const jar of [browser.jars.ours, browser.jars.reference]) jar.cookies.delete("better-auth.session_token");
		await browser.send("/sign-out", { body: {} });
		expect(sessionRows(pair.ours)).toBe(0);
		expect(sessionRows(pair.reference)).toBe(0);
		await browser.send("/sign-out", {
			body: {},
			headers: { cookie: "better-auth.session_token_multi-junk=abc" },
			jar: false,
		});
	});

	it("a refreshed session cookie for a session not on the list adds it", async () => {
		const pair = await pairFor({}, { session: { updateAge: 0 } });
		const browser = browsers(pair);
		const a = await browser.signIn("a@x.com", "up");
		for (const jar of [browser.jars.ours, browser.jars.reference]) {
			for (const name of [...jar.cookies.keys()]) if (name.includes("_multi-")) jar.cookies.delete(name);
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
		await browser.send("/get-session");
		browser.sameJars();
		expect(browser.jarNames()).toEqual(["better-auth.session_token", `multi:${a}`]);
	});

	it("rememberMe: false, update-user and secure cookies", async () => {
		const pair = await pairFor();
		const browser = browsers(pair);
		await browser.signIn("a@x.com", "up");
		// A session cookie reissued for the same session adds nothing.
		await browser.send("/update-user", { body: { name: "Renamed" } });
		browser.sameJars();
		// The _multi- cookie keeps the session cookie's Max-Age even for a browser-session login.
		await browser.signIn("a@x.com", "in", { rememberMe: false });
		browser.sameJars();

		const secure = await pairFor({}, { baseURL: "https://app.example.com", trustedOrigins: [BASE_URL] });
		const https = browsers(secure);
		await https.signIn("a@x.com", "up");
		expect(https.jarNames()).toEqual(["__Secure-better-auth.session_token", "multi:a@x.com#1"]);
		https.sameJars();
	});
});
