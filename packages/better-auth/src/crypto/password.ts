/**
 * Password hashing with scrypt, in Better Auth's format so existing hashes verify:
 * N=16384, r=16, p=1, 64-byte key, password NFKC-normalised, a 16-byte random salt used as its
 * 32-character hex string, stored as `salt:key` in hex.
 *
 * Hashing runs off the event loop: node:crypto's scrypt uses libuv's thread pool. Runtimes
 * without node:crypto fall back to @noble/hashes' async scrypt (same output).
 */
import { constantTimeEqual } from "./random";

const PARAMS = { N: 16384, r: 16, p: 1, dkLen: 64 } as const;
// scrypt needs 128 * N * r bytes; node's default cap (32 MiB) is exactly that, so leave headroom.
const MAX_MEM = 128 * PARAMS.N * PARAMS.r * 2;

type NodeScrypt = (
	password: string,
	salt: string,
	keylen: number,
	options: { N: number; r: number; p: number; maxmem: number },
	callback: (error: Error | null, key: Uint8Array) => void,
) => void;

let nodeScrypt: Promise<NodeScrypt | null> | undefined;
function loadNodeScrypt(): Promise<NodeScrypt | null> {
	nodeScrypt ??= import("node:crypto").then(
		(crypto) => crypto.scrypt as unknown as NodeScrypt,
		() => null,
	);
	return nodeScrypt;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

async function deriveKey(password: string, salt: string): Promise<Uint8Array> {
	const normalised = password.normalize("NFKC");
	const scrypt = await loadNodeScrypt();
	if (scrypt) {
		return new Promise((resolve, reject) => {
			scrypt(
				normalised,
				salt,
				PARAMS.dkLen,
				{ N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAX_MEM },
				(error, key) => (error ? reject(error) : resolve(new Uint8Array(key))),
			);
		});
	}
	const { scryptAsync } = await import("@noble/hashes/scrypt.js");
	return scryptAsync(normalised, salt, { ...PARAMS, maxmem: MAX_MEM });
}

/** Hashes a password: `salt:key`, both hex. */
export async function hashPassword(password: string): Promise<string> {
	const salt = toHex(crypto.getRandomValues(new Uint8Array(16)));
	return `${salt}:${toHex(await deriveKey(password, salt))}`;
}

/** Checks a password against a stored hash; a malformed hash is simply `false`. */
export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
	const [salt, key, extra] = typeof hash === "string" ? hash.split(":") : [];
	if (!salt || !key || extra !== undefined || !/^[0-9a-f]+$/i.test(key) || key.length !== PARAMS.dkLen * 2)
		return false;
	return constantTimeEqual(toHex(await deriveKey(password, salt)), key.toLowerCase());
}
