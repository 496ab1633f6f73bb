/**
 * A failed exchange with a provider. Keeps RFC 6749's `error` and `error_description` when the
 * provider sent them, and the HTTP status.
 */
export class OAuth2Error extends Error {
	readonly error: string;
	readonly error_description?: string;
	readonly status?: number;

	constructor(error: string, description?: string, status?: number) {
		super(description ? `${error}: ${description}` : error);
		this.name = "OAuth2Error";
		this.error = error;
		this.error_description = description;
		this.status = status;
	}
}
