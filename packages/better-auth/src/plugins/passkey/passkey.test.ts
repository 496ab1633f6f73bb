import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { passkey } from "./index";
import { createAuthenticator } from "./test-authenticator";
import type { PasskeyOptions } from "./types";

const CHALLENGE_COOKIE = "better-auth.better-auth-passkey";

async function setup(options: PasskeyOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [passkey(options)],
	});
	const join = (...cookies: string[]) => cookies.filter(Boolean).join("; ");

	/** Signs a new user up; returns the session cookie. */
	const user = async (email = "a@x.com") => (await instance.signUp({ email })).cookie;

	/** Asks for registration options; returns them and the cookie (session + challenge) to verify with. */
	const registerOptions = async (cookie: string, query = "") => {
		const response = await instance.request(`/passkey/generate-register-options${query}`, { cookie });
		return { response, options: await response.clone().json(), cookie: join(cookie, cookieHeader(response)) };
	};

	/** Registers a fresh software authenticator for the user of `cookie`. */
	const register = async (cookie: string, name?: string) => {
		const authenticator = createAuthenticator();
		const started = await registerOptions(cookie);
		const response = await instance.request("/passkey/verify-registration", {
			cookie: started.cookie,
			body: { response: authenticator.register(started.options), name },
		});
		expect(response.status).toBe(200);
		return { authenticator, passkey: await response.json() };
	};

	const authenticateOptions = async (cookie = "", method = "POST") => {
		const response = await instance.request("/passkey/generate-authenticate-options", { cookie, method });
		return { response, options: await response.clone().json(), cookie: join(cookie, cookieHeader(response)) };
	};

	const verifyAuthentication = (cookie: string, response: unknown) =>
		instance.request("/passkey/verify-authentication", { cookie, body: { response } });

	const rows = () => instance.database.prepare("select * from passkey").all() as Record<string, unknown>[];
	return { ...instance, user, registerOptions, register, authenticateOptions, verifyAuthentication, rows };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("passkey: schema", () => {
	it("creates the passkey table with 1.7's columns", async () => {
		const { database } = await setup();
		const columns = (database.prepare("pragma table_info(passkey)").all() as { name: string; notnull: number }[]).map(
			(column) => `${column.name}${column.notnull ? "!" : ""}`,
		);
		expect(columns.sort()).toEqual(
			[
				"id!",
				"name",
				"publicKey!",
				"userId!",
				"credentialID!",
				"counter!",
				"deviceType!",
				"backedUp!",
				"transports",
				"createdAt",
				"aaguid",
			].sort(),
		);
	});

	it("honours custom model and column names", async () => {
		const { database, user, register } = await setup({
			schema: { passkey: { modelName: "webauthn_key", fields: { credentialID: "credential_id" } } },
		});
		await register(await user());
		const row = database.prepare("select credential_id from webauthn_key").get() as { credential_id: string };
		expect(row.credential_id).toMatch(/^[A-Za-z0-9_-]+$/);
	});
});

describe("passkey: registration", () => {
	it("issues options for the signed-in user and sets the signed challenge cookie", async () => {
		const { user, registerOptions } = await setup({ rpName: "My App" });
		const { response, options } = await registerOptions(await user());
		expect(response.status).toBe(200);
		expect(options).toMatchObject({
			rp: { name: "My App", id: "localhost" },
			user: { name: "a@x.com" },
			attestation: "none",
			authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
			excludeCredentials: [],
		});
		expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${CHALLENGE_COOKIE}=`));
		expect(setCookie).toMatch(/Max-Age=300/);
		expect(setCookie).toMatch(/HttpOnly/);
	});

	it("passes authenticatorAttachment and name through, and option defaults", async () => {
		const { user, registerOptions } = await setup({
			rpID: "example.com",
			authenticatorSelection: { residentKey: "required", userVerification: "required" },
		});
		const { options } = await registerOptions(await user(), "?authenticatorAttachment=cross-platform&name=My%20Key");
		expect(options.rp.id).toBe("example.com");
		expect(options.user.name).toBe("My Key");
		expect(options.authenticatorSelection).toMatchObject({
			authenticatorAttachment: "cross-platform",
			residentKey: "required",
			userVerification: "required",
		});
	});

	it("registers a passkey end to end and stores it", async () => {
		const { user, register, rows } = await setup();
		const { authenticator, passkey: created } = await register(await user(), "Laptop");
		expect(created).toMatchObject({
			id: expect.any(String),
			name: "Laptop",
			credentialID: authenticator.id,
			counter: 0,
			deviceType: "singleDevice",
			backedUp: false,
			transports: "internal,hybrid",
			aaguid: "00000000-0000-0000-0000-000000000000",
		});
		expect(rows()).toHaveLength(1);
		expect(rows()[0]).toMatchObject({ credentialID: authenticator.id, name: "Laptop" });
		// The public key is stored as standard base64 of the COSE key.
		expect(String(rows()[0]?.publicKey)).toMatch(/^[A-Za-z0-9+/]+=*$/);
	});

	it("lists existing passkeys in excludeCredentials", async () => {
		const { user, register, registerOptions } = await setup();
		const cookie = await user();
		const { authenticator } = await register(cookie);
		const { options } = await registerOptions(cookie);
		expect(options.excludeCredentials).toEqual([
			{ id: authenticator.id, type: "public-key", transports: ["internal", "hybrid"] },
		]);
	});

	it("requires a session (401) and a fresh one (403)", async () => {
		const { request, user, registerOptions, database } = await setup({}, { session: { freshAge: 60 } });
		const unauthenticated = await request("/passkey/generate-register-options");
		await expectError(unauthenticated, 401, "UNAUTHORIZED");
		const wellFormed = createAuthenticator().register({
			challenge: "Y2hhbGxlbmdl",
			rp: { name: "x", id: "localhost" },
			user: { id: "dQ", name: "u", displayName: "u" },
			pubKeyCredParams: [],
		});
		await expectError(
			await request("/passkey/verify-registration", { body: { response: wellFormed } }),
			401,
			"UNAUTHORIZED",
		);
		const cookie = await user();
		database.prepare("update session set createdAt = ?").run(Date.now() - 3600_000);
		await expectError((await registerOptions(cookie)).response, 403, "SESSION_NOT_FRESH");
	});

	it("refuses a verification without the challenge cookie (CHALLENGE_NOT_FOUND)", async () => {
		const { user, registerOptions, request } = await setup();
		const cookie = await user();
		const { options } = await registerOptions(cookie);
		const response = await request("/passkey/verify-registration", {
			cookie, // the session cookie only
			body: { response: createAuthenticator().register(options) },
		});
		await expectError(response, 400, "CHALLENGE_NOT_FOUND");
	});

	it("refuses a forged challenge cookie", async () => {
		const { user, registerOptions, request } = await setup();
		const cookie = await user();
		const { options } = await registerOptions(cookie);
		const response = await request("/passkey/verify-registration", {
			cookie: `${cookie}; ${CHALLENGE_COOKIE}=abc.def`,
			body: { response: createAuthenticator().register(options) },
		});
		await expectError(response, 400, "CHALLENGE_NOT_FOUND");
	});

	it("refuses a response signed over another challenge, and the challenge is single use", async () => {
		const { user, registerOptions, request, rows } = await setup();
		const session = await user();
		const { options, cookie } = await registerOptions(session);
		const authenticator = createAuthenticator();
		const wrong = await request("/passkey/verify-registration", {
			cookie,
			body: { response: authenticator.register(options, { challenge: "c29tZXRoaW5nLWVsc2U" }) },
		});
		await expectError(wrong, 400, "FAILED_TO_VERIFY_REGISTRATION");
		// The failed attempt used the challenge up: the right answer now finds none.
		const replay = await request("/passkey/verify-registration", {
			cookie,
			body: { response: authenticator.register(options) },
		});
		await expectError(replay, 400, "CHALLENGE_NOT_FOUND");
		expect(rows()).toHaveLength(0);
	});

	it("refuses replaying a successful registration", async () => {
		const { user, registerOptions, request, rows } = await setup();
		const { options, cookie } = await registerOptions(await user());
		const body = { response: createAuthenticator().register(options) };
		expect((await request("/passkey/verify-registration", { cookie, body })).status).toBe(200);
		await expectError(await request("/passkey/verify-registration", { cookie, body }), 400, "CHALLENGE_NOT_FOUND");
		expect(rows()).toHaveLength(1);
	});

	it("refuses the wrong origin, RP id and ceremony type", async () => {
		const { user, registerOptions, request } = await setup();
		const session = await user();
		for (const overrides of [{ origin: "https://evil.example" }, { rpID: "evil.example" }, { type: "webauthn.get" }]) {
			const { options, cookie } = await registerOptions(session);
			const response = await request("/passkey/verify-registration", {
				cookie,
				body: { response: createAuthenticator().register(options, overrides) },
			});
			await expectError(response, 400, "FAILED_TO_VERIFY_REGISTRATION");
		}
	});

	it("checks the configured origin (string or list)", async () => {
		const { user, registerOptions, request } = await setup({ origin: ["https://app.example", "https://www.example"] });
		const session = await user();
		const first = await registerOptions(session);
		const bad = await request("/passkey/verify-registration", {
			cookie: first.cookie,
			body: { response: createAuthenticator().register(first.options) }, // http://localhost:3000
		});
		await expectError(bad, 400, "FAILED_TO_VERIFY_REGISTRATION");
		const second = await registerOptions(session);
		const good = await request("/passkey/verify-registration", {
			cookie: second.cookie,
			body: { response: createAuthenticator().register(second.options, { origin: "https://www.example" }) },
		});
		expect(good.status).toBe(200);
	});

	it("does not let another user finish a registration (YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY)", async () => {
		const { user, registerOptions, request, rows } = await setup();
		const alice = await user("alice@x.com");
		const bob = await user("bob@x.com");
		const started = await registerOptions(alice);
		const challenge = started.cookie.split("; ").find((cookie) => cookie.startsWith(`${CHALLENGE_COOKIE}=`));
		const response = await request("/passkey/verify-registration", {
			cookie: `${bob}; ${challenge}`,
			body: { response: createAuthenticator().register(started.options) },
		});
		await expectError(response, 401, "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
		expect(rows()).toHaveLength(0);
	});

	it("refuses a credential id that is already registered", async () => {
		const { user, registerOptions, request } = await setup();
		const session = await user();
		const authenticator = createAuthenticator();
		for (const expected of [200, 400]) {
			const { options, cookie } = await registerOptions(session);
			const response = await request("/passkey/verify-registration", {
				cookie,
				body: { response: authenticator.register(options) },
			});
			expect(response.status).toBe(expected);
		}
	});

	it("expires challenges after five minutes", async () => {
		const { user, registerOptions, request, database } = await setup();
		const { options, cookie } = await registerOptions(await user());
		database.prepare("update verification set expiresAt = ?").run(Date.now() - 1000);
		const response = await request("/passkey/verify-registration", {
			cookie,
			body: { response: createAuthenticator().register(options) },
		});
		await expectError(response, 400, "CHALLENGE_NOT_FOUND");
	});

	it("answers malformed bodies with 400, never 500", async () => {
		const { user, registerOptions, request } = await setup();
		const session = await user();
		const { options, cookie } = await registerOptions(session);
		const valid = createAuthenticator().register(options);
		const bodies = [
			{},
			{ response: "x" },
			{ response: null },
			{ response: { ...valid, response: { clientDataJSON: 1 } } },
			{ response: { ...valid, type: "password" } },
			{ response: valid, name: 42 },
		];
		for (const body of bodies) {
			const response = await request("/passkey/verify-registration", { cookie, body });
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect((await response.json()).code).toBeTruthy();
		}
		// Well-formed JSON, garbage inside: verification fails cleanly.
		const garbage = await request("/passkey/verify-registration", {
			cookie,
			body: { response: { ...valid, response: { clientDataJSON: "!!!", attestationObject: "%%%" } } },
		});
		await expectError(garbage, 400, "FAILED_TO_VERIFY_REGISTRATION");
		const badQuery = await request("/passkey/generate-register-options?authenticatorAttachment=usb", {
			cookie: session,
		});
		expect(badQuery.status).toBe(400);
	});
});

describe("passkey: registration without a session", () => {
	it("needs resolveUser", () => {
		expect(() => passkey({ registration: { requireSession: false } })).toThrow(/resolveUser/);
	});

	it("registers for the user resolveUser names, and refuses when it names none", async () => {
		let userId = "";
		const { signUp, request, rows } = await setup({
			registration: {
				requireSession: false,
				resolveUser: ({ context }) => (context === "invite-token" ? { id: userId, name: "invited" } : null),
			},
		});
		const signedUp = await (await signUp({ email: "a@x.com" })).response.json();
		userId = signedUp.user.id;
		await expectError(await request("/passkey/generate-register-options?context=nope"), 401, "UNAUTHORIZED");
		const started = await request("/passkey/generate-register-options?context=invite-token");
		expect(started.status).toBe(200);
		const options = await started.json();
		expect(options.user.name).toBe("invited");
		const response = await request("/passkey/verify-registration", {
			cookie: cookieHeader(started),
			body: { response: createAuthenticator().register(options) },
		});
		expect(response.status).toBe(200);
		expect(rows()[0]?.userId).toBe(userId);
	});
});

describe("passkey: authentication", () => {
	it("signs in end to end and updates the counter", async () => {
		const { user, register, authenticateOptions, verifyAuthentication, request, rows } = await setup();
		const { authenticator } = await register(await user());
		const { response: optionsResponse, options, cookie } = await authenticateOptions();
		expect(optionsResponse.status).toBe(200);
		expect(options).toMatchObject({ rpId: "localhost", userVerification: "preferred" });
		expect(options.allowCredentials ?? []).toEqual([]);
		const response = await verifyAuthentication(cookie, authenticator.authenticate(options));
		expect(response.status).toBe(200);
		const cleared = response.headers.getSetCookie().find((c) => c.startsWith(`${CHALLENGE_COOKIE}=`));
		expect(cleared).toMatch(/Max-Age=0/);
		const body = await response.json();
		expect(body.session).toMatchObject({ userId: rows()[0]?.userId, token: expect.any(String) });
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user.email).toBe("a@x.com");
		expect(rows()[0]?.counter).toBe(1);
	});

	it("accepts GET for the options and lists the signed-in user's credentials", async () => {
		const { user, register, authenticateOptions } = await setup();
		const cookie = await user();
		const { authenticator } = await register(cookie);
		const { response, options } = await authenticateOptions(cookie, "GET");
		expect(response.status).toBe(200);
		expect(options.allowCredentials).toEqual([
			{ id: authenticator.id, type: "public-key", transports: ["internal", "hybrid"] },
		]);
	});

	it("refuses a counter that does not increase (cloned authenticator)", async () => {
		const { user, register, authenticateOptions, verifyAuthentication, rows } = await setup();
		const { authenticator } = await register(await user());
		const first = await authenticateOptions();
		expect(
			(await verifyAuthentication(first.cookie, authenticator.authenticate(first.options, { counter: 5 }))).status,
		).toBe(200);
		const second = await authenticateOptions();
		await expectError(
			await verifyAuthentication(second.cookie, authenticator.authenticate(second.options, { counter: 5 })),
			401,
			"AUTHENTICATION_FAILED",
		);
		expect(rows()[0]?.counter).toBe(5);
	});

	it("refuses a replayed challenge", async () => {
		const { user, register, authenticateOptions, verifyAuthentication } = await setup();
		const { authenticator } = await register(await user());
		const { options, cookie } = await authenticateOptions();
		expect((await verifyAuthentication(cookie, authenticator.authenticate(options))).status).toBe(200);
		await expectError(
			await verifyAuthentication(cookie, authenticator.authenticate(options)),
			400,
			"CHALLENGE_NOT_FOUND",
		);
	});

	it("refuses without a challenge cookie", async () => {
		const { user, register, authenticateOptions, verifyAuthentication } = await setup();
		const { authenticator } = await register(await user());
		const { options } = await authenticateOptions();
		await expectError(await verifyAuthentication("", authenticator.authenticate(options)), 400, "CHALLENGE_NOT_FOUND");
	});

	it("refuses an unknown credential (PASSKEY_NOT_FOUND)", async () => {
		const { authenticateOptions, verifyAuthentication } = await setup();
		const { options, cookie } = await authenticateOptions();
		await expectError(
			await verifyAuthentication(cookie, createAuthenticator().authenticate(options)),
			401,
			"PASSKEY_NOT_FOUND",
		);
	});

	it("refuses wrong challenge, origin, RP id, type and signature (AUTHENTICATION_FAILED)", async () => {
		const { user, register, authenticateOptions, verifyAuthentication, request } = await setup();
		const { authenticator } = await register(await user());
		const cases = [
			{ challenge: "b3RoZXItY2hhbGxlbmdl" },
			{ origin: "https://evil.example" },
			{ rpID: "evil.example" },
			{ type: "webauthn.create" },
			{ signWith: createAuthenticator() },
		];
		for (const overrides of cases) {
			const { options, cookie } = await authenticateOptions();
			const response = await verifyAuthentication(cookie, authenticator.authenticate(options, overrides));
			expect(response.status, JSON.stringify(Object.keys(overrides))).toBe(401);
			expect((await response.json()).code).toBe("AUTHENTICATION_FAILED");
			expect(response.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(false);
		}
		// A phishing page's own origin in an untrusted Origin header does not become the expected origin.
		const { options, cookie } = await authenticateOptions();
		const phished = await request("/passkey/verify-authentication", {
			cookie,
			headers: { origin: "https://evil.example" },
			body: { response: authenticator.authenticate(options, { origin: "https://evil.example" }) },
		});
		expect(phished.status).toBe(403); // the origin check refuses the untrusted Origin outright
	});

	it("answers malformed bodies with 400", async () => {
		const { authenticateOptions, verifyAuthentication, request } = await setup();
		const { options, cookie } = await authenticateOptions();
		const valid = createAuthenticator().authenticate(options);
		for (const response of [undefined, "x", {}, { ...valid, id: 1 }, { ...valid, response: { signature: "x" } }]) {
			const answer = await verifyAuthentication(cookie, response);
			expect(answer.status, JSON.stringify(response)).toBe(400);
		}
		expect((await request("/passkey/verify-authentication", { body: [] })).status).toBe(400);
	});
});

describe("passkey: management", () => {
	it("lists only the user's own passkeys", async () => {
		const { user, register, request } = await setup();
		const alice = await user("alice@x.com");
		const bob = await user("bob@x.com");
		const { passkey: mine } = await register(alice, "alice key");
		await register(bob, "bob key");
		const response = await request("/passkey/list-user-passkeys", { cookie: alice });
		expect(response.status).toBe(200);
		const list = await response.json();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ id: mine.id, name: "alice key", createdAt: expect.any(String) });
	});

	it("renames and deletes a passkey", async () => {
		const { user, register, request, rows } = await setup();
		const cookie = await user();
		const { passkey: created } = await register(cookie, "old");
		const updated = await request("/passkey/update-passkey", { cookie, body: { id: created.id, name: "new" } });
		expect(updated.status).toBe(200);
		expect(await updated.json()).toMatchObject({ passkey: { id: created.id, name: "new" } });
		expect(rows()[0]?.name).toBe("new");
		const deleted = await request("/passkey/delete-passkey", { cookie, body: { id: created.id } });
		expect(deleted.status).toBe(200);
		expect(await deleted.json()).toBeNull();
		expect(rows()).toHaveLength(0);
	});

	it("does not let a user touch another user's passkey", async () => {
		const { user, register, request, rows } = await setup();
		const alice = await user("alice@x.com");
		const bob = await user("bob@x.com");
		const { passkey: alices } = await register(alice, "alice key");
		await expectError(
			await request("/passkey/update-passkey", { cookie: bob, body: { id: alices.id, name: "pwned" } }),
			404,
			"PASSKEY_NOT_FOUND",
		);
		await expectError(
			await request("/passkey/delete-passkey", { cookie: bob, body: { id: alices.id } }),
			404,
			"PASSKEY_NOT_FOUND",
		);
		expect(rows()).toEqual([expect.objectContaining({ id: alices.id, name: "alice key" })]);
		await expectError(
			await request("/passkey/delete-passkey", { cookie: alice, body: { id: "missing" } }),
			404,
			"PASSKEY_NOT_FOUND",
		);
	});

	it("requires a session (401)", async () => {
		const { request } = await setup();
		await expectError(await request("/passkey/list-user-passkeys"), 401, "UNAUTHORIZED");
		await expectError(await request("/passkey/delete-passkey", { body: { id: "x" } }), 401, "UNAUTHORIZED");
		await expectError(await request("/passkey/update-passkey", { body: { id: "x", name: "y" } }), 401, "UNAUTHORIZED");
	});

	it("answers malformed bodies with 400", async () => {
		const { user, request } = await setup();
		const cookie = await user();
		for (const body of [{}, { id: 1 }, { id: "" }, { id: null }]) {
			await expectError(await request("/passkey/delete-passkey", { cookie, body }), 400, "VALIDATION_ERROR");
		}
		for (const body of [{}, { id: "x" }, { id: "x", name: 5 }, { name: "y" }]) {
			expect((await request("/passkey/update-passkey", { cookie, body })).status, JSON.stringify(body)).toBe(400);
		}
	});

	it("removes a user's passkeys with the user", async () => {
		const { user, register, auth, rows } = await setup({}, { user: { deleteUser: { enabled: true } } });
		const cookie = await user();
		await register(cookie);
		await auth.api.deleteUser({ headers: new Headers({ cookie }), body: {} });
		expect(rows()).toHaveLength(0);
	});
});
