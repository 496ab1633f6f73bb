import { describe, expect, it } from "vitest";
import {
	generateRandomString,
	hashPassword,
	signValue,
	symmetricDecrypt,
	symmetricEncrypt,
	verifyPassword,
	verifySignedValue,
} from ".";

// Produced by better-auth 1.7.24 (black box), kept as data: existing databases hold such hashes.
const REFERENCE_HASH =
	"42c7fde28ef1dc837c435e2c913c2317:f892d45d29a4919ee0719e8983b2644bb49ee8f7b15170a6fc2ed6a6ef9bfe927c711efd46dbcc7c87e27146eb69ed00db9c9cda084b92e5b47ba06973bf9720";
const REFERENCE_UNICODE_HASH =
	"639fb182849a0f468040628fadace154:bdbf60f273c0e33e7c73213c4a6ef7ff0c103f398702018f3c7e00c2ab4da4b0ec9bfac885b50ce58defa14d64572c6b654723809b55177ee4db4f7357a7a686";
const REFERENCE_CIPHERTEXT =
	"af4020c346dc5552729647d98e10f8d570c55b7ad0f7096bc35549fe28ac454658bf5106225f9e525933ea65ac441f33826615";
const REFERENCE_COOKIE = "SspWfaSBDazwoLLWOnLpAOd76cUF5ijB.UrhN2M9/m5JR7dBaeogVsghIoOzyfYCVxzWH0uY/EQ0=";
const SECRET = "x".repeat(32);

describe("passwords", () => {
	it("verifies hashes made by better-auth 1.7", async () => {
		expect(await verifyPassword({ hash: REFERENCE_HASH, password: "password123" })).toBe(true);
		expect(await verifyPassword({ hash: REFERENCE_HASH, password: "password124" })).toBe(false);
		expect(await verifyPassword({ hash: REFERENCE_UNICODE_HASH, password: "pässwörd ﬁ 123" })).toBe(true);
		// NFKC: the ligature "ﬁ" and "fi" are the same password.
		expect(await verifyPassword({ hash: REFERENCE_UNICODE_HASH, password: "pässwörd fi 123" })).toBe(true);
	});

	it("hashes in the same salt:key hex format", async () => {
		const hash = await hashPassword("correct horse");
		expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
		expect(await verifyPassword({ hash, password: "correct horse" })).toBe(true);
		expect(await hashPassword("correct horse")).not.toBe(hash);
	});

	it("answers false for malformed hashes instead of throwing", async () => {
		for (const hash of ["", "nocolon", "a:b", `${"a".repeat(32)}:zz`, `${REFERENCE_HASH}:extra`]) {
			expect(await verifyPassword({ hash, password: "password123" }), hash).toBe(false);
		}
	});

	it("hashes off the event loop: other callbacks run while 8 hashes are in progress", async () => {
		// Ordering, not timing (the benchmark measures delays): a hash computed on the main thread
		// would finish before any queued callback could run.
		const events: string[] = [];
		let turns = 0;
		let spinning = true;
		const spin = () => {
			turns++;
			if (spinning) setImmediate(spin);
		};
		setImmediate(spin);
		const hashes = Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password-${i}`))).then(() =>
			events.push("hashed"),
		);
		setImmediate(() => events.push("callback"));
		await hashes;
		spinning = false;
		expect(events).toEqual(["callback", "hashed"]);
		expect(turns).toBeGreaterThan(8);
	});
});

describe("signatures and encryption", () => {
	it("verifies a session cookie value signed by better-auth 1.7, and signs identically", async () => {
		expect(await verifySignedValue(REFERENCE_COOKIE, SECRET)).toBe("SspWfaSBDazwoLLWOnLpAOd76cUF5ijB");
		expect(await signValue("SspWfaSBDazwoLLWOnLpAOd76cUF5ijB", SECRET)).toBe(REFERENCE_COOKIE);
	});

	it("rejects tampered values, signatures and other secrets", async () => {
		expect(await verifySignedValue(REFERENCE_COOKIE.replace("Ssp", "Xsp"), SECRET)).toBeNull();
		expect(await verifySignedValue(REFERENCE_COOKIE.replace("UrhN", "UrhM"), SECRET)).toBeNull();
		expect(await verifySignedValue(REFERENCE_COOKIE, "y".repeat(32))).toBeNull();
		expect(await verifySignedValue("no-signature", SECRET)).toBeNull();
	});

	it("decrypts better-auth 1.7's ciphertext and round-trips its own", async () => {
		expect(await symmetricDecrypt({ key: SECRET, data: REFERENCE_CIPHERTEXT })).toBe("hello token");
		const sealed = await symmetricEncrypt({ key: SECRET, data: "refresh-token-ü" });
		expect(sealed).toMatch(/^[0-9a-f]+$/);
		expect(await symmetricDecrypt({ key: SECRET, data: sealed })).toBe("refresh-token-ü");
		await expect(symmetricDecrypt({ key: "other", data: sealed })).rejects.toThrow();
	});

	it("generates random strings from the requested alphabets", () => {
		expect(generateRandomString(64, "a-z")).toMatch(/^[a-z]{64}$/);
		expect(generateRandomString(32, "A-Z", "0-9")).toMatch(/^[A-Z0-9]{32}$/);
		expect(new Set(Array.from({ length: 50 }, () => generateRandomString(16))).size).toBe(50);
	});
});
