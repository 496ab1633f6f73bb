/** Generating, hashing and previewing keys. */
import { generateRandomString } from "../../crypto/random";
import type { ApiKeyConfig } from "./config";

/** `prefix` + `length` random letters, the format better-auth 1.7 generates. */
export async function generateKey(config: ApiKeyConfig, prefix: string | undefined): Promise<string> {
	if (config.customKeyGenerator) return config.customKeyGenerator({ length: config.defaultKeyLength, prefix });
	return `${prefix ?? ""}${generateRandomString(config.defaultKeyLength, "a-z", "A-Z")}`;
}

function base64url(bytes: Uint8Array): string {
	let binary = "";
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * SHA-256 of the key, base64url without padding: what better-auth 1.7 stores, so keys created by
 * either implementation verify in the other. A fast hash is enough here: keys are long and random,
 * so there is nothing to brute-force, and verification runs on every request.
 */
export async function defaultKeyHasher(key: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
	return base64url(new Uint8Array(digest));
}

/** The value stored in the `key` column. */
export function storedKey(config: ApiKeyConfig, key: string): Promise<string> {
	return config.disableKeyHashing ? Promise.resolve(key) : defaultKeyHasher(key);
}

/** The `start` column: the first characters of the key, prefix included, or null. */
export function startOf(config: ApiKeyConfig, key: string): string | null {
	return config.storeStart ? key.slice(0, config.startLength) : null;
}
