/**
 * An expected failure: a missing config, an unsupported adapter, a refused prompt. The CLI prints
 * its message (which names the fix) without a stack trace and exits with code 1.
 */
export class CliError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = "CliError";
	}
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
