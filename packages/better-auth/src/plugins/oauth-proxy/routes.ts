/**
 * `GET /callback/:id/oauth-proxy` (and its older name `GET /oauth-proxy-callback`): the preview's
 * end of the flow. It opens the sealed profile production sent, takes its own stored state (once),
 * signs the user in here and redirects to the original callback URL.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { findProvider } from "../../api/routes/social";
import { requestMeta, setSessionCookie } from "../../api/session-cookie";
import { fullContext } from "../../context/full-context";
import { signInWithOAuthUser } from "../../oauth2/link-account";
import { parseState } from "../../oauth2/state";
import { unseal } from "./seal";

const completionQuery = z.object({ callbackURL: z.string(), profile: z.string().optional() });

function errorURL(base: string, error: string) {
	return `${base}${base.includes("?") ? "&" : "?"}error=${encodeURIComponent(error)}`;
}

/** What the completion needs of the endpoint context. */
interface CompletionCtx {
	context: unknown;
	query: z.infer<typeof completionQuery>;
	headers?: Headers;
	request?: Request;
	setCookie: (name: string, value: string, options?: Record<string, unknown>) => unknown;
	redirect: (url: string) => Error;
}

async function complete(ctx: CompletionCtx, expectedProvider: string | undefined): Promise<never> {
	const context = fullContext(ctx);
	const fallback = `${context.baseURL}/error`;
	if (!ctx.query.profile) throw ctx.redirect(errorURL(fallback, "missing_profile"));
	const profile = await unseal(context, ctx.query.profile, "oauth-proxy-profile");
	if (!profile || (expectedProvider !== undefined && profile.providerId !== expectedProvider)) {
		throw ctx.redirect(errorURL(fallback, "invalid_profile"));
	}
	// The flow must have started here, in this browser: the state is taken once, cookie checked.
	const parsed = await parseState(ctx, profile.oauthState);
	if (!parsed.ok) throw ctx.redirect(errorURL(parsed.errorURL ?? fallback, "state_mismatch"));
	const state = parsed.data;
	const fail = (error: string): never => {
		throw ctx.redirect(errorURL(state.errorURL ?? fallback, error));
	};
	const provider = findProvider(context, profile.providerId);
	const linking = context.options.account?.accountLinking as { disableImplicitSignUp?: boolean } | undefined;
	const result = await signInWithOAuthUser(context, {
		providerId: profile.providerId,
		userInfo: profile.userInfo,
		tokens: {
			...profile.tokens,
			accessTokenExpiresAt: profile.tokens.accessTokenExpiresAt
				? new Date(profile.tokens.accessTokenExpiresAt)
				: undefined,
			refreshTokenExpiresAt: profile.tokens.refreshTokenExpiresAt
				? new Date(profile.tokens.refreshTokenExpiresAt)
				: undefined,
		},
		disableSignUp:
			Boolean(provider?.options?.disableSignUp) ||
			(Boolean(provider?.options?.disableImplicitSignUp ?? linking?.disableImplicitSignUp) && !state.requestSignUp),
		overrideUserInfo: provider?.options?.overrideUserInfoOnSignIn,
		callbackURL: ctx.query.callbackURL,
		request: ctx.request,
	});
	if ("error" in result) return fail(result.error);
	const session = await context.internalAdapter.createSession(result.user.id, requestMeta(ctx));
	if (!session) return fail("unable_to_create_session");
	await setSessionCookie(ctx, { session, user: result.user });
	throw ctx.redirect(result.isRegister && state.newUserURL ? state.newUserURL : ctx.query.callbackURL);
}

export const oAuthProxyCallback = createAuthEndpoint(
	"/oauth-proxy-callback",
	{ method: "GET", query: completionQuery, use: [originCheck()] },
	async (ctx) => complete(ctx, undefined),
);

export const oAuthProxyCompletion = createAuthEndpoint(
	"/callback/:id/oauth-proxy",
	{ method: "GET", query: completionQuery, use: [originCheck()] },
	async (ctx) => complete(ctx, ctx.params.id),
);
