import { describe, expect, it } from "vitest";
import { cookieHeader, getTestInstance } from "../../test";
import { parseSiweMessage, siwe, toChecksumAddress } from "./index";
import type { SiweOptions, SiweVerifyMessageArgs } from "./types";

const ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
const OTHER = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";

function message(
	nonce: string,
	o: { domain?: string; address?: string; chain?: number | string; extra?: string } = {},
) {
	return (
		[
			`${o.domain ?? "example.com"} wants you to sign in with your Ethereum account:`,
			o.address ?? ADDRESS,
			"",
			"Sign in to the app",
			"",
			"URI: http://localhost:3000",
			"Version: 1",
			`Chain ID: ${o.chain ?? 1}`,
			`Nonce: ${nonce}`,
			"Issued At: 2026-01-01T00:00:00.000Z",
		].join("\n") + (o.extra ?? "")
	);
}

async function setup(options: Partial<SiweOptions> = {}) {
	let counter = 0;
	const calls: SiweVerifyMessageArgs[] = [];
	const instance = await getTestInstance({
		plugins: [
			siwe({
				domain: "example.com",
				getNonce: async () => `nonce${String(++counter).padStart(8, "0")}`,
				verifyMessage: async (args) => {
					calls.push(args);
					return args.signature === "good";
				},
				...options,
			}),
		],
	});
	const nonce = async () =>
		((await (await instance.request("/siwe/nonce", { body: {} })).json()) as { nonce: string }).nonce;
	const verify = (body: Record<string, unknown>) => instance.request("/siwe/verify", { body });
	const query = (sql: string) => instance.database.prepare(sql).all() as Record<string, unknown>[];
	return { ...instance, nonce, verify, query, calls };
}

async function expectError(response: Response, status: number, code: string) {
	expect(response.status).toBe(status);
	expect(await response.json()).toMatchObject({ code });
}

describe("siwe: helpers", () => {
	it("checksums addresses per EIP-55", () => {
		expect(toChecksumAddress(ADDRESS.toLowerCase())).toBe(ADDRESS);
		expect(toChecksumAddress(OTHER.toUpperCase().replace("0X", "0x"))).toBe(OTHER);
		expect(toChecksumAddress("0xde709f2102306220921060314715629080e2fb77")).toBe(
			"0xde709f2102306220921060314715629080e2fb77",
		);
	});

	it("parses the message fields", () => {
		const parsed = parseSiweMessage(
			`${message("abcdefgh1", { chain: 137 })}\nExpiration Time: 2030-01-01T00:00:00Z\nResources:\n- https://a/1`,
		);
		expect(parsed).toMatchObject({
			domain: "example.com",
			address: ADDRESS,
			statement: "Sign in to the app",
			uri: "http://localhost:3000",
			chainId: "137",
			nonce: "abcdefgh1",
			expirationTime: "2030-01-01T00:00:00Z",
			resources: ["https://a/1"],
		});
		expect(parseSiweMessage("garbage")).toBeNull();
		expect(parseSiweMessage("example.com wants you to sign in with your Ethereum account:")).toBeNull();
	});
});

describe("siwe: nonce", () => {
	it("returns the app's nonce and stores it for 15 minutes", async () => {
		const { request, query } = await setup();
		const response = await request("/siwe/nonce", { body: {} });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ nonce: "nonce00000001" });
		const [row] = query("select identifier, value, expiresAt from verification");
		expect(row).toMatchObject({ identifier: "siwe:nonce00000001", value: "nonce00000001" });
		const ttl = new Date(row.expiresAt as string).getTime() - Date.now();
		expect(ttl).toBeGreaterThan(14 * 60 * 1000);
		expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
	});

	it("answers /siwe/get-nonce the same way", async () => {
		const { request, query } = await setup();
		const response = await request("/siwe/get-nonce", { body: {} });
		expect(await response.json()).toEqual({ nonce: "nonce00000001" });
		expect(query("select identifier from verification")).toEqual([{ identifier: "siwe:nonce00000001" }]);
	});

	it("refuses unknown body keys", async () => {
		const { request } = await setup();
		await expectError(await request("/siwe/nonce", { body: { walletAddress: ADDRESS } }), 400, "VALIDATION_ERROR");
	});
});

describe("siwe: verify", () => {
	it("signs a new wallet in, creating user, wallet and account", async () => {
		const { nonce, verify, query, calls, request } = await setup();
		const n = await nonce();
		const response = await verify({ message: message(n), signature: "good" });
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ success: true, user: { walletAddress: ADDRESS, chainId: 1 } });
		expect(typeof body.token).toBe("string");
		expect(calls[0]).toMatchObject({ signature: "good", address: ADDRESS, chainId: 1, message: message(n) });
		expect(calls[0].cacao?.p).toMatchObject({ domain: "example.com", nonce: n, iss: `did:pkh:eip155:1:${ADDRESS}` });
		expect(query("select name, email, image from user")).toEqual([
			{ name: ADDRESS, email: `${ADDRESS.toLowerCase()}@siwe.placeholder.invalid`, image: "" },
		]);
		expect(query("select address, chainId, isPrimary from walletAddress")).toEqual([
			{ address: ADDRESS, chainId: 1, isPrimary: 1 },
		]);
		expect(query("select providerId, accountId from account")).toEqual([
			{ providerId: "siwe", accountId: `${ADDRESS}:1` },
		]);
		const session = await (await request("/get-session", { cookie: cookieHeader(response) })).json();
		expect(session.user.id).toBe(body.user.id);
		expect(query("select * from verification")).toEqual([]);
	});

	it("signs the same user in again, and links a new chain to it", async () => {
		const { nonce, verify, query } = await setup();
		const first = await (await verify({ message: message(await nonce()), signature: "good" })).json();
		// A lowercase address is the same wallet.
		const again = await (
			await verify({ message: message(await nonce(), { address: ADDRESS.toLowerCase() }), signature: "good" })
		).json();
		expect(again.user).toEqual(first.user);
		const polygon = await (await verify({ message: message(await nonce(), { chain: 137 }), signature: "good" })).json();
		expect(polygon.user).toEqual({ id: first.user.id, walletAddress: ADDRESS, chainId: 137 });
		expect(query("select chainId, isPrimary from walletAddress order by chainId")).toEqual([
			{ chainId: 1, isPrimary: 1 },
			{ chainId: 137, isPrimary: 0 },
		]);
		expect(query("select accountId from account order by accountId").map((row) => row.accountId)).toEqual([
			`${ADDRESS}:1`,
			`${ADDRESS}:137`,
		]);
		expect(query("select id from user")).toHaveLength(1);
	});

	it("uses ensLookup and emailDomainName for new users", async () => {
		const { nonce, verify, query } = await setup({
			emailDomainName: "wallet.test",
			ensLookup: async ({ walletAddress }) => ({ name: `${walletAddress.slice(2, 6)}.eth`, avatar: "https://a/b.png" }),
		});
		expect((await verify({ message: message(await nonce()), signature: "good" })).status).toBe(200);
		expect(query("select name, email, image from user")).toEqual([
			{ name: "5290.eth", email: `${ADDRESS.toLowerCase()}@wallet.test`, image: "https://a/b.png" },
		]);
	});

	it("requires an email when anonymous is false, and uses it when free", async () => {
		const { nonce, verify, query } = await setup({ anonymous: false });
		const n = await nonce();
		const missing = await verify({ message: message(n), signature: "good" });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toMatchObject({
			code: "VALIDATION_ERROR",
			message: expect.stringContaining("Email is required when the anonymous plugin option is disabled."),
		});
		await expectError(await verify({ message: message(n), signature: "good", email: "nope" }), 400, "VALIDATION_ERROR");
		expect((await verify({ message: message(n), signature: "good", email: "A@Example.com" })).status).toBe(200);
		// Taken: the second wallet gets a placeholder address instead.
		const other = await verify({
			message: message(await nonce(), { address: OTHER }),
			signature: "good",
			email: "a@example.com",
		});
		expect(other.status).toBe(200);
		expect(query("select email from user order by createdAt").map((row) => row.email)).toEqual([
			"a@example.com",
			`${OTHER.toLowerCase()}@siwe.placeholder.invalid`,
		]);
	});

	it("spends the nonce on any attempt that names it", async () => {
		const { nonce, verify } = await setup();
		const n = await nonce();
		await expectError(
			await verify({ message: message(n), signature: "bad" }),
			401,
			"UNAUTHORIZED_INVALID_SIWE_SIGNATURE",
		);
		await expectError(
			await verify({ message: message(n), signature: "good" }),
			401,
			"UNAUTHORIZED_INVALID_OR_EXPIRED_NONCE",
		);
		await expectError(
			await verify({ message: message("neverissued1"), signature: "good" }),
			401,
			"UNAUTHORIZED_INVALID_OR_EXPIRED_NONCE",
		);
	});

	it("answers a failing signature check in better-auth 1.7's shape", async () => {
		const { nonce, verify } = await setup({
			verifyMessage: async () => {
				throw new Error("rpc down");
			},
		});
		const response = await verify({ message: message(await nonce()), signature: "good" });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({
			code: "UNAUTHORIZED_INVALID_SIWE_SIGNATURE",
			message: "Unauthorized: Invalid SIWE signature",
			status: 401,
		});
	});

	it("refuses messages for another domain, a bad address or chain, or garbage", async () => {
		const { nonce, verify, query } = await setup();
		const mismatch = "UNAUTHORIZED_SIWE_MESSAGE_MISMATCH";
		await expectError(await verify({ message: "garbage", signature: "good" }), 401, mismatch);
		await expectError(
			await verify({ message: message(await nonce(), { domain: "evil.com" }), signature: "good" }),
			401,
			mismatch,
		);
		await expectError(
			await verify({ message: message(await nonce(), { chain: "abc" }), signature: "good" }),
			401,
			mismatch,
		);
		const noChain = `example.com wants you to sign in with your Ethereum account:\n${ADDRESS}\n\nNonce: ${await nonce()}`;
		await expectError(await verify({ message: noChain, signature: "good" }), 401, mismatch);
		await expectError(await verify({ message: ` ${message(await nonce())}`, signature: "good" }), 401, mismatch);
		const badAddress = await nonce();
		await expectError(
			await verify({ message: message(badAddress, { address: "0x1234" }), signature: "good" }),
			401,
			mismatch,
		);
		// The nonce was spent by the attempt.
		await expectError(
			await verify({ message: message(badAddress), signature: "good" }),
			401,
			"UNAUTHORIZED_INVALID_OR_EXPIRED_NONCE",
		);
		expect(query("select id from user")).toEqual([]);
	});

	it("checks the expiration time and not-before", async () => {
		const { nonce, verify } = await setup();
		await expectError(
			await verify({
				message: message(await nonce(), { extra: "\nExpiration Time: 2020-01-01T00:00:00Z" }),
				signature: "good",
			}),
			401,
			"UNAUTHORIZED_SIWE_MESSAGE_EXPIRED",
		);
		await expectError(
			await verify({
				message: message(await nonce(), { extra: "\nNot Before: 2099-01-01T00:00:00Z" }),
				signature: "good",
			}),
			401,
			"UNAUTHORIZED_SIWE_MESSAGE_NOT_YET_VALID",
		);
		const future = message(await nonce(), { extra: "\nExpiration Time: 2099-01-01T00:00:00Z" });
		expect((await verify({ message: future, signature: "good" })).status).toBe(200);
	});

	it("refuses malformed bodies with 400", async () => {
		const { verify, nonce } = await setup();
		const n = await nonce();
		await expectError(await verify({}), 400, "VALIDATION_ERROR");
		await expectError(await verify({ message: "", signature: "" }), 400, "VALIDATION_ERROR");
		await expectError(await verify({ message: message(n), signature: 5 }), 400, "VALIDATION_ERROR");
		await expectError(await verify({ message: message(n), signature: "good", email: 5 }), 400, "VALIDATION_ERROR");
		await expectError(
			await verify({ message: message(n), signature: "good", walletAddress: ADDRESS }),
			400,
			"VALIDATION_ERROR",
		);
		// None of these spent the nonce.
		expect((await verify({ message: message(n), signature: "good" })).status).toBe(200);
	});

	it("requires the callbacks at start-up", () => {
		expect(() => siwe({ domain: "example.com" } as SiweOptions)).toThrow(/getNonce/);
	});
});
