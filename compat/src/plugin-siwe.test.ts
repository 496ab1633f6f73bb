/**
 * The SIWE plugin against better-auth 1.7.24: nonces, message checks, sign-in and linking.
 * Not compared here (deliberate difference, see docs/plugins/siwe.md): the `code` of a failed
 * signature check (better-auth 1.7 sends none).
 */

import { siwe } from "better-auth/plugins";
import { siwe as referenceSiwe } from "better-auth-reference/plugins";
import { describe, expect, it } from "vitest";
import { BASE_URL, cookieNames, createPair, type Pair, read, shapeOf } from "./harness";

const ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";

const json = (body: unknown): RequestInit => ({
	method: "POST",
	headers: { "content-type": "application/json", origin: BASE_URL },
	body: JSON.stringify(body),
});

const message = (nonce: string, o: { domain?: string; address?: string; chain?: number; extra?: string } = {}) =>
	`${o.domain ?? "example.com"} wants you to sign in with your Ethereum account:\n${o.address ?? ADDRESS}\n\nSign in\n\nURI: ${BASE_URL}\nVersion: 1\nChain ID: ${o.chain ?? 1}\nNonce: ${nonce}\nIssued At: 2026-01-01T00:00:00.000Z${o.extra ?? ""}`;

function pairFor(extra: Record<string, unknown> = {}) {
	// Both sides hand out the same nonces, so one message is valid on both.
	const make = () => {
		let n = 0;
		return {
			domain: "example.com",
			getNonce: async () => `nonce${String(++n).padStart(8, "0")}`,
			verifyMessage: async ({ signature }: { signature: string }) => signature === "good",
			...extra,
		};
	};
	return createPair(
		{ logger: { disabled: true }, plugins: [siwe(make())] },
		{ logger: { disabled: true }, plugins: [referenceSiwe(make() as never)] },
	);
}

async function same(pair: Pair, path: string, init?: RequestInit) {
	const { ours, reference } = await pair.request(path, init);
	const [a, b] = [await read(ours), await read(reference)];
	expect(a.status, `${path} status`).toBe(b.status);
	const code = (body: unknown) => (body && typeof body === "object" ? (body as { code?: string }).code : undefined);
	// Our one addition: a failed signature check carries a code.
	const mine = { ...(a.body as object) } as Record<string, unknown>;
	if (!code(b.body) && mine.code === "UNAUTHORIZED_INVALID_SIWE_SIGNATURE") delete mine.code;
	expect(shapeOf(a.body && typeof a.body === "object" ? mine : a.body), `${path} body shape`).toEqual(shapeOf(b.body));
	if (code(b.body)) expect(code(a.body), `${path} code`).toBe(code(b.body));
	expect(cookieNames(ours), `${path} cookies`).toEqual(cookieNames(reference));
	return { a, b };
}

const rows = (side: Pair["ours"], sql: string) => side.database.prepare(sql).all();

describe("compat: siwe plugin", () => {
	it("creates the same walletAddress table", async () => {
		const pair = await pairFor();
		const sql = "select sql from sqlite_master where name = 'walletAddress'";
		expect(rows(pair.ours, sql)).toEqual(rows(pair.reference, sql));
	});

	it("issues and stores nonces alike", async () => {
		const pair = await pairFor();
		const { a } = await same(pair, "/siwe/nonce", json({}));
		expect(a.body).toEqual({ nonce: "nonce00000001" });
		await same(pair, "/siwe/nonce", { method: "POST", headers: { origin: BASE_URL } });
		await same(pair, "/siwe/nonce", json({ walletAddress: ADDRESS }));
		await same(pair, "/siwe/get-nonce", json({}));
		await same(pair, "/siwe/get-nonce", json({ chainId: 1 }));
		const sql = "select identifier, value from verification order by identifier";
		expect(rows(pair.ours, sql)).toEqual(rows(pair.reference, sql));
	});

	it("signs in, signs in again and links a chain alike", async () => {
		const pair = await pairFor();
		await same(pair, "/siwe/nonce", json({}));
		await same(pair, "/siwe/verify", json({ message: message("nonce00000001"), signature: "good" }));
		await same(pair, "/siwe/nonce", json({}));
		await same(
			pair,
			"/siwe/verify",
			json({ message: message("nonce00000002", { address: ADDRESS.toLowerCase() }), signature: "good" }),
		);
		await same(pair, "/siwe/nonce", json({}));
		await same(pair, "/siwe/verify", json({ message: message("nonce00000003", { chain: 137 }), signature: "good" }));
		for (const sql of [
			"select name, email, image, emailVerified from user",
			"select address, chainId, isPrimary from walletAddress order by chainId",
			"select providerId, accountId from account order by accountId",
			"select identifier from verification",
		]) {
			expect(rows(pair.ours, sql), sql).toEqual(rows(pair.reference, sql));
		}
	});

	it("answers every failure alike", async () => {
		const pair = await pairFor();
		for (let i = 0; i < 6; i++) await same(pair, "/siwe/nonce", json({}));
		const cases = [
			{ message: "garbage", signature: "good" },
			{ message: message("nonce00000001", { domain: "evil.com" }), signature: "good" },
			{ message: message("nonce00000001"), signature: "good" }, // spent by the mismatch above
			{ message: message("unknown00001"), signature: "good" },
			{ message: message("nonce00000002", { extra: "\nExpiration Time: 2020-01-01T00:00:00Z" }), signature: "good" },
			{ message: message("nonce00000003", { extra: "\nNot Before: 2099-01-01T00:00:00Z" }), signature: "good" },
			{ message: message("nonce00000004", { address: "0x1234" }), signature: "good" },
			{ message: message("nonce00000004"), signature: "good" },
			{ message: message("nonce00000005"), signature: "bad" },
			{},
			{ message: "", signature: "" },
			{ message: message("nonce00000006"), signature: 5 },
			{ message: message("nonce00000006"), signature: "good", email: "nope" },
			{ message: message("nonce00000006"), signature: "good", walletAddress: ADDRESS },
		];
		for (const body of cases) await same(pair, "/siwe/verify", json(body));
		expect(rows(pair.ours, "select id from user")).toEqual([]);
		expect(rows(pair.reference, "select id from user")).toEqual([]);
	});

	it("requires an email without anonymous sign-in and uses it alike", async () => {
		const pair = await pairFor({
			anonymous: false,
			emailDomainName: "wallet.test",
			ensLookup: async () => ({ name: "vitalik.eth", avatar: "https://a/b.png" }),
		});
		await same(pair, "/siwe/nonce", json({}));
		await same(pair, "/siwe/verify", json({ message: message("nonce00000001"), signature: "good" }));
		await same(
			pair,
			"/siwe/verify",
			json({ message: message("nonce00000001"), signature: "good", email: "A@Example.com" }),
		);
		await same(pair, "/siwe/nonce", json({}));
		const other = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
		await same(
			pair,
			"/siwe/verify",
			json({ message: message("nonce00000002", { address: other }), signature: "good", email: "a@example.com" }),
		);
		const sql = "select name, email, image from user order by email";
		expect(rows(pair.ours, sql)).toEqual(rows(pair.reference, sql));
	});
});
