/**
 * Trusted-origin checks for Origin headers and callback URLs. Relative paths are allowed;
 * absolute URLs must match a trusted origin exactly or by a wildcard pattern
 * (`*.example.com`, `https://*.example.com`, `myapp://`).
 */

function wildcardToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*");
	return new RegExp(`^${escaped}$`, "i");
}

/** Whether an absolute URL's origin is one of the trusted origins. */
export function isTrustedOrigin(url: string, trustedOrigins: string[]): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	const origin = parsed.origin !== "null" ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
	for (const trusted of trustedOrigins) {
		if (!trusted) continue;
		if (trusted.includes("*")) {
			const target = trusted.includes("://") ? origin : parsed.host;
			if (wildcardToRegExp(trusted.replace(/\/$/, "")).test(target)) return true;
			continue;
		}
		if (/^[a-z][a-z0-9+.-]*:\/\/$/i.test(trusted) || !trusted.startsWith("http")) {
			// Custom schemes (`myapp://`, `chrome-extension://id`): prefix match.
			if (url.toLowerCase().startsWith(trusted.toLowerCase())) return true;
			continue;
		}
		try {
			if (new URL(trusted).origin === origin) return true;
		} catch {}
	}
	return false;
}

/**
 * Whether a redirect target is safe: a same-site relative path (`/dashboard?x=1`), or an
 * absolute URL on a trusted origin. Protocol-relative (`//evil.com`), backslash and
 * control-character tricks and `javascript:` URLs are refused.
 */
export function isSafeRedirect(target: string, trustedOrigins: string[]): boolean {
	if (typeof target !== "string" || target.length === 0) return false;
	let decoded = target;
	try {
		decoded = decodeURIComponent(target);
	} catch {
		return false;
	}
	// Control characters and backslashes: browsers "fix" them into other hosts.
	for (const char of decoded) if (char === "\\" || char.charCodeAt(0) < 0x20) return false;
	if (decoded.startsWith("/")) return !decoded.startsWith("//");
	return isTrustedOrigin(target, trustedOrigins);
}
