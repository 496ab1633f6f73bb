import { sha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { magicLink } from "./index";
import type { MagicLinkData, MagicLinkOptions } from "./types";

type SetupOptions = Omit<MagicLinkOptions, "sendMagicLink"> & { sendMagicLink?: MagicLinkOptions["sendMagicLink"] };

async function setup(options: SetupOptions = {}, extra: Record<string, unknown> = {}) {
	const sent: (MagicLinkData & { request?: Request })[] = [];
	const instance = await getTestInstance({
		...extra,
		plugins: [
			magicLink({
				sendMagicLink: async (data, request) => {
					sent.push({ ...data, request });
				},
				...options,
			}),
		],
	});
	const signIn = (body: unknown, headers?: Record<string, string>) =>
		instance.request("/sign-in/magic-link", { body, headers });
	/** Follows a link (or any verify URL) the way a browser would: a GET with no Origin. */
	const follow = (url: string, headers: Record<string, string> = {}) => {
		const { pathname, search } = new URL(url, "http://localhost:3000");
		return instance.request(`${pathname.replace("/api/auth", "")}${search}`, { headers });
	};
	const lastToken = () => sent.at(-1)?.token ?? "";
	const users = () =>
		instance.database.prepare("select email, name, emailVerified from user order by email").all() as {
			email: string;
			name: string;
			emailVerified: number;
		}[];
	const verifications = () =>
		instance.database.prepare("select identifier, value, expiresAt from verification").all() as {
			identifier: string;
			value: string;
			expiresAt: string;
		}[];
	return { ...instance, sent, signIn, follow, lastToken, users, verifications };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

const errorOf = (response: Response) => new URL(response.headers.get("location") ?? "").searchParams.get("error");

describe("magic link: sign-in request", () => {
	it("refuses to start without sendMagicLink", () => {
		expect(() => magicLink({} as MagicLinkOptions)).toThrow(/sendMagicLink/);
	});

	it("stores a single token and sends a link with the callback URLs", async () => {
		const { signIn, sent, verifications } = await setup();
		const response = await signIn({
			email: "A@x.com",
			name: "Al",
			callbackURL: "/dash",
			newUserCallbackURL: "/welcome",
			errorCallbackURL: "/oops",
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: true });
		expect(sent).toHaveLength(1);
		const { email, url, token, request } = sent[0];
		expect(email).toBe("A@x.com");
		expect(token).toMatch(/^[a-zA-Z]{32}$/);
		expect(request).toBeInstanceOf(Request);
		expect(url).toBe(
			`http://localhost:3000/api/auth/magic-link/verify?token=${token}&callbackURL=%2Fdash&newUserCallbackURL=%2Fwelcome&errorCallbackURL=%2Foops`,
		);
		const rows = verifications();
		expect(rows).toHaveLength(1);
		expect(rows[0].identifier).toBe(`magic-link:${token}`);
		expect(JSON.parse(rows[0].value)).toEqual({ type: "magic-link", email: "A@x.com", name: "Al" });
		const lifetime = new Date(rows[0].expiresAt).getTime() - Date.now();
		expect(lifetime).toBeGreaterThan(290_000);
		expect(lifetime).toBeLessThanOrEqual(300_000);
	});

	it("defaults the link's callbackURL to / and passes metadata through", async () => {
		const { signIn, sent } = await setup();
		await signIn({ email: "a@x.com", metadata: { inviteId: "i1" } });
		expect(sent[0].url).toBe(`http://localhost:3000/api/auth/magic-link/verify?token=${sent[0].token}&callbackURL=%2F`);
		expect(sent[0].metadata).toEqual({ inviteId: "i1" });
	});

	it("refuses untrusted callback URLs of each kind", async () => {
		const { signIn, sent } = await setup();
		await expectError(await signIn({ email: "a@x.com", callbackURL: "http://evil.com" }), 403, "INVALID_CALLBACK_URL");
		await expectError(await signIn({ email: "a@x.com", callbackURL: "//evil.com" }), 403, "INVALID_CALLBACK_URL");
		await expectError(
			await signIn({ email: "a@x.com", callbackURL: "javascript:alert(1)" }),
			403,
			"INVALID_CALLBACK_URL",
		);
		await expectError(
			await signIn({ email: "a@x.com", newUserCallbackURL: "http://evil.com" }),
			403,
			"INVALID_NEW_USER_CALLBACK_URL",
		);
		await expectError(
			await signIn({ email: "a@x.com", errorCallbackURL: "http://evil.com" }),
			403,
			"INVALID_ERROR_CALLBACK_URL",
		);
		expect(sent).toHaveLength(0);
	});

	it("accepts callback URLs on trusted origins", async () => {
		const { signIn, sent } = await setup({}, { trustedOrigins: ["https://app.example.com"] });
		expect((await signIn({ email: "a@x.com", callbackURL: "https://app.example.com/x" })).status).toBe(200);
		expect(sent).toHaveLength(1);
	});

	it("refuses requests from untrusted origins", async () => {
		const { signIn, sent } = await setup();
		await expectError(await signIn({ email: "a@x.com" }, { origin: "http://evil.com" }), 403, "INVALID_ORIGIN");
		await expectError(await signIn({ email: "a@x.com" }, { origin: "", cookie: "a=b" }), 403, "MISSING_OR_NULL_ORIGIN");
		expect(sent).toHaveLength(0);
	});

	it("answers malformed input with 400 VALIDATION_ERROR", async () => {
		const { signIn, request, sent } = await setup();
		for (const body of [
			{},
			{ email: "not-an-email" },
			{ email: 5 },
			{ email: " a@x.com " },
			{ email: "a@x.com", name: 5 },
			{ email: "a@x.com", callbackURL: 5 },
			{ email: "a@x.com", metadata: "x" },
			"string",
			null,
			[],
		]) {
			await expectError(await signIn(body), 400, "VALIDATION_ERROR");
		}
		const broken = await request("/sign-in/magic-link", {
			body: undefined,
			method: "POST",
			headers: { "content-type": "application/json" },
		});
		expect(broken.status).toBe(400);
		expect(sent).toHaveLength(0);
	});

	it("lets errors of sendMagicLink reach the caller", async () => {
		const { signIn } = await setup({
			sendMagicLink: async () => {
				throw new Error("smtp down");
			},
		});
		expect((await signIn({ email: "a@x.com" })).status).toBe(500);
	});
});

describe("magic link: verify", () => {
	it("creates a verified user named as asked, sets the session cookie and redirects a new user", async () => {
		const { signIn, follow, sent, users, request } = await setup();
		await signIn({ email: "New@x.com", name: "Newbie", callbackURL: "/dash", newUserCallbackURL: "/welcome" });
		const response = await follow(sent[0].url);
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("http://localhost:3000/welcome");
		expect(users()).toEqual([{ email: "new@x.com", name: "Newbie", emailVerified: 1 }]);
		const cookie = cookieHeader(response);
		expect(cookie).toMatch(/^better-auth\.session_token=/);
		const session = await (await request("/get-session", { cookie })).json();
		expect(session.user.email).toBe("new@x.com");
	});

	it("sends an existing user to callbackURL, marks the email verified, keeps the name", async () => {
		const { signIn, follow, sent, users, signUp } = await setup({}, { emailAndPassword: { enabled: true } });
		await signUp({ email: "old@x.com", name: "Old" });
		await signIn({ email: "OLD@x.com", name: "Ignored", callbackURL: "/dash", newUserCallbackURL: "/welcome" });
		const response = await follow(sent[0].url);
		expect(response.headers.get("location")).toBe("http://localhost:3000/dash");
		expect(users()).toEqual([{ email: "old@x.com", name: "Old", emailVerified: 1 }]);
	});

	it("answers JSON with token, user and session when there is no callbackURL", async () => {
		const { signIn, follow, lastToken, users } = await setup();
		await signIn({ email: "a@x.com" });
		const response = await follow(`/api/auth/magic-link/verify?token=${lastToken()}`);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.user).toMatchObject({ email: "a@x.com", name: "", emailVerified: true });
		expect(body.session).toMatchObject({ token: body.token, userId: body.user.id });
		expect(cookieHeader(response)).toContain(`better-auth.session_token=${body.token}.`);
		expect(users()).toHaveLength(1);
	});

	it("works once: the second use ends at the error callback with INVALID_TOKEN", async () => {
		const { signIn, follow, sent, verifications } = await setup();
		await signIn({ email: "a@x.com", callbackURL: "/dash", errorCallbackURL: "/oops?from=link" });
		expect((await follow(sent[0].url)).status).toBe(302);
		expect(verifications()).toEqual([]);
		const again = await follow(sent[0].url);
		expect(again.headers.get("location")).toBe("http://localhost:3000/oops?from=link&error=INVALID_TOKEN");
		expect(again.headers.getSetCookie()).toEqual([]);
	});

	it("gives exactly one of many parallel clicks a session", async () => {
		const { signIn, follow, sent } = await setup();
		await signIn({ email: "a@x.com", callbackURL: "/dash" });
		const responses = await Promise.all(Array.from({ length: 8 }, () => follow(sent[0].url)));
		const signedIn = responses.filter((response) => response.headers.getSetCookie().length > 0);
		expect(signedIn).toHaveLength(1);
		expect(responses.map(errorOf).filter((error) => error === "INVALID_TOKEN")).toHaveLength(7);
	});

	it("refuses an expired link and removes it", async () => {
		const { signIn, follow, sent, verifications, database } = await setup({ expiresIn: 60 });
		await signIn({ email: "a@x.com", callbackURL: "/dash" });
		database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		const response = await follow(sent[0].url);
		expect(response.headers.get("location")).toBe("http://localhost:3000/dash?error=INVALID_TOKEN");
		expect(verifications()).toEqual([]);
	});

	it("redirects errors to / without callback URLs, to callbackURL without errorCallbackURL", async () => {
		const { follow } = await setup();
		expect((await follow("/api/auth/magic-link/verify?token=nope")).headers.get("location")).toBe(
			"http://localhost:3000/?error=INVALID_TOKEN",
		);
		expect((await follow("/api/auth/magic-link/verify?token=")).headers.get("location")).toBe(
			"http://localhost:3000/?error=INVALID_TOKEN",
		);
		expect(
			(
				await follow(`/api/auth/magic-link/verify?token=nope&callbackURL=${encodeURIComponent("/a?b=1#frag")}`)
			).headers.get("location"),
		).toBe("http://localhost:3000/a?b=1&error=INVALID_TOKEN#frag");
	});

	it("refuses tokens whose stored value is not a magic link", async () => {
		const { follow, database } = await setup();
		const insert = database.prepare(
			"insert into verification (id, identifier, value, expiresAt, createdAt, updatedAt) values (?, ?, ?, ?, ?, ?)",
		);
		const future = new Date(Date.now() + 60_000).toISOString();
		const now = new Date().toISOString();
		insert.run("v1", "magic-link:garbage", "not json", future, now, now);
		insert.run("v2", "magic-link:untyped", JSON.stringify({ email: "a@x.com" }), future, now, now);
		insert.run("v3", "legacy", JSON.stringify({ type: "magic-link", email: "a@x.com" }), future, now, now);
		for (const token of ["garbage", "untyped", "legacy"]) {
			expect(errorOf(await follow(`/api/auth/magic-link/verify?token=${token}`))).toBe("INVALID_TOKEN");
		}
	});

	it("with disableSignUp, still answers the request but refuses to create the user at the link", async () => {
		const { signIn, follow, sent, users, signUp } = await setup(
			{ disableSignUp: true },
			{ emailAndPassword: { enabled: true } },
		);
		const unknown = await signIn({ email: "n@x.com", callbackURL: "/dash", errorCallbackURL: "/oops" });
		expect(await unknown.json()).toEqual({ status: true });
		const response = await follow(sent[0].url);
		expect(response.headers.get("location")).toBe("http://localhost:3000/oops?error=new_user_signup_disabled");
		expect(users()).toEqual([]);
		await signUp({ email: "known@x.com" });
		await signIn({ email: "Known@x.com", callbackURL: "/dash" });
		expect((await follow(sent[1].url)).headers.get("location")).toBe("http://localhost:3000/dash");
	});

	it("redirects with failed_to_create_user when a database hook refuses the user", async () => {
		const { signIn, follow, sent } = await setup(
			{},
			{ databaseHooks: { user: { create: { before: async () => false } } } },
		);
		await signIn({ email: "a@x.com", callbackURL: "/dash" });
		expect(errorOf(await follow(sent[0].url))).toBe("failed_to_create_user");
	});

	it("redirects with failed_to_create_session when a database hook refuses the session", async () => {
		const { signIn, follow, sent } = await setup(
			{},
			{ databaseHooks: { session: { create: { before: async () => false } } } },
		);
		await signIn({ email: "a@x.com", callbackURL: "/dash" });
		expect(errorOf(await follow(sent[0].url))).toBe("failed_to_create_session");
	});

	it("refuses untrusted callback URLs on the link with INVALID_CALLBACK_URL", async () => {
		const { follow } = await setup();
		for (const field of ["callbackURL", "newUserCallbackURL", "errorCallbackURL"]) {
			await expectError(
				await follow(`/api/auth/magic-link/verify?token=x&${field}=http://evil.com`),
				403,
				"INVALID_CALLBACK_URL",
			);
		}
	});

	it("answers a missing token with 400 VALIDATION_ERROR", async () => {
		const { follow } = await setup();
		await expectError(await follow("/api/auth/magic-link/verify"), 400, "VALIDATION_ERROR");
	});
});

describe("magic link: token options", () => {
	it("stores the SHA-256 of the token with storeToken: hashed", async () => {
		const { signIn, follow, sent, verifications } = await setup({ storeToken: "hashed" });
		await signIn({ email: "a@x.com" });
		const digest = Buffer.from(sha256(new TextEncoder().encode(sent[0].token))).toString("base64url");
		expect(verifications()[0].identifier).toBe(`magic-link:${digest}`);
		expect(errorOf(await follow(`/api/auth/magic-link/verify?token=${digest}`))).toBe("INVALID_TOKEN");
		expect((await follow(`/api/auth/magic-link/verify?token=${sent[0].token}`)).status).toBe(200);
	});

	it("stores a custom hash and uses a custom token generator", async () => {
		const { signIn, follow, sent, verifications } = await setup({
			storeToken: { type: "custom-hasher", hash: async (token) => `h(${token})` },
			generateToken: (email) => `token-for-${email}`,
		});
		await signIn({ email: "a@x.com" });
		expect(sent[0].token).toBe("token-for-a@x.com");
		expect(sent[0].url).toContain("token=token-for-a%40x.com&");
		expect(verifications()[0].identifier).toBe("magic-link:h(token-for-a@x.com)");
		expect(errorOf(await follow("/api/auth/magic-link/verify?token=h(token-for-a@x.com)"))).toBe("INVALID_TOKEN");
		expect((await follow(sent[0].url)).headers.get("location")).toBe("http://localhost:3000/");
	});

	it("rate limits both endpoints to 5 requests a minute by default", async () => {
		const { signIn, follow } = await setup({}, { rateLimit: { enabled: true } });
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await signIn({ email: "a@x.com" })).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		const verifies: number[] = [];
		for (let i = 0; i < 6; i++) verifies.push((await follow("/api/auth/magic-link/verify?token=x")).status);
		expect(verifies).toEqual([302, 302, 302, 302, 302, 429]);
	});

	it("honours a custom rate limit", async () => {
		const { signIn } = await setup({ rateLimit: { window: 60, max: 1 } }, { rateLimit: { enabled: true } });
		expect((await signIn({ email: "a@x.com" })).status).toBe(200);
		expect((await signIn({ email: "a@x.com" })).status).toBe(429);
	});
});

describe("magic link: malformed input never causes a 500", () => {
	it("POST /sign-in/magic-link", async () => {
		const { auth } = await setup();
		for (const body of [
			"{bad json",
			"[]",
			"null",
			"42",
			'"string"',
			JSON.stringify({ email: 12, name: ["x"], callbackURL: { a: 1 }, metadata: null }),
			JSON.stringify({ email: "a@x.com\u0000", callbackURL: "\u0000" }),
			'{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
		]) {
			const response = await auth.handler(
				new Request("http://localhost:3000/api/auth/sign-in/magic-link", {
					method: "POST",
					headers: { origin: "http://localhost:3000", "content-type": "application/json" },
					body,
				}),
			);
			expect(response.status, body).toBeGreaterThanOrEqual(400);
			expect(response.status, body).toBeLessThan(500);
			expect((await response.json()).code, body).toEqual(expect.any(String));
		}
	});

	it("GET /magic-link/verify", async () => {
		const { follow } = await setup();
		for (const query of [
			"",
			"?token=%E0%A4%A",
			"?token=x&callbackURL=%E0%A4%A",
			"?token=x&callbackURL=//evil.com",
			"?token[]=x",
		]) {
			const response = await follow(`/api/auth/magic-link/verify${query}`);
			expect(response.status, query).toBeLessThan(500);
		}
	});
});
