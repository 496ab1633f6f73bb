/**
 * A browser's cookie handling, reduced to what the tests need: Set-Cookie → Cookie, removals
 * (empty value or `Max-Age=0`) honoured, one jar per simulated browser.
 */
export interface CookieJar {
	/** Sends a request with the jar's cookies and stores the ones the response sets. */
	fetch: (url: string, init?: RequestInit) => Promise<Response>;
	/** The Cookie header the jar would send now. */
	header: () => string;
	/** The current value of a cookie, if set. */
	get: (name: string) => string | undefined;
}

export function createCookieJar(): CookieJar {
	const cookies = new Map<string, string>();
	const header = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
	const store = (response: Response) => {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(";");
			const eq = pair.indexOf("=");
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(attribute));
			if (!value || expired) cookies.delete(name);
			else cookies.set(name, value);
		}
	};
	return {
		header,
		get: (name) => cookies.get(name),
		fetch: async (url, init = {}) => {
			const headers = new Headers(init.headers);
			if (cookies.size > 0) headers.set("cookie", header());
			const response = await fetch(url, { ...init, headers, redirect: "manual" });
			store(response);
			return response;
		},
	};
}
