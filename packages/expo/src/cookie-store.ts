/**
 * The app's cookie jar, as JSON in the app's storage: `{ [name]: { value, expires } }` with
 * `expires` an ISO date or null (no expiry known). Set-Cookie headers are merged in; expired
 * cookies (Max-Age=0, a past Expires) are dropped when stored and when read.
 */

export interface StoredCookie {
	value: string;
	/** ISO date after which the cookie is no longer sent; null when the server gave none. */
	expires: string | null;
}

export type StoredCookies = Record<string, StoredCookie>;

/**
 * Splits a Set-Cookie header that holds several cookies joined by ", " (what `Headers.get`
 * and the `?cookie=` redirect parameter carry). A comma inside `Expires=Wed, 21 Oct ...` is not
 * a separator: a separator is followed by `name=`.
 */
export function splitSetCookieHeader(header: string): string[] {
	return header
		.split(/,(?=\s*[^;,=\s]+=)/)
		.map((part) => part.trim())
		.filter(Boolean);
}

/** One Set-Cookie line → name, value and expiry (Max-Age wins over Expires, as in RFC 6265). */
function parseSetCookieLine(line: string, now: number): { name: string; cookie: StoredCookie } | null {
	const [pair, ...attributes] = line.split(";");
	const separator = pair.indexOf("=");
	if (separator <= 0) return null;
	const name = pair.slice(0, separator).trim();
	const value = pair.slice(separator + 1).trim();
	if (!name) return null;
	let maxAge: number | undefined;
	let expires: number | undefined;
	for (const attribute of attributes) {
		const [key, ...rest] = attribute.split("=");
		const attributeValue = rest.join("=").trim();
		switch (key.trim().toLowerCase()) {
			case "max-age": {
				const seconds = Number(attributeValue);
				if (attributeValue !== "" && Number.isFinite(seconds)) maxAge = seconds;
				break;
			}
			case "expires": {
				const time = Date.parse(attributeValue);
				if (!Number.isNaN(time)) expires = time;
				break;
			}
		}
	}
	const expiresAt = maxAge !== undefined ? now + maxAge * 1000 : expires;
	return { name, cookie: { value, expires: expiresAt !== undefined ? new Date(expiresAt).toISOString() : null } };
}

function isExpired(cookie: StoredCookie, now: number): boolean {
	if (cookie.expires === null) return false;
	const time = Date.parse(cookie.expires);
	return Number.isNaN(time) || time <= now;
}

/** Reads the stored jar; anything malformed (bad JSON, wrong shapes) reads as empty, never throws. */
export function readStoredCookies(json: string | null | undefined, now = Date.now()): StoredCookies {
	if (!json) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(json);
	} catch {
		return {};
	}
	if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
	const cookies: StoredCookies = {};
	for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
		if (!entry || typeof entry !== "object") continue;
		const { value, expires } = entry as Record<string, unknown>;
		if (typeof value !== "string") continue;
		const cookie: StoredCookie = { value, expires: typeof expires === "string" ? expires : null };
		if (!isExpired(cookie, now)) cookies[name] = cookie;
	}
	return cookies;
}

/** The stored jar with a Set-Cookie header applied: new values replace old, expired ones go. */
export function mergeSetCookie(header: string, previous: StoredCookies, now = Date.now()): StoredCookies {
	const cookies: StoredCookies = { ...previous };
	for (const line of splitSetCookieHeader(header)) {
		const parsed = parseSetCookieLine(line, now);
		if (!parsed) continue;
		if (isExpired(parsed.cookie, now) || parsed.cookie.value === "") delete cookies[parsed.name];
		else cookies[parsed.name] = parsed.cookie;
	}
	return cookies;
}

/** The `Cookie` request header for the stored jar (`a=1; b=2`), empty when there is nothing to send. */
export function toCookieHeader(cookies: StoredCookies): string {
	return Object.entries(cookies)
		.map(([name, cookie]) => `${name}=${cookie.value}`)
		.join("; ");
}
