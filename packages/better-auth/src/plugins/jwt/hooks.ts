/**
 * After-hook on `/get-session`: a signed-in answer carries a token for the session in the
 * `set-auth-jwt` header, exposed to browsers through `Access-Control-Expose-Headers`.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { getJwtToken } from "./sign";
import type { JwtOptions, JwtSession } from "./types";

const SET_AUTH_JWT = "set-auth-jwt";

/** The `{ session, user }` a get-session call answered with, or null (signed out, an error). */
function answeredSession(returned: unknown): JwtSession | null {
	if (!returned || typeof returned !== "object" || returned instanceof Response || returned instanceof Error)
		return null;
	const { session, user } = returned as Partial<JwtSession>;
	return session && user && typeof user === "object" && "id" in user ? (returned as JwtSession) : null;
}

export function jwtHooks(options: JwtOptions): AuthHook[] {
	return [
		{
			matcher: (ctx) => ctx.path === "/get-session",
			handler: createAuthMiddleware(async (ctx) => {
				const session = answeredSession(ctx.context.returned);
				if (!session) return;
				const token = await getJwtToken({ context: { ...ctx.context, session } }, options);
				ctx.setHeader(SET_AUTH_JWT, token);
				const exposed = (ctx.context.responseHeaders?.get("access-control-expose-headers") ?? "")
					.split(",")
					.map((header) => header.trim())
					.filter(Boolean);
				if (!exposed.some((header) => header.toLowerCase() === SET_AUTH_JWT)) exposed.push(SET_AUTH_JWT);
				ctx.setHeader("access-control-expose-headers", exposed.join(", "));
			}),
		},
	];
}
