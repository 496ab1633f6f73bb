/**
 * `GET /sso/callback/:providerId`: the OIDC redirect back. Checks the state, exchanges the code,
 * verifies the ID token, signs the user in and redirects to the callback URL. Failures redirect
 * to the error (or callback) URL with `?error=<code>&error_description=<text>`.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { fullContext } from "better-auth/api";
import * as z from "zod";
import { discover, exchangeCode, mapOIDCClaims, needsDiscovery } from "../oidc";
import { findProvider } from "../providers";
import { signInSSOUser } from "../provision";
import { consumeState } from "../state";
import type { SSOOptions } from "../types";

const callbackQuery = z.object({
	code: z.string().optional(),
	state: z.string().optional(),
	error: z.string().optional(),
	error_description: z.string().optional(),
});

/** `url` with `error` (and a description) added to its query. */
export function withError(url: string, error: string, description?: string): string {
	const params = new URLSearchParams({ error });
	if (description) params.set("error_description", description);
	return `${url}${url.includes("?") ? "&" : "?"}${params.toString()}`;
}

export function callbackSSO(options: SSOOptions) {
	return createAuthEndpoint(
		"/sso/callback/:providerId",
		{ method: "GET", query: callbackQuery, metadata: { isAction: false } },
		async (ctx) => {
			const context = fullContext(ctx);
			const parsed = await consumeState(ctx, ctx.query.state, { checkCookie: true });
			if (!parsed.ok) {
				const base = context.options.onAPIError?.errorURL ?? `${context.baseURL}/error`;
				throw ctx.redirect(withError(base, parsed.error));
			}
			const state = parsed.data;
			const fail = (error: string, description?: string): never => {
				throw ctx.redirect(withError(state.errorURL ?? state.callbackURL, error, description));
			};
			if (ctx.query.error) fail(ctx.query.error, ctx.query.error_description);
			if (state.providerId !== ctx.params.providerId) fail("invalid_provider", "state was issued for another provider");
			const provider = await findProvider(context, options, { providerId: ctx.params.providerId });
			if (!provider?.oidcConfig) return fail("invalid_provider", "provider not found");
			if (!ctx.query.code) return fail("invalid_request", "no code");
			let config = provider.oidcConfig;
			if (needsDiscovery(config)) {
				const found = await discover(provider.issuer, config);
				if (found.ok) config = found.config;
				else if (!config.tokenEndpoint) return fail("invalid_provider", found.error);
			}
			const exchanged = await exchangeCode({
				issuer: provider.issuer,
				config,
				code: ctx.query.code,
				codeVerifier: state.codeVerifier,
				redirectURI: `${context.baseURL}/sso/callback/${provider.providerId}`,
			});
			if (!exchanged.ok) return fail("invalid_provider", exchanged.error);
			const userInfo = mapOIDCClaims(exchanged.claims, config, options.trustEmailVerified ?? false);
			if (!userInfo) return fail("invalid_provider", "missing_user_info");
			const result = await signInSSOUser(ctx, options, {
				provider,
				userInfo,
				raw: exchanged.claims,
				tokens: exchanged.tokens,
				requestSignUp: state.requestSignUp,
			});
			if ("error" in result) return fail(result.error);
			throw ctx.redirect(result.isRegister ? (state.newUserURL ?? state.callbackURL) : state.callbackURL);
		},
	);
}
