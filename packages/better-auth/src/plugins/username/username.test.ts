import { describe, expect, it } from "vitest";
import { fullContext } from "../../context/full-context";
import { cookieHeader, getTestInstance } from "../../test";
import { username } from "./index";
import type { UsernameOptions } from "./types";

const password = "password123";

async function setup(options: UsernameOptions = {}, extra: Record<string, unknown> = {}) {
	const instance = await getTestInstance({
		emailAndPassword: { enabled: true },
		...extra,
		plugins: [username(options)],
	});
	const signUp = async (email: string, body: Record<string, unknown>) =>
		instance.request("/sign-up/email", { body: { email, password, name: "User", ...body } });
	const rows = () =>
		instance.database.prepare("select email, username, displayUsername from user order by email").all() as {
			email: string;
			username: string | null;
			displayUsername: string | null;
		}[];
	return { ...instance, signUp, rows };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("username: schema and sign-up", () => {
	it("adds a unique username column and a displayUsername column", async () => {
		const { database } = await setup();
		const { sql } = database.prepare("select sql from sqlite_master where name = 'user'").get() as { sql: string };
		expect(sql).toMatch(/"username" text unique/);
		expect(sql).toMatch(/"displayUsername" text(,|\))/);
	});

	it("stores the username lowercased and keeps the original as displayUsername", async () => {
		const { signUp, rows } = await setup();
		const response = await signUp("a@x.com", { username: "TestUser" });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.user).toMatchObject({ username: "testuser", displayUsername: "TestUser" });
		expect(rows()).toEqual([{ email: "a@x.com", username: "testuser", displayUsername: "TestUser" }]);
	});

	it("takes a valid display username as username when only that is sent", async () => {
		const { signUp, rows } = await setup();
		expect((await signUp("a@x.com", { displayUsername: "Disp_Only" })).status).toBe(200);
		// Not a valid username: kept as display name only, no error.
		expect((await signUp("b@x.com", { displayUsername: "x" })).status).toBe(200);
		expect(rows()).toEqual([
			{ email: "a@x.com", username: "disp_only", displayUsername: "Disp_Only" },
			{ email: "b@x.com", username: null, displayUsername: "x" },
		]);
		await expectError(await signUp("c@x.com", { displayUsername: "DISP_ONLY" }), 400, "USERNAME_IS_ALREADY_TAKEN");
	});

	it("leaves both empty without a username", async () => {
		const { signUp, rows } = await setup();
		expect((await signUp("a@x.com", {})).status).toBe(200);
		expect((await signUp("b@x.com", { username: null })).status).toBe(200);
		expect(rows().map((row) => row.username)).toEqual([null, null]);
	});

	it("refuses short, long, malformed and taken usernames with 400", async () => {
		const { signUp } = await setup();
		await signUp("a@x.com", { username: "taken" });
		await expectError(await signUp("b@x.com", { username: "ab" }), 400, "USERNAME_TOO_SHORT");
		await expectError(await signUp("b@x.com", { username: "" }), 400, "USERNAME_TOO_SHORT");
		await expectError(await signUp("b@x.com", { username: "a".repeat(31) }), 400, "USERNAME_TOO_LONG");
		await expectError(await signUp("b@x.com", { username: "bad name!" }), 400, "INVALID_USERNAME");
		await expectError(await signUp("b@x.com", { username: " spaced " }), 400, "INVALID_USERNAME");
		await expectError(await signUp("b@x.com", { username: "ÄÖÜname" }), 400, "INVALID_USERNAME");
		await expectError(await signUp("b@x.com", { username: "TAKEN" }), 400, "USERNAME_IS_ALREADY_TAKEN");
	});

	it("refuses a username or display username that is not a string", async () => {
		const { signUp, rows } = await setup();
		await expectError(await signUp("b@x.com", { username: 123 }), 400, "INVALID_USERNAME");
		await expectError(
			await signUp("b@x.com", { username: "okname", displayUsername: 5 }),
			400,
			"INVALID_DISPLAY_USERNAME",
		);
		expect(rows()).toEqual([]);
	});

	it("checks the username before the password and the email", async () => {
		const { signUp } = await setup();
		await signUp("a@x.com", { username: "taken" });
		await expectError(await signUp("b@x.com", { username: "bad name", password: "short" }), 400, "INVALID_USERNAME");
		await expectError(await signUp("a@x.com", { username: "taken" }), 400, "USERNAME_IS_ALREADY_TAKEN");
		await expectError(await signUp("a@x.com", { username: "fresh" }), 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL");
		await expectError(await signUp("c@x.com", { username: "fresh", password: "short" }), 400, "PASSWORD_TOO_SHORT");
	});
});

describe("username: options", () => {
	it("honours length limits, validators and normalizers", async () => {
		const { signUp, rows } = await setup({
			minUsernameLength: 5,
			maxUsernameLength: 8,
			usernameValidator: (name) => name !== "admin5",
			displayUsernameValidator: (name) => !name.includes("!"),
			usernameNormalization: (name) => name.toUpperCase(),
			displayUsernameNormalization: (name) => name.trim(),
		});
		await expectError(await signUp("a@x.com", { username: "abcd" }), 400, "USERNAME_TOO_SHORT");
		await expectError(await signUp("a@x.com", { username: "abcdefghi" }), 400, "USERNAME_TOO_LONG");
		await expectError(await signUp("a@x.com", { username: "admin5" }), 400, "INVALID_USERNAME");
		await expectError(
			await signUp("a@x.com", { username: "hello", displayUsername: "Hi!" }),
			400,
			"INVALID_DISPLAY_USERNAME",
		);
		// The username error comes first.
		await expectError(await signUp("a@x.com", { username: "ab", displayUsername: "Hi!" }), 400, "USERNAME_TOO_SHORT");
		expect((await signUp("a@x.com", { username: "hello", displayUsername: "  Hi  " })).status).toBe(200);
		expect((await signUp("c@x.com", { displayUsername: " Byeee " })).status).toBe(200);
		expect(rows()).toEqual([
			{ email: "a@x.com", username: "HELLO", displayUsername: "Hi" },
			{ email: "c@x.com", username: " BYEEE ", displayUsername: "Byeee" },
		]);
	});

	it("keeps usernames as sent with usernameNormalization: false", async () => {
		const { signUp, request, rows } = await setup({ usernameNormalization: false });
		expect((await signUp("a@x.com", { username: "MixedCase" })).status).toBe(200);
		expect(rows()[0]).toMatchObject({ username: "MixedCase", displayUsername: "MixedCase" });
		await expectError(
			await request("/sign-in/username", { body: { username: "mixedcase", password } }),
			401,
			"INVALID_USERNAME_OR_PASSWORD",
		);
		expect((await request("/sign-in/username", { body: { username: "MixedCase", password } })).status).toBe(200);
		expect(await (await request("/is-username-available", { body: { username: "mixedcase" } })).json()).toEqual({
			available: true,
		});
	});

	it("validates after normalization when told to", async () => {
		const { signUp, request, rows } = await setup({
			usernameNormalization: (name) => name.replace(/-/g, ""),
			displayUsernameNormalization: (name) => name.toUpperCase(),
			displayUsernameValidator: (name) => name === name.toUpperCase(),
			validationOrder: { username: "post-normalization", displayUsername: "post-normalization" },
		});
		expect((await signUp("a@x.com", { username: "ab-c-d", displayUsername: "lower" })).status).toBe(200);
		expect(rows()[0]).toMatchObject({ username: "abcd", displayUsername: "LOWER" });
		expect((await request("/sign-in/username", { body: { username: "ab-c-d", password } })).status).toBe(200);
		expect(await (await request("/is-username-available", { body: { username: "ab-cd" } })).json()).toEqual({
			available: false,
		});
	});
});

describe("username: sign-in", () => {
	it("signs in case-insensitively and answers like sign-in/email", async () => {
		const { signUp, request } = await setup();
		await signUp("a@x.com", { username: "TestUser" });
		const response = await request("/sign-in/username", { body: { username: "TESTUSER", password } });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(Object.keys(body).sort()).toEqual(["redirect", "token", "user"]);
		expect(body).toMatchObject({ redirect: false, user: { email: "a@x.com", username: "testuser" } });
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user.username).toBe("testuser");
		expect(session.session.token).toBe(body.token);
	});

	it("redirects to callbackURL and honours rememberMe: false", async () => {
		const { signUp, request } = await setup();
		await signUp("a@x.com", { username: "someone" });
		const response = await request("/sign-in/username", {
			body: { username: "someone", password, rememberMe: false, callbackURL: "/dash" },
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ redirect: true, url: "/dash" });
		expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith("better-auth.dont_remember="))).toBe(
			true,
		);
		await expectError(
			await request("/sign-in/username", { body: { username: "someone", password, callbackURL: "http://evil.com" } }),
			403,
			"INVALID_CALLBACK_URL",
		);
	});

	it("answers 401 for a wrong password, an unknown username and a user without a password", async () => {
		const { signUp, request, auth } = await setup();
		await signUp("a@x.com", { username: "someone" });
		const signIn = (body: Record<string, unknown>) => request("/sign-in/username", { body });
		await expectError(
			await signIn({ username: "someone", password: "wrong-password" }),
			401,
			"INVALID_USERNAME_OR_PASSWORD",
		);
		await expectError(await signIn({ username: "nobody", password }), 401, "INVALID_USERNAME_OR_PASSWORD");
		await expectError(await signIn({ username: "someone", password: "" }), 401, "INVALID_USERNAME_OR_PASSWORD");
		const context = fullContext({ context: await auth.$context });
		await context.internalAdapter.createUser({
			email: "oauth@x.com",
			name: "O",
			emailVerified: true,
			username: "oauthonly",
		});
		await expectError(await signIn({ username: "oauthonly", password }), 401, "INVALID_USERNAME_OR_PASSWORD");
	});

	it("answers 422 for a malformed username and 400 for a malformed body", async () => {
		const { request } = await setup();
		const signIn = (body: unknown) => request("/sign-in/username", { body });
		await expectError(await signIn({ username: "ab", password }), 422, "USERNAME_TOO_SHORT");
		await expectError(await signIn({ username: "a".repeat(31), password }), 422, "USERNAME_TOO_LONG");
		await expectError(await signIn({ username: "bad name!", password }), 422, "INVALID_USERNAME");
		await expectError(await signIn({ username: "someone" }), 400, "VALIDATION_ERROR");
		await expectError(await signIn({ password }), 400, "VALIDATION_ERROR");
		await expectError(await signIn({ username: 5, password }), 400, "VALIDATION_ERROR");
		await expectError(await signIn("not an object"), 400, "VALIDATION_ERROR");
	});

	it("refuses an unverified email with 403 after checking the password", async () => {
		const sent: string[] = [];
		const { signUp, request } = await setup(
			{},
			{
				emailAndPassword: { enabled: true, requireEmailVerification: true },
				emailVerification: {
					sendOnSignIn: true,
					sendVerificationEmail: async ({ user }: { user: { email: string } }) => {
						sent.push(user.email);
					},
				},
			},
		);
		await signUp("a@x.com", { username: "someone" });
		sent.length = 0;
		await expectError(
			await request("/sign-in/username", { body: { username: "someone", password: "wrong-password" } }),
			401,
			"INVALID_USERNAME_OR_PASSWORD",
		);
		expect(sent).toEqual([]);
		await expectError(
			await request("/sign-in/username", { body: { username: "someone", password } }),
			403,
			"EMAIL_NOT_VERIFIED",
		);
		expect(sent).toEqual(["a@x.com"]);
	});

	it("is refused when email and password sign-in is turned off", async () => {
		const { request } = await setup({}, { emailAndPassword: { enabled: false } });
		await expectError(
			await request("/sign-in/username", { body: { username: "someone", password } }),
			400,
			"EMAIL_PASSWORD_DISABLED",
		);
	});

	it("works through auth.api", async () => {
		const { signUp, auth } = await setup();
		await signUp("a@x.com", { username: "someone" });
		const result = await auth.api.signInUsername({ body: { username: "someone", password } });
		expect(result.user.email).toBe("a@x.com");
		await expect(
			auth.api.signInUsername({ body: { username: "someone", password: "nope-nope" } }),
		).rejects.toMatchObject({
			statusCode: 401,
		});
	});
});

describe("username: is-username-available", () => {
	it("answers available or not, comparing normalized usernames", async () => {
		const { signUp, request } = await setup();
		await signUp("a@x.com", { username: "TestUser" });
		const check = async (name: string) =>
			(await request("/is-username-available", { body: { username: name } })).json();
		expect(await check("testuser")).toEqual({ available: false });
		expect(await check("TESTUSER")).toEqual({ available: false });
		expect(await check("free_one")).toEqual({ available: true });
	});

	it("answers 422 for a malformed username and 400 for a malformed body", async () => {
		const { request } = await setup();
		const check = (body: unknown) => request("/is-username-available", { body });
		await expectError(await check({ username: "ab" }), 422, "USERNAME_TOO_SHORT");
		await expectError(await check({ username: "a".repeat(31) }), 422, "USERNAME_TOO_LONG");
		await expectError(await check({ username: "bad name" }), 422, "INVALID_USERNAME");
		await expectError(await check({}), 400, "VALIDATION_ERROR");
		await expectError(await check({ username: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await request("/is-username-available", { method: "POST" }), 400, "VALIDATION_ERROR");
	});
});

describe("username: update-user", () => {
	async function signedIn(options: UsernameOptions = {}) {
		const instance = await setup(options);
		await instance.signUp("b@x.com", { username: "other" });
		const response = await instance.signUp("a@x.com", { username: "TestUser" });
		const update = (body: Record<string, unknown>, cookie = cookieHeader(response)) =>
			instance.request("/update-user", { body, cookie });
		return { ...instance, update };
	}

	it("changes the username only, normalized; keeping one's own is fine", async () => {
		const { update, rows } = await signedIn();
		expect((await update({ username: "testuser" })).status).toBe(200);
		expect((await update({ username: "NewName" })).status).toBe(200);
		expect(rows()[0]).toEqual({ email: "a@x.com", username: "newname", displayUsername: "TestUser" });
		expect((await update({ displayUsername: "Another" })).status).toBe(200);
		expect(rows()[0]).toEqual({ email: "a@x.com", username: "newname", displayUsername: "Another" });
		expect((await update({ username: null })).status).toBe(200);
		expect(rows()[0].username).toBeNull();
	});

	it("refuses taken, malformed and non-string usernames with 400", async () => {
		const { update, rows } = await signedIn({ displayUsernameValidator: (name) => !name.includes("!") });
		await expectError(await update({ username: "OTHER" }), 400, "USERNAME_IS_ALREADY_TAKEN");
		await expectError(await update({ username: "ab" }), 400, "USERNAME_TOO_SHORT");
		await expectError(await update({ username: "bad name" }), 400, "INVALID_USERNAME");
		await expectError(await update({ username: 5 }), 400, "INVALID_USERNAME");
		await expectError(await update({ displayUsername: "x!" }), 400, "INVALID_DISPLAY_USERNAME");
		await expectError(await update({ username: "ab", displayUsername: "x!" }), 400, "USERNAME_TOO_SHORT");
		expect(rows()[0]).toEqual({ email: "a@x.com", username: "testuser", displayUsername: "TestUser" });
	});

	it("validates before the session check, like better-auth 1.7", async () => {
		const { request } = await signedIn();
		await expectError(await request("/update-user", { body: { username: "bad name" } }), 400, "INVALID_USERNAME");
		await expectError(await request("/update-user", { body: { username: "free_name" } }), 401, "UNAUTHORIZED");
	});
});
