/**
 * The One Tap plugin against better-auth 1.7.24. Google's key endpoint is answered by a stubbed
 * `fetch`, so the whole flow runs offline on both sides. Not compared (deliberate differences, see
 * docs/plugins/one-tap.md): our error bodies carry a `code` (1.7 sends only `message`), and a
 * request from an untrusted Origin is refused.
 */

import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { oneTap } from "better-auth/plugins";
import { oneTap as referenceOneTap } from "better-auth-reference/plugins";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BASE_URL, cookieNames, createPair, type Pair, read, shapeOf } from "./harness";

const CLIENT_ID = "compat-client.apps.googleusercontent.com";
const GOOGLE_CERTS = "https://www.googleapis.com/oauth2/v3/certs";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

beforeAll(() => {
	const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };
	const realFetch = globalThis.fetch;
	vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
		if (url === GOOGLE_CERTS) return Response.json({ keys: [jwk] });
		return realFetch(input, init);
	});
});
afterAll(() => vi.unstubAllGlobals());

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

function idToken(
	claims: Record<string, unknown>,
	o: { aud?: string; iss?: string; exp?: number; key?: KeyObject } = {},
) {
	const now = Math.floor(Date.now() / 1000);
	const header = b64url(JSON.stringify({ alg: "RS256", kid: "k1", typ: "JWT" }));
	const payload = b64url(
		JSON.stringify({
			iss: o.iss ?? "https://accounts.google.com",
			aud: o.aud ?? CLIENT_ID,
			sub: "google-1",
			iat: now,
			exp: now + (o.exp ?? 3600),
			...claims,
		}),
	);
	const signature = createSign("RSA-SHA256")
		.update(`${header}.${payload}`)
		.sign(o.key ?? privateKey);
	return `${header}.${payload}.${b64url(signature)}`;
}

const person = { email: "Ann@Example.com", email_verified: true, name: "Ann", picture: "https://img/ann.png" };

const json = (body: unknown): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL },
	body: JSON.stringify(body),
});

function pairFor(options: Record<string, unknown> = { clientId: CLIENT_ID }, extra: Record<string, unknown> = {}) {
	const base = { logger: { disabled: true }, emailAndPassword: { enabled: true }, ...extra };
	return createPair({ ...base, plugins: [oneTap(options)] }, { ...base, plugins: [referenceOneTap(options as never)] });
}

/** Status, message, body shape (ignoring our added `code` when 1.7 has none) and cookie names. */
async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	const mine = { ...(a.body as Record<string, unknown>) };
	const theirs = b.body as Record<string, unknown>;
	if (theirs && !("code" in theirs)) delete mine.code;
	expect(shapeOf(mine), `${path} body shape`).toEqual(shapeOf(theirs));
	if (b.status >= 400 && !theirs?.code) expect(mine.message).toBe(theirs.message);
	if (theirs?.code) expect(mine.code).toBe(theirs.code);
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { a, b };
}

const rows = (side: Pair["ours"], sql: string) => side.database.prepare(sql).all();

describe("compat: one-tap plugin", () => {
	it("signs up, then signs in, alike", async () => {
		const pair = await pairFor();
		const token = idToken(person);
		await same(pair, "/one-tap/callback", json({ idToken: token }));
		await same(pair, "/one-tap/callback", json({ idToken: token }));
		for (const sql of [
			"select name, email, emailVerified, image from user",
			"select providerId, accountId, idToken, scope from account",
		]) {
			expect(rows(pair.ours, sql), sql).toEqual(rows(pair.reference, sql));
		}
	});

	it("uses socialProviders.google's client id and both issuer forms alike", async () => {
		const pair = await pairFor({}, { socialProviders: { google: { clientId: CLIENT_ID, clientSecret: "s" } } });
		await same(pair, "/one-tap/callback", json({ idToken: idToken(person, { iss: "accounts.google.com" }) }));
	});

	it("refuses bad tokens alike", async () => {
		const pair = await pairFor();
		for (const body of [
			{},
			{ idToken: 5 },
			{ idToken: "garbage" },
			{ idToken: idToken(person, { aud: "other" }) },
			{ idToken: idToken(person, { iss: "https://evil.com" }) },
			{ idToken: idToken(person, { exp: -3600 }) },
			{ idToken: idToken(person, { key: stranger }) },
			{ idToken: idToken({ name: "No Mail" }) },
		]) {
			await same(pair, "/one-tap/callback", json(body));
		}
		expect(rows(pair.ours, "select id from user")).toEqual([]);
	});

	it("answers disableSignup, unverified linking and a missing client id alike", async () => {
		const pair = await pairFor({ clientId: CLIENT_ID, disableSignup: true });
		await same(pair, "/one-tap/callback", json({ idToken: idToken(person) }));
		await same(pair, "/sign-up/email", json({ email: "ann@example.com", password: "password123", name: "Ann" }));
		await same(pair, "/one-tap/callback", json({ idToken: idToken({ ...person, email_verified: false }) }));
		for (const side of [pair.ours, pair.reference]) side.database.prepare("update user set emailVerified = 1").run();
		await same(pair, "/one-tap/callback", json({ idToken: idToken(person) }));
		const sql =
			"select providerId, case when providerId = 'google' then accountId end as accountId from account order by providerId";
		expect(rows(pair.ours, sql)).toEqual(rows(pair.reference, sql));

		const noClient = await pairFor({});
		await same(noClient, "/one-tap/callback", json({ idToken: idToken(person) }));
	});
});
