/** The client's JSON parser: dates come back as `Date`, as the server's types promise. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

function reviveDate(_key: string, value: unknown): unknown {
	if (typeof value === "string" && value.length <= 40 && ISO_DATE.test(value)) {
		const date = new Date(value);
		if (!Number.isNaN(date.getTime())) return date;
	}
	return value;
}

/** Parses a response body; an empty body is `null`, text that is not JSON stays text. */
export function parseJSON(text: string): unknown {
	if (!text) return null;
	try {
		return JSON.parse(text, reviveDate);
	} catch {
		return text;
	}
}
