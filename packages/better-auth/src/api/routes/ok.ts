import { createAuthEndpoint } from "@better-auth/core/api";

/** `GET /ok`: a health check. */
export const ok = createAuthEndpoint(
	"/ok",
	{ method: "GET", metadata: { openapi: { description: "Check if the API is working" } } },
	async (ctx) => ctx.json({ ok: true }),
);
