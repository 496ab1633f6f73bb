import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { TWO_FACTOR_ERROR_CODES as CLIENT_CODES } from "../../client/plugins/two-factor";
import { decodeBackupCodes, encodeBackupCodes, generateBackupCodes } from "./backup-codes";
import { TWO_FACTOR_ERROR_CODES } from "./error-codes";
import { matchesOTP, parseOTPValue, storeOTP } from "./otp";
import { generateTOTP, generateTOTPSecret, totpURI, verifyTOTP } from "./totp";

const settings = { digits: 6, period: 30 };
const secret = "abcdefghijklmnopqrstuvwxyz012345";

describe("totp", () => {
	it("matches RFC 6238's test vector (SHA-1, 8 digits, key '12345678901234567890')", () => {
		const rfc = "12345678901234567890";
		expect(generateTOTP(rfc, { digits: 8, period: 30 }, 59_000)).toBe("94287082");
		expect(generateTOTP(rfc, { digits: 8, period: 30 }, 1_111_111_109_000)).toBe("07081804");
		expect(generateTOTP(rfc, { digits: 8, period: 30 }, 20_000_000_000_000)).toBe("65353130");
	});

	it("uses the secret's UTF-8 bytes as the key, as authenticator apps read it from the URI", () => {
		const uri = totpURI(secret, "Acme", "a@x.com", settings);
		const fromApp = TOTP.generate({ secret: Secret.fromBase32(new URL(uri).searchParams.get("secret") as string) });
		expect(verifyTOTP(secret, fromApp, settings)).toBe(true);
	});

	it("builds better-auth 1.7's URI form", () => {
		expect(totpURI(secret, "Acme & Co", "b+1@x.com", { digits: 8, period: 60 })).toBe(
			`otpauth://totp/Acme%20%26%20Co:b%2B1%40x.com?secret=${Secret.fromUTF8(secret).base32}&issuer=Acme+%26+Co&digits=8&period=60`,
		);
	});

	it("accepts one period either side, nothing further, and only digit strings of the right length", () => {
		const now = Date.now();
		expect(verifyTOTP(secret, generateTOTP(secret, settings, now - 30_000), settings)).toBe(true);
		expect(verifyTOTP(secret, generateTOTP(secret, settings, now + 30_000), settings)).toBe(true);
		const far = generateTOTP(secret, settings, now - 120_000);
		const near = [-30_000, 0, 30_000].map((offset) => generateTOTP(secret, settings, now + offset));
		if (!near.includes(far)) expect(verifyTOTP(secret, far, settings)).toBe(false);
		for (const code of ["", "12345", "1234567", " 12345", "12345a"])
			expect(verifyTOTP(secret, code, settings)).toBe(false);
	});

	it("generates 32-character secrets, different each time", () => {
		const secrets = new Set(Array.from({ length: 50 }, generateTOTPSecret));
		expect(secrets.size).toBe(50);
		for (const value of secrets) expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});
});

describe("otp storage", () => {
	it("round-trips every storage mode", async () => {
		for (const storage of ["plain", "hashed", "encrypted", { hash: (otp: string) => `#${otp}` }] as const) {
			const stored = await storeOTP("123456", storage, "secret-key");
			expect(await matchesOTP("123456", stored, storage, "secret-key")).toBe(true);
			expect(await matchesOTP("654321", stored, storage, "secret-key")).toBe(false);
		}
		expect(await storeOTP("123456", "hashed", "k")).toBe("jZae727K08KaOmKSgOaGzww_XVqGr_PKEgIMkjrcbJI");
		// A stored code encrypted with another secret does not match (and does not throw).
		const foreign = await storeOTP("123456", "encrypted", "other-key");
		expect(await matchesOTP("123456", foreign, "encrypted", "secret-key")).toBe(false);
	});

	it("parses `<stored>:<attempts>`", () => {
		expect(parseOTPValue("123456:3")).toEqual({ stored: "123456", attempts: 3 });
		expect(parseOTPValue("a:b:2")).toEqual({ stored: "a:b", attempts: 2 });
		expect(parseOTPValue("123456")).toEqual({ stored: "123456", attempts: 0 });
	});
});

describe("backup codes", () => {
	const config = { amount: 10, length: 10, storage: "encrypted" as const };

	it("generates xxxxx-xxxxx codes", () => {
		const codes = generateBackupCodes(config);
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);
	});

	it("encodes and decodes; unreadable rows decode to null", async () => {
		const codes = ["aaaaa-bbbbb", "ccccc-ddddd"];
		const stored = await encodeBackupCodes(codes, "encrypted", "k");
		expect(await decodeBackupCodes(stored, "encrypted", "k")).toEqual(codes);
		expect(await decodeBackupCodes(stored, "encrypted", "wrong")).toBeNull();
		expect(await decodeBackupCodes("not json", "plain", "k")).toBeNull();
		expect(await decodeBackupCodes('{"a":1}', "plain", "k")).toBeNull();
	});
});

describe("error codes", () => {
	it("the client's copy equals the server's table", () => {
		expect(CLIENT_CODES).toEqual(TWO_FACTOR_ERROR_CODES);
	});
});
