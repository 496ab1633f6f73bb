/**
 * HMAC-SHA256 signatures with Web Crypto, keys imported once per secret.
 * Signed cookie values are `value.base64(HMAC-SHA256(secret, value))`, as Better Auth signs them.
 */
import { constantTimeEqual } from "./random";

const keys = new Map<string, Promise<CryptoKey>>();

type NodeCrypto = {
	createHmac: (
		algorithm: string,
		key: string,
	) => { update(data: string): { digest(encoding: "base64" | "base64url"): string } };
};
/**
 * node:crypto when the runtime has it: a synchronous HMAC of a short value costs about a
 * microsecond, while Web Crypto's async sign pays a thread-pool round trip on every request.
 */
const nodeCrypto = (
	globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }
).process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;

function hmacKey(secret: string): Promise<CryptoKey> {
	let key = keys.get(secret);
	if (!key) {
		key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
			"sign",
		]);
		keys.set(secret, key);
	}
	return key;
}

function toBase64(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** HMAC-SHA256 of `value`, standard base64 with padding. */
export async function makeSignature(value: string, secret: string): Promise<string> {
	if (nodeCrypto) return nodeCrypto.createHmac("sha256", secret).update(value).digest("base64");
	const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), new TextEncoder().encode(value));
	return toBase64(new Uint8Array(signature));
}

/** HMAC-SHA256 of `value`, base64url without padding. */
export async function makeSignatureBase64Url(value: string, secret: string): Promise<string> {
	if (nodeCrypto) return nodeCrypto.createHmac("sha256", secret).update(value).digest("base64url");
	return (await makeSignature(value, secret)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `value.signature` */
export async function signValue(value: string, secret: string): Promise<string> {
	return `${value}.${await makeSignature(value, secret)}`;
}

/** The value of a `value.signature` string, or null when the signature does not match. */
export async function verifySignedValue(signed: string, secret: string): Promise<string | null> {
	const dot = signed.lastIndexOf(".");
	if (dot <= 0) return null;
	const value = signed.slice(0, dot);
	const signature = signed.slice(dot + 1);
	if (signature.length !== 44 || !signature.endsWith("=")) return null;
	return constantTimeEqual(await makeSignature(value, secret), signature) ? value : null;
}
