const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A random id of `size` characters from [A-Za-z0-9], the format Better Auth uses (32 characters).
 * Rejection sampling keeps every character equally likely.
 */
export function generateRandomId(size = 32): string {
	const alphabetLength = ALPHANUMERIC.length;
	// Largest multiple of 62 below 256: bytes at or above it would bias the result.
	const limit = 256 - (256 % alphabetLength);
	let id = "";
	while (id.length < size) {
		const bytes = crypto.getRandomValues(new Uint8Array((size - id.length) * 2));
		for (const byte of bytes) {
			if (byte >= limit) continue;
			id += ALPHANUMERIC[byte % alphabetLength];
			if (id.length === size) break;
		}
	}
	return id;
}
