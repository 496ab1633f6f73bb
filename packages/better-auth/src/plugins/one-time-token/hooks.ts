/**
 * `setOttHeaderOnNewSession`: every response that issues a session cookie also carries a fresh
 * one-time token for that session in `set-ott` (exposed to browsers).
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { fullContext } from "../../context/full-context";
import { verifySignedValue } from "../../crypto/hmac";
import { parseSetCookies } from "../../integrations/set-cookie";
import { issueToken } from "./tokens";
import type { OneTimeTokenOptions, OneTimeTokenSession } from "./types";

const SET_OTT = "set-ott";

export function oneTimeTokenHooks(options: OneTimeTokenOptions): AuthHook[] {
	return [
		{
			matcher: () => true,
			handler: createAuthMiddleware(async (ctx) => {
				const context = fullContext(ctx);
				const issued = parseSetCookies(ctx.context.responseHeaders)
					.filter((cookie) => cookie.name === context.authCookies.sessionToken.name)
					.at(-1);
				// Only a live cookie: sign-out and ended sessions clear it with an empty value.
				if (!issued || issued.value === "" || issued.options.maxAge === 0) return;
				const token = await verifySignedValue(issued.value, context.secret);
				const found = token ? await context.internalAdapter.findSession(token) : null;
				if (!found) return;
				ctx.setHeader(SET_OTT, await issueToken(ctx, found as OneTimeTokenSession, options));
				const exposed = (ctx.context.responseHeaders?.get("access-control-expose-headers") ?? "")
					.split(",")
					.map((header) => header.trim())
					.filter(Boolean);
				if (!exposed.some((header) => header.toLowerCase() === SET_OTT)) exposed.push(SET_OTT);
				ctx.setHeader("access-control-expose-headers", exposed.join(", "));
			}),
		},
	];
}
