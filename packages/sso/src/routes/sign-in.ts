/**
 * `POST /sign-in/sso`: finds the provider (providerId, organization slug, email domain or domain)
 * and answers `{ url, redirect: true }`: the OIDC authorization URL, or the SAML AuthnRequest
 * (HTTP-Redirect binding) with the sign-in state as RelayState.
 */
import { createAuthEndpoint } from "@better-auth/core/api";
import { APIError } from "@better-auth/core/error";
import { fullContext, originCheck } from "better-auth/api";
import { generateRandomString } from "better-auth/crypto";
import * as z from "zod";
import { SSO_ERROR_CODES } from "../error-codes";
import { authorizationURL, discover, needsDiscovery } from "../oidc";
import { findProvider } from "../providers";
import { createSAML } from "../saml";
import { createState } from "../state";
import type { SSOOptions } from "../types";

const signInBody = z.object({
	email: z.string().optional(),
	organizationSlug: z.string().min(1).optional(),
	providerId: z.string().min(1).optional(),
	domain: z.string().min(1).optional(),
	callbackURL: z.string(),
	errorCallbackURL: z.string().optional(),
	newUserCallbackURL: z.string().optional(),
	scopes: z.array(z.string()).optional(),
	loginHint: z.string().optional(),
	requestSignUp: z.boolean().optional(),
	providerType: z.enum(["oidc", "saml"]).optional(),
});

export function signInSSO(options: SSOOptions) {
	return createAuthEndpoint("/sign-in/sso", { method: "POST", body: signInBody, use: [originCheck()] }, async (ctx) => {
		const context = fullContext(ctx);
		const body = ctx.body;
		if (!body.email && !body.organizationSlug && !body.providerId && !body.domain) {
			throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.PROVIDER_IDENTIFIER_REQUIRED);
		}
		if (body.email !== undefined && !z.email().safeParse(body.email).success) {
			throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.INVALID_EMAIL);
		}
		const provider = await findProvider(context, options, body);
		if (!provider) throw new APIError("NOT_FOUND", SSO_ERROR_CODES.PROVIDER_NOT_FOUND);
		const useSAML = body.providerType ? body.providerType === "saml" : !provider.oidcConfig && !!provider.samlConfig;
		const state = {
			callbackURL: body.callbackURL,
			errorURL: body.errorCallbackURL,
			newUserURL: body.newUserCallbackURL,
			requestSignUp: body.requestSignUp,
			providerId: provider.providerId,
		};

		if (useSAML) {
			if (!provider.samlConfig) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.PROVIDER_TYPE_NOT_SUPPORTED);
			const relayState = await createState(ctx, state, { bindCookie: false });
			let url: string;
			try {
				url = await createSAML(context, provider, provider.samlConfig).getAuthorizeUrlAsync(relayState, undefined, {});
			} catch (error) {
				context.logger.error("SSO: could not build the SAML AuthnRequest", error);
				throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.INVALID_SAML_CONFIGURATION);
			}
			return ctx.json({ url, redirect: true });
		}

		if (!provider.oidcConfig) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.PROVIDER_TYPE_NOT_SUPPORTED);
		let config = provider.oidcConfig;
		if (needsDiscovery(config) && !config.authorizationEndpoint) {
			const found = await discover(provider.issuer, config);
			if (!found.ok) throw new APIError("BAD_REQUEST", SSO_ERROR_CODES.OIDC_DISCOVERY_FAILED);
			config = found.config;
		}
		const codeVerifier = config.pkce === false ? undefined : generateRandomString(128, "a-z", "A-Z", "0-9", "-_");
		const stateId = await createState(ctx, { ...state, codeVerifier }, { bindCookie: true });
		const url = await authorizationURL({
			config,
			state: stateId,
			codeVerifier,
			redirectURI: `${context.baseURL}/sso/callback/${provider.providerId}`,
			scopes: body.scopes,
			loginHint: body.loginHint ?? body.email,
		});
		return ctx.json({ url, redirect: true });
	});
}
