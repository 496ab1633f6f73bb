/**
 * TOTP (RFC 6238) with the `otpauth` library. The secret is a random 32-character string whose
 * UTF-8 bytes are the HMAC key, as better-auth 1.7 does, so secrets enrolled there keep working.
 */
import { Secret, TOTP } from "otpauth";
import { generateRandomString } from "../../crypto/random";

export interface TOTPSettings {
	digits: number;
	period: number;
}

/** A new TOTP secret (stored encrypted, never sent except inside the otpauth:// URI). */
export function generateTOTPSecret(): string {
	return generateRandomString(32, "a-z", "A-Z", "0-9", "-_");
}

const key = (secret: string) => Secret.fromUTF8(secret);

/** The code for `secret` at `timestamp` (now by default). */
export function generateTOTP(secret: string, settings: TOTPSettings, timestamp?: number): string {
	return TOTP.generate({ secret: key(secret), digits: settings.digits, period: settings.period, timestamp });
}

/** Whether `code` is the current code, or the one of the period just before or after. */
export function verifyTOTP(secret: string, code: string, settings: TOTPSettings): boolean {
	if (code.length !== settings.digits || !/^\d+$/.test(code)) return false;
	return (
		TOTP.validate({ token: code, secret: key(secret), digits: settings.digits, period: settings.period, window: 1 }) !==
		null
	);
}

/**
 * The `otpauth://totp/...` URI authenticator apps scan, in better-auth 1.7's exact form:
 * `otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&digits=<d>&period=<p>`.
 */
export function totpURI(secret: string, issuer: string, account: string, settings: TOTPSettings): string {
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
	const query = new URLSearchParams({
		secret: key(secret).base32,
		issuer,
		digits: String(settings.digits),
		period: String(settings.period),
	});
	return `otpauth://totp/${label}?${query}`;
}
