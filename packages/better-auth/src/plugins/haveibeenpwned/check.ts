/**
 * The Pwned Passwords range query (k-anonymity): only the first five hex characters of the
 * password's SHA-1 are sent; the returned suffixes are matched here.
 */
import { APIError } from "@better-auth/core/error";
import { HAVE_I_BEEN_PWNED_ERROR_CODES } from "./error-codes";
import type { HaveIBeenPwnedOptions } from "./types";

async function sha1Hex(value: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(value));
	return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0"))
		.join("")
		.toUpperCase();
}

/** Fails the request with 500 `PASSWORD_CHECK_FAILED`: better-auth 1.7's statuses and messages. */
function checkFailed(message: string): never {
	throw new APIError("INTERNAL_SERVER_ERROR", { code: "PASSWORD_CHECK_FAILED", message });
}

/** Throws `PASSWORD_COMPROMISED` when the range API knows the password. */
export async function assertNotPwned(password: string, options: HaveIBeenPwnedOptions): Promise<void> {
	const hash = await sha1Hex(password);
	const prefix = hash.slice(0, 5);
	const suffix = hash.slice(5);
	const base = (options.apiURL ?? "https://api.pwnedpasswords.com").replace(/\/+$/, "");
	let response: Response;
	try {
		response = await fetch(`${base}/range/${prefix}`, {
			headers: { "Add-Padding": "true", "User-Agent": "BetterAuth Password Checker" },
			signal: AbortSignal.timeout(options.timeout ?? 10_000),
		});
	} catch {
		checkFailed(HAVE_I_BEEN_PWNED_ERROR_CODES.PASSWORD_CHECK_FAILED.message);
	}
	if (!response.ok) checkFailed(`Failed to check password. Status: ${response.status}`);
	const text = await response
		.text()
		.catch(() => checkFailed(HAVE_I_BEEN_PWNED_ERROR_CODES.PASSWORD_CHECK_FAILED.message));
	// Padding entries (Add-Padding) have a count of 0: they are not breached passwords.
	const pwned = text.split("\n").some((line) => {
		const [candidate, count] = line.trim().split(":");
		return candidate?.toUpperCase() === suffix && Number(count) > 0;
	});
	if (pwned) {
		throw new APIError("BAD_REQUEST", {
			code: "PASSWORD_COMPROMISED",
			message: options.customPasswordCompromisedMessage ?? HAVE_I_BEEN_PWNED_ERROR_CODES.PASSWORD_COMPROMISED.message,
		});
	}
}
