/** Random strings and constant-time comparison. */

const ALPHABETS = {
	"a-z": "abcdefghijklmnopqrstuvwxyz",
	"A-Z": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	"0-9": "0123456789",
	"-_": "-_",
} as const;

export type Alphabet = keyof typeof ALPHABETS;

/**
 * A crypto-random string from the given alphabets (all of them when none is given), every
 * character equally likely (rejection sampling).
 */
export function generateRandomString(length: number, ...alphabets: Alphabet[]): string {
	const chars = (alphabets.length ? alphabets : (Object.keys(ALPHABETS) as Alphabet[]))
		.map((a) => ALPHABETS[a])
		.join("");
	const limit = 256 - (256 % chars.length);
	let out = "";
	while (out.length < length) {
		for (const byte of crypto.getRandomValues(new Uint8Array((length - out.length) * 2))) {
			if (byte >= limit) continue;
			out += chars[byte % chars.length];
			if (out.length === length) break;
		}
	}
	return out;
}

/** Compares two strings or byte arrays in time that depends only on their length. */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
	const x = typeof a === "string" ? new TextEncoder().encode(a) : a;
	const y = typeof b === "string" ? new TextEncoder().encode(b) : b;
	let difference = x.length ^ y.length;
	const length = Math.max(x.length, y.length);
	for (let i = 0; i < length; i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
	return difference === 0;
}
