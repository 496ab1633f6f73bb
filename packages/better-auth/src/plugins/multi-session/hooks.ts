/**
 * After any response that issues a session cookie, the session joins the device's list; after a
 * sign-out, every session on the list ends too.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { fullContext } from "../../context/full-context";
import { verifySignedValue } from "../../crypto/hmac";
import { parseSetCookies } from "../../integrations/set-cookie";
import { expiredAttributes, liveSession, readDeviceCookies, setDeviceCookie } from "./cookies";

export function multiSessionHooks(maximumSessions: number): AuthHook[] {
	return [
		{
			matcher: (ctx) => ctx.path !== "/sign-out",
			handler: createAuthMiddleware(async (ctx) => {
				const context = fullContext(ctx);
				const issued = parseSetCookies(ctx.context.responseHeaders)
					.filter((cookie) => cookie.name === context.authCookies.sessionToken.name)
					.at(-1);
				if (!issued || issued.value === "" || issued.options.maxAge === 0) return;
				const token = await verifySignedValue(issued.value, context.secret);
				if (!token) return;
				const device = await readDeviceCookies(ctx, context);
				if (device.some((cookie) => cookie.token === token)) return;
				const added = await liveSession(context, token);
				if (!added) return;

				// One session per account on a device: signing in again replaces the earlier one.
				let kept = device.length;
				for (const cookie of device) {
					if (!cookie.token) continue;
					const found = await context.internalAdapter.findSession(cookie.token);
					if (found?.user.id !== added.user.id) continue;
					await context.internalAdapter.deleteSession(cookie.token);
					ctx.setCookie(cookie.name, "", expiredAttributes(context));
					kept--;
				}
				// Every `_multi-` cookie counts toward the limit, as in better-auth 1.7.
				if (kept >= maximumSessions) return;
				await setDeviceCookie(ctx, context, token);
			}),
		},
		{
			matcher: (ctx) => ctx.path === "/sign-out",
			handler: createAuthMiddleware(async (ctx) => {
				// Only after a sign-out that happened (not one refused by the origin check).
				if (ctx.context.returned instanceof APIError) return;
				const context = fullContext(ctx);
				for (const cookie of await readDeviceCookies(ctx, context)) {
					if (!cookie.token) continue;
					await context.internalAdapter.deleteSession(cookie.token);
					ctx.setCookie(cookie.name, "", expiredAttributes(context));
				}
			}),
		},
	];
}
