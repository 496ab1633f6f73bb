/**
 * The device authorization plugin against better-auth 1.7.24: codes, polling, claiming, approval
 * and denial, and every error answer. Same statuses, RFC error fields, body shapes and rows.
 */

import { deviceAuthorization } from "better-auth/plugins";
import { deviceAuthorization as referenceDeviceAuthorization } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, cookieOf, createPair, type Pair, read, shapeOf } from "./harness";

const GRANT = "urn:ietf:params:oauth:grant-type:device_code";

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL, ...headers },
	body: JSON.stringify(body),
});

function pairFor(options: Record<string, unknown> = {}) {
	// Both sides hand out the same codes, so one request is valid on both.
	const make = () => {
		let n = 0;
		return {
			generateDeviceCode: () => `device-code-${++n}`,
			generateUserCode: () => `ABCDEFG${n + 1}`,
			validateClient: (id: string) => id !== "banned",
			...options,
		};
	};
	const base = { logger: { disabled: true }, emailAndPassword: { enabled: true } };
	return createPair(
		{ ...base, plugins: [deviceAuthorization(make())] },
		{ ...base, plugins: [referenceDeviceAuthorization(make() as never)] },
	);
}

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours.clone()), await read(reference.clone())];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(shapeOf(a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	const pick = (body: unknown, key: string) =>
		body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
	for (const key of ["code", "error", "error_description", "status", "success", "token_type", "scope", "user_code"]) {
		expect(pick(a.body, key), `${path} ${key}`).toEqual(pick(b.body, key));
	}
	expect(ours.headers.get("cache-control"), `${path} cache-control`).toBe(reference.headers.get("cache-control"));
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { ours, reference, a, b };
}

const rows = (side: Pair["ours"]) =>
	side.database
		.prepare(
			"select deviceCode, userCode, status, pollingInterval, clientId, scope, userId is not null as claimed from deviceCode order by deviceCode",
		)
		.all();

const token = (code: string, clientId = "cli") => json({ grant_type: GRANT, device_code: code, client_id: clientId });

async function signUp(pair: Pair, email: string) {
	const { ours, reference } = await same(pair, "/sign-up/email", json({ email, password: "password123", name: "U" }));
	return { ours: cookieOf(ours), reference: cookieOf(reference) };
}

/** Same request, each side with its own cookie. */
async function withCookies(pair: Pair, path: string, cookies: { ours: string; reference: string }, init: RequestInit) {
	const [ours, reference] = await Promise.all([
		pair.ours.handler(
			new Request(`${BASE_URL}/api/auth${path}`, {
				...init,
				headers: { ...(init.headers as object), cookie: cookies.ours },
			}),
		),
		pair.reference.handler(
			new Request(`${BASE_URL}/api/auth${path}`, {
				...init,
				headers: { ...(init.headers as object), cookie: cookies.reference },
			}),
		),
	]);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	expect(a.body, `${path} body`).toEqual(b.body);
}

const get = (): RequestInit => ({ method: "GET", headers: { origin: BASE_URL } });

describe("compat: device-authorization plugin", () => {
	it("creates the same table", async () => {
		const pair = await pairFor();
		const sql = "select sql from sqlite_master where name = 'deviceCode'";
		expect(pair.ours.database.prepare(sql).get()).toEqual(pair.reference.database.prepare(sql).get());
	});

	it("issues codes alike, and refuses bad requests alike", async () => {
		const pair = await pairFor({ expiresIn: "10m", interval: "2s" });
		const { a } = await same(pair, "/device/code", json({ client_id: "cli", scope: "openid" }));
		expect(a.body).toMatchObject({ verification_uri: `${BASE_URL}/device`, expires_in: 600, interval: 2 });
		await same(pair, "/device/code", json({}));
		await same(pair, "/device/code", json({ client_id: 5 }));
		await same(pair, "/device/code", json({ client_id: "banned" }));
		await same(pair, "/device/code", {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "client_id=cli",
		});
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("runs approval alike", async () => {
		const pair = await pairFor();
		await same(pair, "/device/code", json({ client_id: "cli" }));
		await same(pair, "/device/token", token("device-code-1"));
		await same(pair, "/device/token", token("device-code-1"));
		await same(pair, "/device/approve", json({ userCode: "ABCDEFG2" }));
		const alice = await signUp(pair, "a@x.com");
		const bob = await signUp(pair, "b@x.com");
		await withCookies(pair, "/device/approve", alice, json({ userCode: "ABCDEFG2" }));
		await same(pair, "/device?user_code=abcdefg2", get());
		await withCookies(pair, "/device?user_code=ABCDEFG2", alice, get());
		await withCookies(pair, "/device?user_code=ABCDEFG2", bob, get());
		await withCookies(pair, "/device/approve", bob, json({ userCode: "ABCDEFG2" }));
		await withCookies(pair, "/device/deny", bob, json({ userCode: "ABCDEFG2" }));
		await withCookies(pair, "/device/approve", alice, json({ userCode: "abcd-efg2" }));
		await withCookies(pair, "/device/deny", alice, json({ userCode: "ABCDEFG2" }));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
		for (const side of [pair.ours, pair.reference])
			side.database.prepare("update deviceCode set lastPolledAt = ?").run(new Date(0).toISOString());
		const { a } = await same(pair, "/device/token", token("device-code-1"));
		expect(a.body).toMatchObject({ token_type: "Bearer", expires_in: 604800 });
		await same(pair, "/device/token", token("device-code-1"));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("runs denial and expiry alike", async () => {
		const pair = await pairFor();
		const alice = await signUp(pair, "a@x.com");
		await same(pair, "/device/code", json({ client_id: "cli", scope: "x y" }));
		await withCookies(pair, "/device?user_code=ABCDEFG2", alice, get());
		await withCookies(pair, "/device/deny", alice, json({ userCode: "ABCDEFG2" }));
		await withCookies(pair, "/device?user_code=ABCDEFG2", alice, get());
		await same(pair, "/device/token", token("device-code-1"));
		await same(pair, "/device/token", token("device-code-1"));
		await same(pair, "/device/code", json({ client_id: "cli" }));
		for (const side of [pair.ours, pair.reference])
			side.database.prepare("update deviceCode set expiresAt = ?").run(new Date(Date.now() - 1000).toISOString());
		await withCookies(pair, "/device?user_code=ABCDEFG3", alice, get());
		await withCookies(pair, "/device/approve", alice, json({ userCode: "ABCDEFG3" }));
		await same(pair, "/device/token", token("device-code-2"));
		expect(rows(pair.ours)).toEqual(rows(pair.reference));
	});

	it("answers bad token and verification requests alike", async () => {
		const pair = await pairFor();
		await same(pair, "/device/code", json({ client_id: "cli" }));
		await same(pair, "/device/token", token("nope"));
		await same(pair, "/device/token", token("device-code-1", "other"));
		await same(pair, "/device/token", token("device-code-1", "banned"));
		await same(pair, "/device/token", json({}));
		await same(pair, "/device/token", json({ grant_type: "password", device_code: "x", client_id: "cli" }));
		await same(pair, "/device?user_code=NOPE", get());
		await same(pair, "/device", get());
		const alice = await signUp(pair, "a@x.com");
		await withCookies(pair, "/device/approve", alice, json({ userCode: "NOPE" }));
		await withCookies(pair, "/device/approve", alice, json({}));
		await same(pair, "/device/deny", json({ userCode: "ABCDEFG2" }));
	});
});
