/**
 * The after-hook on password sign-ins: when the user has 2FA on and the browser is not a trusted
 * device, the session the sign-in just created is taken back (row and cookies) and the answer
 * becomes `{ twoFactorRedirect: true, twoFactorMethods }` with a signed `two_factor` cookie that
 * the verify endpoints accept instead of a session.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { fullContext } from "../../context/full-context";
import { parseSetCookies } from "../../integrations/set-cookie";
import { startChallenge } from "./challenge";
import type { TwoFactorConfig } from "./config";
import { clearCookie } from "./cookies";
import { findTwoFactor } from "./store";
import { consumeTrustedDevice } from "./trust-device";

/** The sign-ins that ask for a second factor, as in better-auth 1.7. */
const SIGN_IN_PATHS = new Set(["/sign-in/email", "/sign-in/username", "/sign-in/phone-number"]);

/** Removes the Set-Cookie headers named `names` from `headers` (the sign-in's own session cookies). */
function dropSetCookies(headers: Headers, names: string[]) {
	const kept = headers.getSetCookie().filter((cookie) => !names.includes(cookie.slice(0, cookie.indexOf("=")).trim()));
	headers.delete("set-cookie");
	for (const cookie of kept) headers.append("set-cookie", cookie);
}

export function twoFactorHooks(config: TwoFactorConfig): AuthHook[] {
	return [
		{
			matcher: (ctx) => SIGN_IN_PATHS.has(ctx.path),
			handler: createAuthMiddleware(async (ctx) => {
				const context = fullContext(ctx);
				const { sessionToken, sessionData } = context.authCookies;
				const responseHeaders = ctx.context.responseHeaders;
				const issued = parseSetCookies(responseHeaders).find(
					(cookie) => cookie.name === sessionToken.name && cookie.value !== "" && cookie.options.maxAge !== 0,
				);
				if (!issued || !responseHeaders) return;
				const token = issued.value.slice(0, issued.value.lastIndexOf("."));
				const found = await context.internalAdapter.findSession(token);
				if (!found || !(found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled) return;
				if (await consumeTrustedDevice(ctx, context, config, found.user.id)) return;

				await context.internalAdapter.deleteSession(token);
				dropSetCookies(responseHeaders, [sessionToken.name, sessionData.name]);
				clearCookie(ctx, sessionToken);
				clearCookie(ctx, sessionData);
				await startChallenge(ctx, context, config, found.user.id);

				const methods: string[] = [];
				if (!config.totp.disabled) {
					const row = await findTwoFactor(context, found.user.id);
					if (row && row.verified !== false) methods.push("totp");
				}
				if (config.otp.sendOTP) methods.push("otp");
				return ctx.json({ twoFactorRedirect: true, twoFactorMethods: methods });
			}),
		},
	];
}
