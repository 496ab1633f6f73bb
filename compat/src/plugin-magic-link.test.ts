/**
 * The magic-link plugin against better-auth 1.7.24: the sign-in request (validation, callback URL
 * checks, what `sendMagicLink` receives, the stored row), the link (redirects and `?error=` values,
 * JSON answer, cookies, single use, sign-up off), token storage options, rate limits, and rows
 * written by one implementation verified by the other.
 * Not compared (deliberate differences, see docs/plugins/magic-link.md): rows with a malformed
 * value (ours removes them when they are used, 1.7 leaves them), and `auth.api` calls without
 * headers.
 *
 * The plugin is imported from the package sources until `better-auth/plugins` exports it.
 */

import { type MagicLinkData, type MagicLinkOptions, magicLink } from "better-auth/plugins";
import { magicLink as referenceMagicLink } from "better-auth-reference/plugins";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair, type Options, type Pair, read, shapeOf } from "./harness";

type Side = Pair["ours"];
type Sides = { ours: Side; reference: Side };

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

async function pairFor(options: Omit<MagicLinkOptions, "sendMagicLink"> = {}, extra: Options = {}) {
	const sent = { ours: [] as MagicLinkData[], reference: [] as MagicLinkData[] };
	const base = { logger: { disabled: true }, ...extra };
	const pair = await createPair(
		{ ...base, plugins: [magicLink({ ...options, sendMagicLink: (data) => void sent.ours.push(data) })] },
		{
			...base,
			plugins: [
				referenceMagicLink({
					...options,
					sendMagicLink: async (data: MagicLinkData) => void sent.reference.push(data),
				} as never),
			],
		},
	);
	return { ...pair, sent };
}

type Answer = { status: number; body: unknown; location: string | null; cookies: string[] };

async function answer(response: Response): Promise<Answer> {
	const { status, body } = await read(response);
	return { status, body, location: response.headers.get("location"), cookies: cookieNames(response) };
}

/** Checks that both sides agree on status, error code, body shape, redirect and cookie names. */
function agree(label: string, a: Answer, b: Answer) {
	expect(a.status, `${label} status`).toBe(b.status);
	expect(shapeOf(a.body), `${label} body shape`).toEqual(shapeOf(b.body));
	if (b.body && typeof b.body === "object" && "code" in b.body) {
		expect((a.body as { code?: string }).code, `${label} code`).toBe((b.body as { code: string }).code);
	}
	expect(a.location, `${label} location`).toBe(b.location);
	expect(a.cookies, `${label} cookies`).toEqual(b.cookies);
}

async function same(pair: Sides & Pick<Pair, "request">, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await answer(ours), await answer(reference)];
	agree(path, a, b);
	return { ours: a, reference: b };
}

/** Sends each side its own request (e.g. its own link) and compares the answers. */
async function each(pair: Sides, label: string, build: (side: "ours" | "reference") => Request) {
	const a = await answer(await pair.ours.handler(build("ours")));
	const b = await answer(await pair.reference.handler(build("reference")));
	agree(label, a, b);
	return { ours: a, reference: b };
}

/** A link as a browser follows it: a plain GET. */
const follow = (url: string) => new Request(url);

const rows = (side: Side) =>
	side.database.prepare("select identifier, value from verification order by createdAt").all() as {
		identifier: string;
		value: string;
	}[];
const users = (side: Side) => side.database.prepare("select email, name, emailVerified from user order by email").all();

/** A row's identifier with the token part replaced, so tokens of both sides compare equal. */
const masked = (side: Side, tokens: string[]) =>
	rows(side).map((row) => ({
		identifier: tokens.reduce((text, token) => text.replace(token, "<token>"), row.identifier),
		value: JSON.parse(row.value),
	}));

describe("compat: magic link", () => {
	it("sign-in request: what sendMagicLink gets, the row, each validation failure", async () => {
		const pair = await pairFor();
		await same(
			pair,
			"/sign-in/magic-link",
			json({
				email: "A@x.com",
				name: "Al",
				callbackURL: "/dash",
				newUserCallbackURL: "/new",
				errorCallbackURL: "/err",
			}),
		);
		await same(pair, "/sign-in/magic-link", json({ email: "b@x.com", metadata: { invite: "i1" } }));
		const strip = (data: MagicLinkData) => ({
			...data,
			url: data.url.replace(data.token, "<token>"),
			token: "<token>",
		});
		expect(pair.sent.ours.map(strip)).toEqual(pair.sent.reference.map(strip));
		expect(
			masked(
				pair.ours,
				pair.sent.ours.map((data) => data.token),
			),
		).toEqual(
			masked(
				pair.reference,
				pair.sent.reference.map((data) => data.token),
			),
		);
		for (const body of [
			{},
			{ email: "bad" },
			{ email: 5 },
			{ email: " a@x.com " },
			{ email: "a@x.com", name: 5 },
			{ email: "a@x.com", name: "" },
			{ email: "a@x.com", callbackURL: "http://evil.com" },
			{ email: "a@x.com", callbackURL: "//evil.com" },
			{ email: "a@x.com", callbackURL: "javascript:alert(1)" },
			{ email: "a@x.com", newUserCallbackURL: "http://evil.com" },
			{ email: "a@x.com", errorCallbackURL: "http://evil.com" },
			"string",
			null,
			[],
		]) {
			await same(pair, "/sign-in/magic-link", json(body));
		}
		await same(pair, "/sign-in/magic-link", json({ email: "a@x.com" }, { origin: "http://evil.com" }));
		await same(pair, "/sign-in/magic-link", json({ email: "a@x.com" }, { origin: "", cookie: "a=b" }));
	});

	it("the link: new user, existing user, JSON answer, single use", async () => {
		const pair = await pairFor({}, { emailAndPassword: { enabled: true } });
		const link = (side: "ours" | "reference", index: number) => follow(pair.sent[side][index].url);
		await same(
			pair,
			"/sign-in/magic-link",
			json({ email: "New@x.com", name: "Newbie", callbackURL: "/dash", newUserCallbackURL: "/welcome" }),
		);
		const first = await each(pair, "new user", (side) => link(side, 0));
		expect(first.ours.location).toBe(`${BASE_URL}/welcome`);
		await each(pair, "used link", (side) => link(side, 0));

		await same(pair, "/sign-up/email", json({ email: "old@x.com", password: "password123", name: "Old" }));
		await same(
			pair,
			"/sign-in/magic-link",
			json({ email: "OLD@x.com", name: "X", callbackURL: "/dash", newUserCallbackURL: "/welcome" }),
		);
		await each(pair, "existing user", (side) => link(side, 1));

		await same(pair, "/sign-in/magic-link", json({ email: "json@x.com" }));
		const tokenOnly = await each(pair, "no callbackURL", (side) =>
			follow(`${BASE_URL}/api/auth/magic-link/verify?token=${pair.sent[side][2].token}`),
		);
		expect(tokenOnly.ours.body).toMatchObject({ user: { email: "json@x.com", name: "", emailVerified: true } });
		expect(users(pair.ours)).toEqual(users(pair.reference));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("the link: error redirects and their targets", async () => {
		const pair = await pairFor();
		for (const query of [
			"token=nope",
			"token=",
			"token=nope&callbackURL=/cb",
			"token=nope&callbackURL=%2Fcb%3Fa%3D1",
			"token=nope&callbackURL=%2Fa%23frag",
			"token=nope&callbackURL=/cb&errorCallbackURL=/err",
			"token=nope&callbackURL=http://localhost:3000/z",
			"token=nope&newUserCallbackURL=/new",
			"",
			"token=nope&callbackURL=http://evil.com",
			"token=nope&errorCallbackURL=http://evil.com",
			"token=nope&newUserCallbackURL=http://evil.com",
		]) {
			await same(pair, `/magic-link/verify?${query}`);
		}
	});

	it("the link: an expired token", async () => {
		const pair = await pairFor();
		await same(pair, "/sign-in/magic-link", json({ email: "a@x.com", callbackURL: "/dash", errorCallbackURL: "/err" }));
		for (const side of [pair.ours, pair.reference]) {
			side.database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		}
		await each(pair, "expired", (side) => follow(pair.sent[side][0].url));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("disableSignUp: the request answers the same, the link refuses a new user", async () => {
		const pair = await pairFor({ disableSignUp: true }, { emailAndPassword: { enabled: true } });
		await same(pair, "/sign-in/magic-link", json({ email: "n@x.com", callbackURL: "/dash", errorCallbackURL: "/err" }));
		expect(pair.sent.ours).toHaveLength(1);
		expect(pair.sent.reference).toHaveLength(1);
		await each(pair, "unknown user", (side) => follow(pair.sent[side][0].url));
		await same(pair, "/sign-up/email", json({ email: "known@x.com", password: "password123", name: "K" }));
		await same(pair, "/sign-in/magic-link", json({ email: "Known@x.com", callbackURL: "/dash" }));
		await each(pair, "known user", (side) => follow(pair.sent[side][1].url));
		expect(users(pair.ours)).toEqual(users(pair.reference));
	});

	it("storeToken and generateToken write the same rows", async () => {
		for (const storeToken of [
			"hashed",
			{ type: "custom-hasher", hash: async (token: string) => `H${token}` },
		] as MagicLinkOptions["storeToken"][]) {
			const pair = await pairFor({ storeToken, generateToken: (email) => `token-${email}` });
			await same(pair, "/sign-in/magic-link", json({ email: "a@x.com" }));
			expect(pair.sent.ours).toEqual(pair.sent.reference);
			expect(rows(pair.ours)).toEqual(rows(pair.reference));
			await same(pair, `/magic-link/verify?token=${encodeURIComponent("token-a@x.com")}`);
		}
	});

	it("rate limits both endpoints alike (statuses; the 429 body is the core limiter's)", async () => {
		const pair = await pairFor({}, { rateLimit: { enabled: true } });
		const statuses = async (path: string, init?: () => RequestInit) => {
			const seen: { ours: number[]; reference: number[] } = { ours: [], reference: [] };
			for (let i = 0; i < 6; i++) {
				const { ours, reference } = await pair.request(path, init?.());
				seen.ours.push(ours.status);
				seen.reference.push(reference.status);
			}
			expect(seen.ours, path).toEqual(seen.reference);
			return seen.ours;
		};
		expect(await statuses("/sign-in/magic-link", () => json({ email: "a@x.com" }))).toEqual([
			200, 200, 200, 200, 200, 429,
		]);
		expect(await statuses("/magic-link/verify?token=x")).toEqual([302, 302, 302, 302, 302, 429]);
	});

	it("a callback URL that is not a string is a 400 on both (1.7 sends no code, ours VALIDATION_ERROR)", async () => {
		const pair = await pairFor();
		const { ours, reference } = await pair.request("/sign-in/magic-link", json({ email: "a@x.com", callbackURL: 5 }));
		expect(ours.status).toBe(400);
		expect(reference.status).toBe(400);
		expect(await ours.json()).toMatchObject({ code: "VALIDATION_ERROR" });
	});

	it("a link issued by either implementation works with the other", async () => {
		for (const storeToken of ["plain", "hashed"] as const) {
			const pair = await pairFor({ storeToken });
			await same(pair, "/sign-in/magic-link", json({ email: "a@x.com", name: "A", callbackURL: "/dash" }));
			const copy = (from: Database.Database, to: Database.Database) => {
				const row = from.prepare("select * from verification").get() as Record<string, unknown>;
				to.prepare(
					"insert into verification (id, identifier, value, expiresAt, createdAt, updatedAt) values (@id, @identifier, @value, @expiresAt, @createdAt, @updatedAt)",
				).run({ ...row, id: `copy-${row.id}` });
			};
			copy(pair.reference.database, pair.ours.database);
			copy(pair.ours.database, pair.reference.database);
			// Each side follows the link the other side sent.
			const crossed = await each(pair, `crossed ${storeToken}`, (side) =>
				follow(pair.sent[side === "ours" ? "reference" : "ours"][0].url),
			);
			expect(crossed.ours.location).toBe(`${BASE_URL}/dash`);
			expect(users(pair.ours)).toEqual(users(pair.reference));
		}
	});
});
