/**
 * Emailed/texted one-time passwords: random digits kept in the `verification` table as
 * `<stored code>:<wrong attempts>` until used, expired or guessed at too often.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { constantTimeEqual, generateRandomString } from "../../crypto/random";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric";
import type { OTPStorage } from "./types";

export function generateOTP(digits: number): string {
	return generateRandomString(digits, "0-9");
}

/** SHA-256, base64url without padding (Better Auth's default key hasher). */
function hashOTP(otp: string): string {
	let binary = "";
	for (const byte of sha256(new TextEncoder().encode(otp))) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The form a code is stored in. */
export async function storeOTP(otp: string, storage: OTPStorage, secret: string): Promise<string> {
	if (storage === "plain") return otp;
	if (storage === "hashed") return hashOTP(otp);
	if (storage === "encrypted") return symmetricEncrypt({ key: secret, data: otp });
	if ("hash" in storage) return storage.hash(otp);
	return storage.encrypt(otp);
}

/** Whether `otp` is the code `stored` holds. */
export async function matchesOTP(otp: string, stored: string, storage: OTPStorage, secret: string): Promise<boolean> {
	if (storage === "plain") return constantTimeEqual(otp, stored);
	if (storage === "hashed") return constantTimeEqual(hashOTP(otp), stored);
	if (typeof storage === "object" && "hash" in storage) return constantTimeEqual(await storage.hash(otp), stored);
	try {
		const plain =
			storage === "encrypted" ? await symmetricDecrypt({ key: secret, data: stored }) : await storage.decrypt(stored);
		return constantTimeEqual(otp, plain);
	} catch {
		return false;
	}
}

/** `<stored>:<attempts>` → its parts; the stored code may itself contain colons. */
export function parseOTPValue(value: string): { stored: string; attempts: number } {
	const colon = value.lastIndexOf(":");
	if (colon < 0) return { stored: value, attempts: 0 };
	const attempts = Number(value.slice(colon + 1));
	return { stored: value.slice(0, colon), attempts: Number.isFinite(attempts) ? attempts : 0 };
}
