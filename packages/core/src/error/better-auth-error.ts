/**
 * A misconfiguration, thrown at start-up (or at first use) with a message that says what to do.
 * Never used for HTTP outcomes: those are `APIError`s with a stable code.
 */
export class BetterAuthError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = "BetterAuthError";
	}
}
