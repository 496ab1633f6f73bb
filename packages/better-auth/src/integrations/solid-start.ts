/**
 * SolidStart integration: API route handlers for `routes/api/auth/*all.ts`.
 */

type FetchHandler = (request: Request) => Promise<Response>;

/** What SolidStart passes an API route handler; only the web `Request` is needed. */
export interface SolidStartEvent {
	request: Request;
}

/**
 * Route handlers for every method the auth router answers.
 * @example
 * export const { GET, POST } = toSolidStartHandler(auth);
 */
export function toSolidStartHandler(auth: { handler: FetchHandler } | FetchHandler) {
	const handler = (event: SolidStartEvent): Promise<Response> =>
		typeof auth === "function" ? auth(event.request) : auth.handler(event.request);
	return { GET: handler, POST: handler, PATCH: handler, PUT: handler, DELETE: handler };
}
