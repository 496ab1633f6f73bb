/**
 * Set-Cookie headers → `{ name, value, options }`, the shape framework cookie APIs take
 * (`cookies().set` in Next.js, `event.cookies.set` in SvelteKit, `setCookie` in TanStack Start).
 * Shared by the cookie plugins; not a public entry.
 */

/** Cookie attributes in the option names the frameworks' cookie setters use. */
export interface CookieAttributes {
	path?: string;
	domain?: string;
	maxAge?: number;
	expires?: Date;
	httpOnly?: boolean;
	secure?: boolean;
	sameSite?: "lax" | "strict" | "none";
	partitioned?: boolean;
}

export interface ParsedSetCookie {
	name: string;
	/** Decoded: the frameworks encode it again when they write the header. */
	value: string;
	options: CookieAttributes;
}

function decode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function applyAttribute(options: CookieAttributes, key: string, value: string): void {
	switch (key) {
		case "path":
			options.path = value;
			break;
		case "domain":
			options.domain = value;
			break;
		case "max-age": {
			const seconds = Number(value);
			if (Number.isFinite(seconds)) options.maxAge = seconds;
			break;
		}
		case "expires": {
			const date = new Date(value);
			if (!Number.isNaN(date.getTime())) options.expires = date;
			break;
		}
		case "httponly":
			options.httpOnly = true;
			break;
		case "secure":
			options.secure = true;
			break;
		case "samesite": {
			const mode = value.toLowerCase();
			if (mode === "lax" || mode === "strict" || mode === "none") options.sameSite = mode;
			break;
		}
		case "partitioned":
			options.partitioned = true;
			break;
	}
}

/** Parses one Set-Cookie header value; `null` when it has no `name=`. */
export function parseSetCookie(header: string): ParsedSetCookie | null {
	const [pair, ...attributes] = header.split(";");
	const eq = pair.indexOf("=");
	if (eq <= 0) return null;
	const name = pair.slice(0, eq).trim();
	if (!name) return null;
	let value = pair.slice(eq + 1).trim();
	if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
	const options: CookieAttributes = {};
	for (const attribute of attributes) {
		const at = attribute.indexOf("=");
		const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
		applyAttribute(options, key, at === -1 ? "" : attribute.slice(at + 1).trim());
	}
	return { name, value: decode(value), options };
}

/** Every cookie the headers set, in order; unparsable headers are skipped. */
export function parseSetCookies(headers: Headers | undefined): ParsedSetCookie[] {
	if (!headers) return [];
	const cookies: ParsedSetCookie[] = [];
	for (const header of headers.getSetCookie()) {
		const cookie = parseSetCookie(header);
		if (cookie) cookies.push(cookie);
	}
	return cookies;
}
