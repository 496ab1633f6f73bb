/** `secret`: prints a strong BETTER_AUTH_SECRET. */
import type { Ui } from "../utils/ui";

/** 32 random bytes as hex: 256 bits, the strength Better Auth's HMAC and encryption keys want. */
export function createSecret(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Prints the secret as an .env line, so `npx @better-auth/cli secret >> .env` works too. */
export function secretCommand(ui: Ui): void {
	ui.print(`# Add this to your .env file and keep it out of version control:\nBETTER_AUTH_SECRET=${createSecret()}`);
}
