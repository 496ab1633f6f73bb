/**
 * `GET /expo-authorization-proxy?authorizationURL=...`: the first page the in-app browser opens
 * for a social sign-in. The app started the flow with `fetch`, so the signed `state` cookie that
 * binds the flow to a browser went to the app, not to the browser; this page sets it in the
 * browser, then redirects to the provider.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { fullContext } from "better-auth/api";
import { signValue } from "better-auth/crypto";
import * as z from "zod";
import { EXPO_ERROR_CODES } from "./error-codes";

const proxyQuery = z.object({
	/** The provider's authorization URL, as `/sign-in/social` answered it. */
	authorizationURL: z.string(),
});

/** Parses the target: an absolute http(s) URL, or null. */
function parseAuthorizationURL(value: string): URL | null {
	try {
		const url = new URL(value);
		return url.protocol === "https:" || url.protocol === "http:" ? url : null;
	} catch {
		return null;
	}
}

export const expoAuthorizationProxy = createAuthEndpoint(
	"/expo-authorization-proxy",
	{
		method: "GET",
		query: proxyQuery,
		metadata: { isAction: false },
	},
	async (ctx) => {
		const url = parseAuthorizationURL(ctx.query.authorizationURL);
		// Stricter than better-auth 1.7, which redirects to any string: never to javascript:, data: or a relative path.
		if (!url) throw new APIError("BAD_REQUEST", EXPO_ERROR_CODES.INVALID_AUTHORIZATION_URL);
		const state = url.searchParams.get("state");
		if (!state) throw new APIError("BAD_REQUEST", EXPO_ERROR_CODES.UNEXPECTED_ERROR);
		const context = fullContext(ctx);
		const cookie = context.authCookies.state;
		// The same signed value `/sign-in/social` set for the app; the callback compares it with `state`.
		ctx.setCookie(cookie.name, await signValue(state, context.secret), cookie.attributes as Record<string, unknown>);
		throw ctx.redirect(url.toString());
	},
);
