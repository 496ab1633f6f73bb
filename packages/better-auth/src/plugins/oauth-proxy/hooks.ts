/**
 * The two halves of the proxy that ride on the core OAuth endpoints.
 *
 * On the preview: before `/sign-in/social`, the callback URL becomes this deployment's completion
 * endpoint; after it, the provider's `state` parameter is replaced by the sealed state (PKCE
 * verifier included), because production cannot see the preview's database.
 *
 * On production: a `/callback/:id` whose state is a sealed state is not a local sign-in. The code
 * is exchanged here (the provider only accepts production's redirect URI), and the browser is sent
 * back to the preview with the sealed profile. Production stores nothing.
 */
import type { AuthHook } from "@better-auth/core";
import { createAuthMiddleware } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import type { OAuth2UserInfo } from "@better-auth/core/oauth2";
import { findProvider } from "../../api/routes/social";
import { type FullAuthContext, fullContext } from "../../context/full-context";
import type { OAuthStateData } from "../../oauth2/state";
import { isSafeRedirect } from "../../utils/url";
import { looksSealed, seal, unseal } from "./seal";
import type { OAuthProxyOptions } from "./types";
import { completionURL, currentOrigin, productionOrigin } from "./urls";

const SKIP_HEADER = "x-skip-oauth-proxy";
const DEFAULT_PROFILE_MAX_AGE_S = 60;

type HookCtx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

/** This deployment's origin when it should proxy (it is not production), else null. */
function proxyingFrom(ctx: HookCtx, options: OAuthProxyOptions): string | null {
	if (ctx.headers?.get(SKIP_HEADER) || ctx.request?.headers.get(SKIP_HEADER)) return null;
	const context = fullContext(ctx);
	const production = productionOrigin(options);
	const current = currentOrigin(context, options, ctx.request);
	return production && production !== current ? current : null;
}

const signInSocial = (ctx: { path?: string }) => ctx.path === "/sign-in/social";

function rewriteCallback(options: OAuthProxyOptions): AuthHook {
	return {
		matcher: signInSocial,
		handler: createAuthMiddleware(async (ctx) => {
			const body = ctx.body as Record<string, unknown> | undefined;
			if (!body || typeof body !== "object" || body.idToken || typeof body.provider !== "string") return;
			const origin = proxyingFrom(ctx, options);
			if (!origin) return;
			const context = fullContext(ctx);
			const original = body.callbackURL ?? "/";
			// The endpoint's own check now sees our URL, so the caller's is checked here.
			if (typeof original !== "string" || !isSafeRedirect(original, context.trustedOrigins)) {
				throw new APIError("FORBIDDEN", { message: "Invalid callbackURL", code: "INVALID_CALLBACK_URL" });
			}
			const callbackURL = completionURL(origin, context, body.provider, original);
			// This deployment's own origin (it may be a configured `currentURL`) is trusted for this call.
			const trustedOrigins = context.trustedOrigins.includes(origin)
				? context.trustedOrigins
				: [...context.trustedOrigins, origin];
			return { context: { body: { ...body, callbackURL }, trustedOrigins } };
		}),
	};
}

function sealState(options: OAuthProxyOptions): AuthHook {
	return {
		matcher: signInSocial,
		handler: createAuthMiddleware(async (ctx) => {
			const returned = ctx.context.returned as { url?: unknown; redirect?: unknown } | undefined;
			const body = ctx.body as { provider?: string; idToken?: unknown } | undefined;
			if (!returned || typeof returned.url !== "string" || body?.idToken || !body?.provider) return;
			const origin = proxyingFrom(ctx, options);
			if (!origin) return;
			const context = fullContext(ctx);
			const url = new URL(returned.url);
			const state = url.searchParams.get("state");
			const stored = state ? await context.internalAdapter.findVerificationValue(`auth-state:${state}`) : null;
			if (!state || !stored) return;
			const data = JSON.parse(stored.value) as OAuthStateData;
			url.searchParams.set(
				"state",
				await seal(context, {
					purpose: "oauth-proxy-state",
					providerId: body.provider,
					oauthState: state,
					codeVerifier: data.codeVerifier,
					callbackURL: data.callbackURL,
					errorURL: `${origin}${new URL(context.baseURL).pathname.replace(/\/$/, "")}/error`,
					expiresAt: data.expiresAt,
				}),
			);
			if (returned.redirect) ctx.setHeader("location", url.toString());
			return ctx.json({ ...returned, url: url.toString() });
		}),
	};
}

function redirectTo(location: string) {
	return new Response(null, { status: 302, headers: { location } });
}

function withError(base: string, error: string) {
	return `${base}${base.includes("?") ? "&" : "?"}error=${encodeURIComponent(error)}`;
}

async function exchange(
	context: FullAuthContext,
	providerId: string,
	code: string,
	codeVerifier: string,
): Promise<
	| {
			userInfo: OAuth2UserInfo;
			tokens: Awaited<ReturnType<NonNullable<ReturnType<typeof findProvider>>["validateAuthorizationCode"]>>;
	  }
	| string
> {
	const provider = findProvider(context, providerId);
	if (!provider) return "oauth_provider_not_found";
	let tokens: Awaited<ReturnType<typeof provider.validateAuthorizationCode>>;
	try {
		tokens = await provider.validateAuthorizationCode({
			code,
			codeVerifier,
			redirectURI: `${context.baseURL}/callback/${providerId}`,
		});
	} catch (error) {
		context.logger.error("OAuth proxy: code exchange failed", error);
		return "invalid_code";
	}
	const info = await provider.getUserInfo(tokens).catch(() => null);
	if (!info?.user) return "unable_to_get_user_info";
	if (!info.user.email) return "email_not_found";
	return { userInfo: info.user, tokens };
}

function forwardProfile(options: OAuthProxyOptions): AuthHook {
	return {
		matcher: (ctx) => ctx.path === "/callback/:id",
		handler: createAuthMiddleware(async (ctx) => {
			const input = { ...(ctx.query as Record<string, unknown>), ...(ctx.body as Record<string, unknown>) };
			if (typeof input.state !== "string") return;
			const context = fullContext(ctx);
			const state = await unseal(context, input.state, "oauth-proxy-state");
			if (!state) {
				// Shaped like a sealed state but not one of ours (or expired): no local state can match it.
				if (looksSealed(input.state)) return redirectTo(withError(`${context.baseURL}/error`, "state_mismatch"));
				return;
			}
			const providerId = (ctx.params as { id?: string } | undefined)?.id;
			if (providerId !== state.providerId) return redirectTo(withError(state.errorURL, "state_mismatch"));
			if (typeof input.error === "string") return redirectTo(withError(state.errorURL, input.error));
			if (typeof input.code !== "string") return redirectTo(withError(state.errorURL, "no_code"));
			const result = await exchange(context, providerId, input.code, state.codeVerifier);
			if (typeof result === "string") return redirectTo(withError(state.errorURL, result));
			const { tokens } = result;
			const profile = await seal(context, {
				purpose: "oauth-proxy-profile",
				providerId,
				oauthState: state.oauthState,
				userInfo: result.userInfo as OAuth2UserInfo & { email: string },
				tokens: {
					...tokens,
					accessTokenExpiresAt: tokens.accessTokenExpiresAt?.toISOString(),
					refreshTokenExpiresAt: tokens.refreshTokenExpiresAt?.toISOString(),
				},
				expiresAt: Date.now() + (options.maxAge ?? DEFAULT_PROFILE_MAX_AGE_S) * 1000,
			});
			return redirectTo(`${state.callbackURL}&profile=${profile}`);
		}),
	};
}

export function oauthProxyHooks(options: OAuthProxyOptions) {
	return { before: [rewriteCallback(options), forwardProfile(options)], after: [sealState(options)] };
}
