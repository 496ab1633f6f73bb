/**
 * `genericOAuth`: any OAuth2 / OpenID Connect provider, by discovery document or explicit
 * endpoints. Each config becomes a provider in `ctx.context.socialProviders`, so sign-in,
 * callback, linking, get-access-token and refresh share the core flow; the plugin adds its own
 * paths (sign-in/oauth2, oauth2/callback/:providerId, oauth2/link) as better-auth 1.7 does.
 */
import type { BetterAuthPlugin } from "@better-auth/core";
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError, BASE_ERROR_CODES, defineErrorCodes } from "@better-auth/core/error";
import type { OAuthProvider } from "@better-auth/core/oauth2";
import * as z from "zod";
import { originCheck } from "../../api/middlewares/origin-check";
import { currentSession, sessionMiddleware } from "../../api/middlewares/session";
import { findProvider, finishOAuthCallback, startOAuthFlow } from "../../api/routes/social";
import { fullContext } from "../../context/full-context";
import { createGenericProvider, type GenericOAuthConfig } from "./provider";

export type { GenericOAuthConfig } from "./provider";

export interface GenericOAuthOptions {
	config: GenericOAuthConfig[];
}

export const GENERIC_OAUTH_ERROR_CODES = defineErrorCodes({
	INVALID_OAUTH_CONFIGURATION: "Invalid OAuth configuration",
});

const callbackPath = (providerId: string) => `/oauth2/callback/${providerId}`;

function genericProvider(ctx: { context: unknown }, providerId: string, ids: Set<string>): OAuthProvider {
	const context = fullContext(ctx);
	const provider = ids.has(providerId) ? findProvider(context, providerId) : undefined;
	if (!provider) {
		context.logger.error("Provider not found. Make sure to add the provider in your genericOAuth config", {
			providerId,
		});
		throw new APIError("NOT_FOUND", BASE_ERROR_CODES.PROVIDER_NOT_FOUND);
	}
	return provider;
}

export function genericOAuth(options: GenericOAuthOptions) {
	const ids = new Set(options.config.map((config) => config.providerId));
	for (const config of options.config) {
		if (!config.discoveryUrl && !(config.authorizationUrl && config.tokenUrl)) {
			throw new Error(
				`genericOAuth: provider "${config.providerId}" needs a discoveryUrl, or an authorizationUrl and a tokenUrl.`,
			);
		}
	}
	return {
		id: "generic-oauth" as const,
		init: (context) => ({
			context: {
				socialProviders: [
					...options.config.map((config) => createGenericProvider(config, context)),
					...context.socialProviders,
				],
			},
		}),
		endpoints: {
			signInWithOAuth2: createAuthEndpoint(
				"/sign-in/oauth2",
				{
					method: "POST",
					body: z.object({
						providerId: z.string(),
						callbackURL: z.string().optional(),
						errorCallbackURL: z.string().optional(),
						newUserCallbackURL: z.string().optional(),
						disableRedirect: z.boolean().optional(),
						scopes: z.array(z.string()).optional(),
						requestSignUp: z.boolean().optional(),
						additionalData: z.record(z.string(), z.unknown()).optional(),
					}),
					use: [originCheck()],
				},
				async (ctx) => {
					const provider = genericProvider(ctx, ctx.body.providerId, ids);
					return ctx.json(await startOAuthFlow(ctx, provider, ctx.body, callbackPath));
				},
			),
			oAuth2Callback: createAuthEndpoint(
				"/oauth2/callback/:providerId",
				{
					method: ["GET", "POST"],
					query: z.record(z.string(), z.string()).optional(),
					body: z.record(z.string(), z.unknown()).optional(),
					metadata: { allowedMediaTypes: ["application/x-www-form-urlencoded", "application/json"] },
				},
				async (ctx) => finishOAuthCallback(ctx as never, ctx.params.providerId, callbackPath),
			),
			oAuth2LinkAccount: createAuthEndpoint(
				"/oauth2/link",
				{
					method: "POST",
					body: z.object({
						providerId: z.string(),
						callbackURL: z.string(),
						scopes: z.array(z.string()).optional(),
						errorCallbackURL: z.string().optional(),
					}),
					use: [sessionMiddleware, originCheck()],
				},
				async (ctx) => {
					const provider = genericProvider(ctx, ctx.body.providerId, ids);
					const { user } = currentSession(ctx);
					const flow = await startOAuthFlow(
						ctx,
						provider,
						{ ...ctx.body, link: { userId: user.id, email: user.email } },
						callbackPath,
					);
					return ctx.json(flow);
				},
			),
		},
		$ERROR_CODES: GENERIC_OAUTH_ERROR_CODES,
		options: options as unknown as Record<string, unknown>,
	} satisfies BetterAuthPlugin;
}
