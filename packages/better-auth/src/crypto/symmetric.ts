/**
 * Symmetric encryption in Better Auth's format (for encrypted OAuth tokens and the like):
 * XChaCha20-Poly1305 with the key SHA-256(secret), output hex(nonce[24] ‖ ciphertext+tag).
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

export async function symmetricEncrypt({ key, data }: { key: string; data: string }): Promise<string> {
	const nonce = crypto.getRandomValues(new Uint8Array(24));
	const sealed = xchacha20poly1305(sha256(utf8ToBytes(key)), nonce).encrypt(utf8ToBytes(data));
	const out = new Uint8Array(nonce.length + sealed.length);
	out.set(nonce);
	out.set(sealed, nonce.length);
	return bytesToHex(out);
}

/** Decrypts `symmetricEncrypt` output; throws when the data was altered or the key is wrong. */
export async function symmetricDecrypt({ key, data }: { key: string; data: string }): Promise<string> {
	const bytes = hexToBytes(data);
	const opened = xchacha20poly1305(sha256(utf8ToBytes(key)), bytes.subarray(0, 24)).decrypt(bytes.subarray(24));
	return new TextDecoder().decode(opened);
}
