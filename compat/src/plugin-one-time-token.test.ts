/**
 * The one-time-token plugin against better-auth 1.7.24: generate, verify (single use, session
 * cookie), the options, and tokens shared through one database in either direction.
 * Deliberate differences (docs/plugins/one-time-token.md): our errors carry a `code` next to
 * 1.7's message (1.7 sends the message alone), and a token whose session has expired is refused
 * without setting the session cookie (1.7 sets it on that 400).
 */

import { betterAuth } from "better-auth";
// Until `oneTimeToken` is exported from "better-auth/plugins", it is imported from its source.
import { type OneTimeTokenOptions, oneTimeToken } from "better-auth/plugins";
import { betterAuth as referenceBetterAuth } from "better-auth-reference";
import { getMigrations as referenceGetMigrations } from "better-auth-reference/db/migration";
import { oneTimeToken as referenceOneTimeToken } from "better-auth-reference/plugins";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Options, type Pair, read, SECRET, shapeOf } from "./harness";

const password = "password123";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

function pairFor(options: OneTimeTokenOptions = {}, extra: Options = {}) {
	const base = { emailAndPassword: { enabled: true }, logger: { disabled: true }, ...extra };
	return createPair(
		{ ...base, plugins: [oneTimeToken(options)] },
		{ ...base, plugins: [referenceOneTimeToken(options as never)] },
	);
}

type Answer = { status: number; body: unknown };

/**
 * Same status, same message, same body shape; where 1.7 answers an error with a message only,
 * ours may add its `code`.
 */
function agree(label: string, a: Answer, b: Answer) {
	expect(a.status, `${label} status`).toBe(b.status);
	const reference = b.body as Record<string, unknown> | null;
	const ours = a.body as Record<string, unknown> | null;
	if (reference && typeof reference === "object" && "message" in reference && !("code" in reference)) {
		expect(ours?.message, `${label} message`).toBe(reference.message);
		expect(typeof ours?.code, `${label} code`).toBe("string");
		const { code: _code, ...rest } = ours ?? {};
		expect(shapeOf(rest), `${label} body shape`).toEqual(shapeOf(reference));
		return;
	}
	expect(shapeOf(a.body), `${label} body shape`).toEqual(shapeOf(b.body));
	if (reference && typeof reference === "object" && "code" in reference) {
		expect(ours?.code, `${label} code`).toBe(reference.code);
	}
}

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	agree(path, a, b);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, a, b };
}

/** Sends a request to each side with that side's own cookie (or body). */
async function each(
	pair: Pair,
	path: string,
	init: (side: "ours" | "reference") => RequestInit,
): Promise<{ a: Answer; b: Answer; ours: Response; reference: Response }> {
	const url = `${BASE_URL}/api/auth${path}`;
	const ours = await pair.ours.handler(new Request(url, init("ours")));
	const reference = await pair.reference.handler(new Request(url, init("reference")));
	const [a, b] = [await read(ours.clone()), await read(reference.clone())];
	agree(path, a, b);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { a, b, ours, reference };
}

async function signUp(pair: Pair) {
	const { ours, reference } = await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A" }));
	return { ours: cookieOf(ours), reference: cookieOf(reference) };
}

async function generate(pair: Pair, cookies: { ours: string; reference: string }) {
	const { a, b } = await each(pair, "/one-time-token/generate", (side) => ({ headers: { cookie: cookies[side] } }));
	return { ours: (a.body as { token: string }).token, reference: (b.body as { token: string }).token };
}

const verifyEach = (pair: Pair, tokens: { ours: unknown; reference: unknown }) =>
	each(pair, "/one-time-token/verify", (side) => json({ token: tokens[side] }));

describe("compat: one-time-token plugin", () => {
	it("generate: session required, GET only, same answer and row", async () => {
		const pair = await pairFor();
		await same(pair, "/one-time-token/generate");
		const cookies = await signUp(pair);
		await each(pair, "/one-time-token/generate", (side) => json({}, { cookie: cookies[side] }));
		const tokens = await generate(pair, cookies);
		expect(tokens.ours).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(tokens.reference).toMatch(/^[A-Za-z0-9_-]{32}$/);
		const row = (side: Pair["ours"]) =>
			side.database.prepare("select identifier, value, expiresAt, createdAt from verification").get() as Record<
				string,
				string
			>;
		const [ours, reference] = [row(pair.ours), row(pair.reference)];
		expect(ours.identifier).toBe(`one-time-token:${tokens.ours}`);
		expect(reference.identifier).toBe(`one-time-token:${tokens.reference}`);
		const lifetime = (r: Record<string, string>) => new Date(r.expiresAt).getTime() - new Date(r.createdAt).getTime();
		expect(Math.abs(lifetime(ours) - lifetime(reference))).toBeLessThan(1000);
	});

	it("verify: the session once, with the session cookie; then each failure", async () => {
		const pair = await pairFor();
		const cookies = await signUp(pair);
		const tokens = await generate(pair, cookies);
		await verifyEach(pair, tokens);
		await verifyEach(pair, tokens);
		for (const body of [{ token: "garbage" }, { token: "" }, { token: 5 }, { token: null }, {}, "not an object"]) {
			await same(pair, "/one-time-token/verify", json(body));
		}
		await same(pair, "/one-time-token/verify?token=x");
		await same(pair, "/one-time-token/verify", {
			method: "POST",
			headers: { "content-type": "application/json", cookie: cookies.ours },
			body: JSON.stringify({ token: "x" }),
		});
	});

	it("verify: expired token, deleted session", async () => {
		const pair = await pairFor();
		const cookies = await signUp(pair);
		const expire = (side: Pair["ours"]) =>
			side.database.prepare("update verification set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		const expired = await generate(pair, cookies);
		expire(pair.ours);
		expire(pair.reference);
		await verifyEach(pair, expired);
		const count = (side: Pair["ours"]) => side.database.prepare("select count(*) as count from verification").get();
		expect(count(pair.ours)).toEqual(count(pair.reference));

		const orphaned = await generate(pair, cookies);
		pair.ours.database.prepare("delete from session").run();
		pair.reference.database.prepare("delete from session").run();
		await verifyEach(pair, orphaned);
	});

	it("verify: a session that has expired is refused the same way (ours sets no cookie)", async () => {
		const pair = await pairFor();
		const cookies = await signUp(pair);
		const tokens = await generate(pair, cookies);
		for (const side of [pair.ours, pair.reference]) {
			side.database.prepare("update session set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		}
		const url = `${BASE_URL}/api/auth/one-time-token/verify`;
		const ours = await pair.ours.handler(new Request(url, json({ token: tokens.ours })));
		const reference = await pair.reference.handler(new Request(url, json({ token: tokens.reference })));
		agree("/one-time-token/verify", await read(ours), await read(reference));
		expect(cookieNames(ours)).toEqual([]);
	});

	it("options: disableClientRequest, disableSetSessionCookie, expiresIn, generateToken", async () => {
		const disabled = await pairFor({ disableClientRequest: true });
		await same(disabled, "/one-time-token/generate");
		const cookies = await signUp(disabled);
		await each(disabled, "/one-time-token/generate", (side) => ({ headers: { cookie: cookies[side] } }));

		const noCookie = await pairFor({ disableSetSessionCookie: true });
		await verifyEach(noCookie, await generate(noCookie, await signUp(noCookie)));

		const custom = await pairFor({ expiresIn: 10, generateToken: async (session) => `custom-${session.user.email}` });
		const tokens = await generate(custom, await signUp(custom));
		expect(tokens).toEqual({ ours: "custom-a@x.com", reference: "custom-a@x.com" });
		await verifyEach(custom, tokens);
	});

	it("setOttHeaderOnNewSession: the same responses carry set-ott", async () => {
		const pair = await pairFor({ setOttHeaderOnNewSession: true });
		const signUpAnswer = await same(pair, "/sign-up/email", json({ email: "a@x.com", password, name: "A" }));
		const headers = (response: Response) => ({
			ott: response.headers.get("set-ott") !== null,
			exposed: response.headers.get("access-control-expose-headers"),
		});
		expect(headers(signUpAnswer.ours)).toEqual(headers(signUpAnswer.reference));
		for (const body of [
			{ email: "a@x.com", password },
			{ email: "a@x.com", password: "wrong-password" },
		]) {
			const { ours, reference } = await same(pair, "/sign-in/email", json(body));
			expect(headers(ours)).toEqual(headers(reference));
		}
		const cookies = { ours: cookieOf(signUpAnswer.ours), reference: cookieOf(signUpAnswer.reference) };
		const read = await each(pair, "/get-session", (side) => ({ headers: { cookie: cookies[side] } }));
		expect(headers(read.ours)).toEqual(headers(read.reference));
		const tokens = {
			ours: signUpAnswer.ours.headers.get("set-ott"),
			reference: signUpAnswer.reference.headers.get("set-ott"),
		};
		const verified = await verifyEach(pair, tokens);
		expect(headers(verified.ours)).toEqual(headers(verified.reference));
	});
});

describe("compat: one-time tokens are shared through the database", () => {
	it.each([{}, { storeToken: "hashed" }] as OneTimeTokenOptions[])(
		"a token one side generates verifies on the other, once (%o)",
		async (options) => {
			const database = new Database(":memory:");
			const base = {
				baseURL: BASE_URL,
				secret: SECRET,
				database,
				emailAndPassword: { enabled: true },
				logger: { disabled: true },
			};
			await (
				await referenceGetMigrations({ ...base, plugins: [referenceOneTimeToken(options as never)] })
			).runMigrations();
			const reference = referenceBetterAuth({ ...base, plugins: [referenceOneTimeToken(options as never)] });
			const ours = betterAuth({ ...base, plugins: [oneTimeToken(options)] });
			type Handler = { handler: (request: Request) => Promise<Response> };
			const call = (auth: Handler, path: string, init?: RequestInit) =>
				auth.handler(new Request(`${BASE_URL}/api/auth${path}`, init));
			const cookie = cookieOf(await call(reference, "/sign-up/email", json({ email: "a@x.com", password, name: "A" })));
			for (const [issuer, verifier] of [
				[reference, ours],
				[ours, reference],
			] as Handler[][]) {
				const generated = await call(issuer, "/one-time-token/generate", { headers: { cookie } });
				const { token } = (await generated.json()) as { token: string };
				const verified = await call(verifier, "/one-time-token/verify", json({ token }));
				expect(verified.status).toBe(200);
				expect(((await verified.json()) as { user: { email: string } }).user.email).toBe("a@x.com");
				expect(cookieNames(verified)).toEqual(["better-auth.session_token"]);
				expect((await call(issuer, "/one-time-token/verify", json({ token }))).status).toBe(400);
			}
		},
	);
});
