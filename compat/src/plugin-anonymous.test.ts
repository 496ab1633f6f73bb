/**
 * The anonymous plugin against better-auth 1.7.24: anonymous sign-in, signing in again while
 * anonymous, linking on a later sign-in or sign-up, deleting the anonymous user, the options that
 * change answers. Same statuses, error codes, body shapes, cookie names and rows.
 * Not compared (deliberate, see docs/plugins/anonymous.md): a `generateRandomEmail` that repeats an
 * email (the reference answers a bare 500, we add the FAILED_TO_CREATE_USER code).
 */

// Until `anonymous` is exported from "better-auth/plugins": the plugin's own entry.
import { type AnonymousOptions, anonymous, multiSession } from "better-auth/plugins";
import { anonymous as referenceAnonymous, multiSession as referenceMultiSession } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read, shapeOf } from "./harness";

const password = "password123";

const post = (body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: {
		origin: BASE_URL,
		...(body === undefined ? {} : { "content-type": "application/json" }),
		...headers,
	},
	body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
});

function pairFor(options: AnonymousOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [anonymous(options)] },
		{ ...base, plugins: [referenceAnonymous(options as never)] },
	);
}

/** Checks that both sides agree on status, error code, body shape and cookie names. */
async function same(pair: Pair, path: string, init?: RequestInit | ((side: "ours" | "reference") => RequestInit)) {
	const build = typeof init === "function" ? init : () => init;
	const url = `${BASE_URL}/api/auth${path}`;
	const ours = await pair.ours.handler(new Request(url, build("ours")));
	const reference = await pair.reference.handler(new Request(url, build("reference")));
	const cookies = { ours: cookieOf(ours), reference: cookieOf(reference) };
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code, `${path} code`).toBe((b.body as { code: string }).code);
	}
	// A multi-session cookie's name carries the session token: compare it without.
	const names = (response: Response) => cookieNames(response).map((name) => name.replace(/_multi-.+$/, "_multi-*"));
	expect(names(ours), `${path} cookies`).toEqual(names(reference));
	return { ours: a.body, reference: b.body, cookies };
}

const users = (side: Pair["ours"]) =>
	side.database.prepare("select name, email, isAnonymous from user order by createdAt").all() as {
		name: string;
		email: string;
		isAnonymous: number | null;
	}[];
const sessionCount = (side: Pair["ours"]) =>
	(side.database.prepare("select count(*) as n from session").get() as { n: number }).n;

/** Anonymous sign-in on both sides; the session cookie of each. */
async function signInAnonymously(pair: Pair) {
	const { cookies, ours, reference } = await same(pair, "/sign-in/anonymous", post());
	return { cookies, ours, reference };
}

describe("compat: anonymous plugin", () => {
	it("adds the same column", async () => {
		const pair = await pairFor();
		const columns = (side: Pair["ours"]) =>
			(side.database.prepare("pragma table_info(user)").all() as { name: string; type: string; notnull: number }[])
				.filter((column) => column.name === "isAnonymous")
				.map(({ name, type, notnull }) => ({ name, type: type.toLowerCase(), notnull }));
		expect(columns(pair.ours)).toEqual([{ name: "isAnonymous", type: "integer", notnull: 0 }]);
		expect(columns(pair.ours)).toEqual(columns(pair.reference));
	});

	it("sign-in/anonymous: user, token, cookie; any body; GET is not a route", async () => {
		const pair = await pairFor();
		const { ours, reference } = await signInAnonymously(pair);
		for (const body of [ours, reference] as { user: { email: string; name: string; isAnonymous: boolean } }[]) {
			expect(body.user).toMatchObject({ name: "Anonymous", isAnonymous: true });
			expect(body.user.email).toMatch(/^[a-z0-9]{32}@anonymous\.placeholder\.invalid$/);
		}
		await same(pair, "/sign-in/anonymous", post({}));
		await same(pair, "/sign-in/anonymous", post({ name: "x", isAnonymous: false }));
		await same(pair, "/sign-in/anonymous", post("[1,2]"));
		await same(pair, "/sign-in/anonymous", post('"text"'));
		await same(pair, "/sign-in/anonymous", { method: "GET", headers: { origin: BASE_URL } });
		expect(users(pair.ours).map(({ name, isAnonymous }) => ({ name, isAnonymous }))).toEqual(
			users(pair.reference).map(({ name, isAnonymous }) => ({ name, isAnonymous })),
		);
	});

	it("refuses a second anonymous sign-in from an anonymous session, not from a real one", async () => {
		const pair = await pairFor();
		const { cookies } = await signInAnonymously(pair);
		const again = await same(pair, "/sign-in/anonymous", (side) => post({}, { cookie: cookies[side] }));
		expect(again.ours).toMatchObject({ code: "ANONYMOUS_USERS_CANNOT_SIGN_IN_AGAIN_ANONYMOUSLY" });
		const real = await same(pair, "/sign-up/email", post({ email: "a@x.com", password, name: "A" }));
		await same(pair, "/sign-in/anonymous", (side) => post({}, { cookie: real.cookies[side] }));
		// A forged or unknown session cookie is no session.
		await same(pair, "/sign-in/anonymous", post({}, { cookie: "better-auth.session_token=abc.def" }));
	});

	it("emailDomainName, generateName, generateRandomEmail", async () => {
		const named = await pairFor({ emailDomainName: "example.com", generateName: () => "Guest" });
		const { ours } = await signInAnonymously(named);
		expect((ours as { user: { email: string; name: string } }).user).toMatchObject({ name: "Guest" });
		expect((ours as { user: { email: string } }).user.email).toMatch(/^temp-[a-z0-9]{32}@example\.com$/);

		const custom = await pairFor({ generateRandomEmail: () => "fixed@x.com", emailDomainName: "ignored.com" });
		expect((await signInAnonymously(custom)).ours).toMatchObject({ user: { email: "fixed@x.com" } });

		const empty = await pairFor({ generateRandomEmail: async () => "", emailDomainName: "d.com" });
		expect((await signInAnonymously(empty)).ours).toMatchObject({ user: { email: expect.stringMatching(/@d\.com$/) } });

		const invalid = await pairFor({ generateRandomEmail: () => "not-an-email" });
		const { ours: refused } = await same(invalid, "/sign-in/anonymous", post());
		expect(refused).toMatchObject({ code: "INVALID_EMAIL_FORMAT" });
	});

	it("links on sign-up: onLinkAccount, then the anonymous user is deleted", async () => {
		const links: Record<string, unknown[]> = { ours: [], reference: [] };
		const record =
			(side: "ours" | "reference"): AnonymousOptions["onLinkAccount"] =>
			async ({ anonymousUser, newUser }) => {
				links[side].push({
					from: anonymousUser.user.isAnonymous,
					to: newUser.user.email,
					same: newUser.session.userId === newUser.user.id,
				});
			};
		const base = { emailAndPassword: { enabled: true }, logger: { disabled: true } };
		const pair = await createPair(
			{ ...base, plugins: [anonymous({ onLinkAccount: record("ours") })] },
			{ ...base, plugins: [referenceAnonymous({ onLinkAccount: record("reference") as never })] },
		);
		const { cookies } = await signInAnonymously(pair);
		// A failed sign-in links nothing.
		await same(pair, "/sign-in/email", (side) => post({ email: "nobody@x.com", password }, { cookie: cookies[side] }));
		expect(links.ours).toEqual([]);
		const { ours } = await same(pair, "/sign-up/email", (side) =>
			post({ email: "a@x.com", password, name: "A" }, { cookie: cookies[side] }),
		);
		expect(ours).toMatchObject({ user: { isAnonymous: false } });
		expect(links.ours).toEqual([{ from: true, to: "a@x.com", same: true }]);
		expect(links.ours).toEqual(links.reference);
		expect(users(pair.ours)).toEqual([{ name: "A", email: "a@x.com", isAnonymous: 0 }]);
		expect(users(pair.reference)).toEqual(users(pair.ours));
		// The old anonymous cookie is now dead on both sides.
		await same(pair, "/get-session", (side) => ({ headers: { cookie: cookies[side] } }));
	});

	it("links on sign-in to an existing account (rememberMe: false too)", async () => {
		const pair = await pairFor({ onLinkAccount: async () => {} });
		await same(pair, "/sign-up/email", post({ email: "b@x.com", password, name: "B" }));
		const { cookies } = await signInAnonymously(pair);
		await same(pair, "/sign-in/email", (side) =>
			post({ email: "b@x.com", password, rememberMe: false }, { cookie: cookies[side] }),
		);
		expect(users(pair.ours).map((user) => user.email)).toEqual(["b@x.com"]);
		expect(users(pair.reference).map((user) => user.email)).toEqual(["b@x.com"]);
		expect(sessionCount(pair.ours)).toBe(sessionCount(pair.reference));
	});

	it("disableDeleteAnonymousUser keeps the anonymous user and its session, and turns the endpoint off", async () => {
		const pair = await pairFor({ disableDeleteAnonymousUser: true });
		const { cookies } = await signInAnonymously(pair);
		const refused = await same(pair, "/delete-anonymous-user", (side) => post({}, { cookie: cookies[side] }));
		expect(refused.ours).toMatchObject({ code: "DELETE_ANONYMOUS_USER_DISABLED" });
		await same(pair, "/delete-anonymous-user", post({}));
		await same(pair, "/sign-up/email", (side) =>
			post({ email: "a@x.com", password, name: "A" }, { cookie: cookies[side] }),
		);
		expect(users(pair.ours).map((user) => user.isAnonymous)).toEqual([1, 0]);
		expect(users(pair.reference).map((user) => user.isAnonymous)).toEqual([1, 0]);
		const old = await same(pair, "/get-session", (side) => ({ headers: { cookie: cookies[side] } }));
		expect(old.ours).toMatchObject({ user: { isAnonymous: true } });
	});

	it("delete-anonymous-user: deletes and signs out; refuses real users and no session", async () => {
		const pair = await pairFor();
		await same(pair, "/delete-anonymous-user", post({}));
		await same(pair, "/delete-anonymous-user", { method: "GET", headers: { origin: BASE_URL } });
		const real = await same(pair, "/sign-up/email", post({ email: "a@x.com", password, name: "A" }));
		const refused = await same(pair, "/delete-anonymous-user", (side) => post({}, { cookie: real.cookies[side] }));
		expect(refused.ours).toMatchObject({ code: "USER_IS_NOT_ANONYMOUS" });
		const { cookies } = await signInAnonymously(pair);
		const deleted = await same(pair, "/delete-anonymous-user", (side) => post(undefined, { cookie: cookies[side] }));
		expect(deleted.ours).toEqual({ success: true });
		expect(users(pair.ours).map((user) => user.email)).toEqual(["a@x.com"]);
		expect(users(pair.reference).map((user) => user.email)).toEqual(["a@x.com"]);
		await same(pair, "/delete-anonymous-user", (side) => post({}, { cookie: cookies[side] }));
	});

	it("isAnonymous cannot be set through the API", async () => {
		const pair = await pairFor();
		const signedUp = await same(
			pair,
			"/sign-up/email",
			post({ email: "a@x.com", password, name: "A", isAnonymous: true }),
		);
		expect(signedUp.ours).toMatchObject({ user: { isAnonymous: false } });
		// Both refuse with 400; the code is core's (better-auth 1.7: FIELD_NOT_ALLOWED, ours today:
		// NO_FIELDS_TO_UPDATE), so only the status is compared here.
		const init = (side: "ours" | "reference") => post({ isAnonymous: true }, { cookie: signedUp.cookies[side] });
		const ours = await pair.ours.handler(new Request(`${BASE_URL}/api/auth/update-user`, init("ours")));
		const reference = await pair.reference.handler(new Request(`${BASE_URL}/api/auth/update-user`, init("reference")));
		expect(ours.status).toBe(400);
		expect(reference.status).toBe(400);
		expect(users(pair.ours)[0].isAnonymous).toBe(0);
	});

	it("origin checks", async () => {
		const pair = await pairFor();
		const { cookies } = await signInAnonymously(pair);
		await same(pair, "/delete-anonymous-user", (side) =>
			post({}, { cookie: cookies[side], origin: "http://evil.com" }),
		);
		await same(pair, "/sign-in/anonymous", (side) => post({}, { cookie: cookies[side], origin: "http://evil.com" }));
		await same(pair, "/delete-anonymous-user", (side) => ({ method: "POST", headers: { cookie: cookies[side] } }));
		await same(pair, "/sign-in/anonymous", (side) => ({ method: "POST", headers: { cookie: cookies[side] } }));
	});

	it("with multi-session: the anonymous session is on the device list until linking deletes it", async () => {
		const base = { emailAndPassword: { enabled: true }, logger: { disabled: true } };
		const pair = await createPair(
			{ ...base, plugins: [anonymous(), multiSession()] },
			{ ...base, plugins: [referenceAnonymous(), referenceMultiSession()] },
		);
		const anon = await same(pair, "/sign-in/anonymous", post());
		const jar = (side: "ours" | "reference") => anon.cookies[side];
		const listed = await same(pair, "/multi-session/list-device-sessions", (side) => ({
			headers: { cookie: jar(side) },
		}));
		expect(listed.ours).toMatchObject([{ user: { isAnonymous: true } }]);
		const linked = await same(pair, "/sign-up/email", (side) =>
			post({ email: "a@x.com", password, name: "A" }, { cookie: jar(side) }),
		);
		const both = (side: "ours" | "reference") => `${jar(side)}; ${linked.cookies[side]}`;
		const after = await same(pair, "/multi-session/list-device-sessions", (side) => ({
			headers: { cookie: both(side) },
		}));
		expect(after.ours).toMatchObject([{ user: { email: "a@x.com" } }]);
	});

	it("database hooks that refuse the user or the session", async () => {
		const noUser = await pairFor({}, { databaseHooks: { user: { create: { before: async () => false } } } });
		await same(noUser, "/sign-in/anonymous", post());
		const noSession = await pairFor({}, { databaseHooks: { session: { create: { before: async () => false } } } });
		await same(noSession, "/sign-in/anonymous", post());
	});
});
